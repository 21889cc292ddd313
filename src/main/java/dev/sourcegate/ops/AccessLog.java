package dev.sourcegate.ops;

import java.io.PrintStream;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * One JSON line per RPC: time, tenant, request id, method, code, HTTP status, duration. Never a token, a
 * cookie or a request body.
 *
 * <p>Lines go to a writer thread through a bounded lock-free queue that the writer drains every few
 * milliseconds: an event loop never waits for stdout, and never wakes the writer (signalling a sleeping
 * thread per request cost more CPU than writing the line). When the queue is full, lines are dropped and
 * counted. An event loop queues the line's fields and its time, nothing more: the writer formats each
 * line straight into the batch it writes (a line built on the loop was a String made twice, the largest
 * allocation of a warm GetFile after Netty's own). Lines are built by hand: the fields are few and known,
 * and a JSON object per request was a visible share of a cache hit's cost.
 */
public final class AccessLog {
  static final int CAPACITY = 16_384;
  /** How long the writer sleeps when it finds nothing: the most a line waits before it is written. */
  static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  /** One request's line, as its fields: formatted by the writer thread. */
  private record Line(long epochMillis, String tenant, String requestId, String method, String code, int status,
      double durationMs, boolean stale) {}

  private final Queue<Line> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final LongAdder dropped = new LongAdder();
  private final Sink sink;
  private final boolean enabled;

  /** Takes a batch of formatted lines (joined by line breaks, none at the end); called by the writer thread only. */
  private interface Sink {
    void write(StringBuilder batch);
  }

  /** Writes each batch and a line break to out, then flushes. */
  public AccessLog(boolean enabled, PrintStream out) {
    this(enabled, new StreamSink(out));
  }

  /** Hands each batch to sink as one string (lines joined by line breaks, none at the end). */
  public AccessLog(boolean enabled, Consumer<String> sink) {
    this(enabled, (Sink) batch -> sink.accept(batch.toString()));
  }

  private AccessLog(boolean enabled, Sink sink) {
    this.enabled = enabled;
    this.sink = sink;
    if (enabled) {
      Thread writer = new Thread(this::drain, "sourcegate-access-log");
      writer.setDaemon(true);
      writer.start();
    }
  }

  public void log(String tenant, String requestId, String method, String code, int status, double durationMs, boolean stale) {
    if (!enabled) {
      return;
    }
    if (queued.incrementAndGet() > CAPACITY) {
      queued.decrementAndGet();
      dropped.increment();
      return;
    }
    queue.offer(new Line(System.currentTimeMillis(), tenant, requestId, method, code, status, durationMs, stale));
  }

  /** Appends one line's JSON (no line break). */
  private static void format(StringBuilder out, Line l) {
    out.append("{\"ts\":\"");
    JsonText.time(out, l.epochMillis());
    out.append("\",\"type\":\"access\",\"tenant\":");
    JsonText.string(out, l.tenant() == null ? "" : l.tenant());
    out.append(",\"requestId\":");
    JsonText.string(out, l.requestId());
    out.append(",\"method\":");
    JsonText.string(out, l.method());
    out.append(",\"code\":");
    JsonText.string(out, l.code());
    out.append(",\"status\":").append(l.status()).append(",\"durationMs\":");
    JsonText.millis(out, l.durationMs());
    if (l.stale()) {
      out.append(",\"stale\":true");
    }
    out.append('}');
  }

  public long dropped() {
    return dropped.sum();
  }

  /** Lines accepted and not yet written: what the writer thread still has to do. */
  int pending() {
    return queued.get();
  }

  /**
   * A batch written to a PrintStream as bytes. Lines are nearly always ASCII (a tenant is the one field
   * that may hold anything), and an ASCII batch is copied straight into a byte array kept for the next
   * batch: printing the batch as a string made two copies of it (the batch as a string, then with the
   * line break) and ran the stream's charset encoder over every character, which the warm GetFile
   * profile showed as the largest allocation after Netty's own and the access log thread's CPU. ASCII is
   * the same bytes in any charset the stream may use; a batch with any other character is printed as
   * before, so the stream's charset encodes it.
   */
  private static final class StreamSink implements Sink {
    private final PrintStream out;
    private byte[] bytes = new byte[64 * 1024];

    StreamSink(PrintStream out) {
      this.out = out;
    }

    @Override
    public void write(StringBuilder batch) {
      int n = batch.length();
      if (bytes.length < n + 1) {
        bytes = new byte[Math.max(n + 1, 2 * bytes.length)];
      }
      for (int i = 0; i < n; i++) {
        char c = batch.charAt(i);
        if (c >= 0x80) {
          out.print(batch.append('\n'));
          out.flush();
          return;
        }
        bytes[i] = (byte) c;
      }
      bytes[n] = '\n';
      out.write(bytes, 0, n + 1);
      out.flush();
    }
  }

  /** Writes what has queued up in one go: one write per batch, not per line, under load. */
  private void drain() {
    StringBuilder batch = new StringBuilder(64 * 1024);
    while (!Thread.currentThread().isInterrupted()) {
      int lines = 0;
      Line line;
      while (lines < 1024 && (line = queue.poll()) != null) {
        if (lines > 0) {
          batch.append('\n');
        }
        format(batch, line);
        lines++;
      }
      if (lines == 0) {
        LockSupport.parkNanos(IDLE_PARK_NANOS);
        continue;
      }
      queued.addAndGet(-lines);
      try {
        sink.write(batch);
      } catch (RuntimeException e) {
        dropped.add(lines);
      }
      batch.setLength(0);
    }
  }
}
