package log

import "time"

// Field is one key/value pair of a log entry.
type Field struct {
	Key   string
	Value any
}

// String is a field with a string value.
func String(key, value string) Field { return Field{Key: key, Value: value} }

// Int is a field with an integer value.
func Int(key string, value int) Field { return Field{Key: key, Value: value} }

// Duration is a field with a duration, written as text ("1.5s").
func Duration(key string, d time.Duration) Field { return Field{Key: key, Value: d.String()} }
