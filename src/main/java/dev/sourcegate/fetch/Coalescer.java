package dev.sourcegate.fetch;

import io.vertx.core.Future;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/** Concurrent identical calls share one in-flight call; the entry goes away when the call completes. */
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
        inFlight.remove(key, f);
      } else {
        f.onComplete(ar -> inFlight.remove(key, f));
      }
    } else {
      coalesced.increment();
    }
    return f;
  }

  /** How many calls joined one already in flight. */
  public long coalescedCount() {
    return coalesced.sum();
  }

  public int inFlight() {
    return inFlight.size();
  }
}
