package dev.sourcegate.ops;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpscArrayQueue;

/**
 * One JSON line per RPC: time, tenant, request id, method, code, HTTP status, duration. Never a token, a
 * cookie or a request body.
 *
 * <p>Lines go to a writer thread through a bounded multi-producer single-consumer array queue that the
 * writer drains every few milliseconds: an event loop never waits for stdout, and never wakes the writer
 * (signalling a sleeping thread per request cost more CPU than writing the line). When the queue is full,
 * lines are dropped and counted. An event loop queues the line's fields and its time, nothing more: the
 * writer formats each line straight into the bytes it writes (AccessLineFormat). The array queue replaced
 * a linked queue plus a counter for its bound: a node per line and a second contended atomic on the loop,
 * and the writer's largest cost under warm load was reading the nodes other cores had just written.
 */
public final class AccessLog {
  static final int CAPACITY = 16_384;
  /** Lines per write at most: a full queue is written in a few batches, not held in one huge buffer. */
  static final int BATCH_LINES = 1024;
  /** How long the writer sleeps when it finds nothing: the most a line waits before it is written. */
  static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private final MessagePassingQueue<AccessLine> queue;
  private final LongAdder dropped = new LongAdder();
  private final Sink sink;
  private final boolean enabled;

  /** Takes a batch of formatted lines, each ended by a line break; called by the writer thread only. */
  private interface Sink {
    void write(LineBatch batch);
  }

  /** Writes each batch to out, then flushes. */
  public AccessLog(boolean enabled, PrintStream out) {
    this(enabled, new StreamSink(out));
  }

  /** Hands each batch to sink as one string (lines joined by line breaks, none at the end). */
  public AccessLog(boolean enabled, Consumer<String> sink) {
    this(enabled, (Sink) batch -> sink.accept(batch.text(batch.length() - 1)));
  }

  private AccessLog(boolean enabled, Sink sink) {
    this.enabled = enabled;
    this.sink = sink;
    // a disabled log queues nothing: the smallest queue there is rather than 16k empty slots
    this.queue = new MpscArrayQueue<>(enabled ? CAPACITY : 2);
    if (enabled) {
      Thread writer = new Thread(this::drain, "sourcegate-access-log");
      writer.setDaemon(true);
      writer.start();
    }
  }

  public void log(String tenant, String requestId, String method, String code, int status, double durationMs, boolean stale) {
    if (enabled
        && !queue.offer(new AccessLine(System.currentTimeMillis(), tenant, requestId, method, code, status, durationMs, stale))) {
      dropped.increment();
    }
  }

  public long dropped() {
    return dropped.sum();
  }

  /** Lines accepted and not yet taken by the writer. */
  int pending() {
    return queue.size();
  }

  /**
   * A batch written to a PrintStream. Lines are nearly always ASCII (a tenant is the one field that may
   * hold anything), and ASCII is the same bytes in any charset the stream may use, so an ASCII batch is
   * written as the bytes it already is. A batch with any other character is printed as text, so that the
   * stream's charset encodes it, exactly as a printed string would be (System.out's charset is the
   * platform's unless the JVM is told otherwise).
   */
  private static final class StreamSink implements Sink {
    private final PrintStream out;

    StreamSink(PrintStream out) {
      this.out = out;
    }

    @Override
    public void write(LineBatch batch) {
      if (batch.ascii()) {
        out.write(batch.array(), 0, batch.length());
      } else {
        out.print(batch.text(batch.length()));
      }
      out.flush();
    }
  }

  /** Writes what has queued up in one go: one write per batch, not per line, under load. */
  private void drain() {
    LineBatch batch = new LineBatch(64 * 1024);
    AccessLineFormat format = new AccessLineFormat(batch);
    while (!Thread.currentThread().isInterrupted()) {
      int lines = queue.drain(format, BATCH_LINES);
      if (lines == 0) {
        LockSupport.parkNanos(IDLE_PARK_NANOS);
        continue;
      }
      try {
        sink.write(batch);
      } catch (RuntimeException e) {
        dropped.add(lines);
      }
      batch.clear();
    }
  }
}
