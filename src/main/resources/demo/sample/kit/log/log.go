// Package log is a small structured logger that writes one JSON object per line.
package log

import (
	"encoding/json"
	"io"
	"sync"
	"time"
)

// Logger writes entries to an io.Writer. It is safe for concurrent use.
type Logger struct {
	mu  sync.Mutex
	out io.Writer
	now func() time.Time
}

// New returns a Logger that writes to out.
func New(out io.Writer) *Logger {
	return &Logger{out: out, now: time.Now}
}

// Info logs msg at level info with the given fields.
func (l *Logger) Info(msg string, fields ...Field) {
	l.write("info", msg, fields)
}

// Error logs msg at level error with the given fields.
func (l *Logger) Error(msg string, fields ...Field) {
	l.write("error", msg, fields)
}

func (l *Logger) write(level, msg string, fields []Field) {
	entry := make(map[string]any, len(fields)+3)
	entry["time"] = l.now().UTC().Format(time.RFC3339Nano)
	entry["level"] = level
	entry["msg"] = msg
	for _, f := range fields {
		entry[f.Key] = f.Value
	}
	line, err := json.Marshal(entry)
	if err != nil {
		line = []byte(`{"level":"error","msg":"log: entry could not be encoded"}`)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	_, _ = l.out.Write(append(line, '\n'))
}
