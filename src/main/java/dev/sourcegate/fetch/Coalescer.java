package dev.sourcegate.fetch;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Concurrent identical calls share one in-flight call. The entry goes away once the call has completed
 * and the task that completed it has ended: its callers keep what it found (in a cache) in listeners
 * they add after this class's own, and until those have run, a caller on another event loop must still
 * join the call rather than find neither the call nor the cache and ask the upstream again (which CI saw
 * as one GitHub call too many, for a ref, in a test that counts them).
 */
public final class Coalescer<K> {
  private final ConcurrentHashMap<K, Future<?>> inFlight = new ConcurrentHashMap<>();
  private final LongAdder coalesced = new LongAdder();

  @SuppressWarnings("unchecked")
  public <V> Future<V> call(K key, Supplier<Future<V>> upstream) {
    boolean[] started = {false};
    Future<V> f = (Future<V>) inFlight.computeIfAbsent(key, k -> {
      started[0] = true;
      try {
        return upstream.get();
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
    });
    if (started[0]) {
      if (f.isComplete()) {
        leaveAfterThisTask(key, f);
      } else {
        f.onComplete(ar -> leaveAfterThisTask(key, f));
      }
    } else {
      coalesced.increment();
    }
    return f;
  }

  /** On a Vert.x context, once the running task (and every listener it runs) is done; elsewhere at once. */
  private void leaveAfterThisTask(K key, Future<?> f) {
    Context here = Vertx.currentContext();
    if (here == null) {
      inFlight.remove(key, f);
    } else {
      here.runOnContext(v -> inFlight.remove(key, f));
    }
  }

  /** How many calls joined one already in flight. */
  public long coalescedCount() {
    return coalesced.sum();
  }

  public int inFlight() {
    return inFlight.size();
  }
}
