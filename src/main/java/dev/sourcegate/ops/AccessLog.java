package dev.sourcegate.ops;

import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * One JSON line per RPC: time, tenant, request id, method, code, HTTP status, duration. Never a token, a
 * cookie or a request body. Lines are handed to a writer thread through a bounded queue, so a slow
 * stdout never blocks an event loop (when the queue is full, lines are dropped and counted).
 */
public final class AccessLog {
  private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(16_384);
  private final LongAdder dropped = new LongAdder();
  private final Consumer<String> sink;
  private final boolean enabled;

  public AccessLog(boolean enabled, PrintStream out) {
    this(enabled, lines -> {
      out.print(lines + "\n");
      out.flush();
    });
  }

  public AccessLog(boolean enabled, Consumer<String> sink) {
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
    JsonObject line = new JsonObject()
        .put("ts", Instant.now().toString())
        .put("type", "access")
        .put("tenant", tenant == null ? "" : tenant)
        .put("requestId", requestId)
        .put("method", method)
        .put("code", code)
        .put("status", status)
        .put("durationMs", Math.round(durationMs * 1000) / 1000.0);
    if (stale) {
      line.put("stale", true);
    }
    if (!queue.offer(line.encode())) {
      dropped.increment();
    }
  }

  public long dropped() {
    return dropped.sum();
  }

  /** Writes what has queued up in one go: one write per batch, not per line, under load. */
  private void drain() {
    java.util.List<String> batch = new java.util.ArrayList<>(1024);
    while (true) {
      try {
        batch.add(queue.take());
        queue.drainTo(batch, 1023);
        sink.accept(String.join("\n", batch));
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        dropped.add(batch.size());
      }
      batch.clear();
    }
  }
}
