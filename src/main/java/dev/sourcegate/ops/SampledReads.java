package dev.sourcegate.ops;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Policy;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Look-ups in a shared Caffeine cache that is read on every request (a session, an access grant): one
 * read in {@link #RECORD_EVERY}, drawn at random, is an ordinary read that the cache's eviction policy
 * records; the others are quiet reads that skip its bookkeeping. An ordinary read offers the entry to a
 * read buffer that every event loop writes, and every few reads drains those buffers under the cache's
 * lock; on a warm GetFile these reads were a visible share of the event loops' time. Sampling every entry's
 * reads at the same rate keeps their relative frequencies, which is all the policy's frequency sketch
 * compares. Only for caches that expire after write: a quiet read never moves an expiry (it still
 * honours it, and never returns an expired entry).
 */
public final class SampledReads<K, V> {
  /** A power of two: one read in this many is recorded. */
  public static final int RECORD_EVERY = 16;

  private final Cache<K, V> cache;
  private final Policy<K, V> policy;

  public SampledReads(Cache<K, V> cache) {
    this.cache = cache;
    this.policy = cache.policy();
    if (policy.expireAfterAccess().isPresent()) {
      throw new IllegalArgumentException("a cache that expires after access needs every read recorded");
    }
  }

  /** The value cached for the key and not expired, or null. */
  public V get(K key) {
    if ((ThreadLocalRandom.current().nextInt() & (RECORD_EVERY - 1)) == 0) {
      return cache.getIfPresent(key);
    }
    return policy.getIfPresentQuietly(key);
  }
}
