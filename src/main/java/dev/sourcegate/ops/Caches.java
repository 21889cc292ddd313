package dev.sourcegate.ops;

import com.github.benmanes.caffeine.cache.Caffeine;

/** How the gateway builds its Caffeine caches. */
public final class Caches {
  private Caches() {}

  /**
   * A builder whose upkeep (draining read buffers, expiring, evicting) runs on the thread that touched
   * the cache, in small bounded steps. Caffeine's default hands that work to the common ForkJoinPool,
   * which on a busy event loop meant waking a pool thread about a thousand times a second (futex calls
   * and context switches that cost more than the upkeep itself).
   */
  public static Caffeine<Object, Object> builder() {
    return Caffeine.newBuilder().executor(Runnable::run);
  }
}
