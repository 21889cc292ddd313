package dev.sourcegate.ops;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Policy;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Look-ups in a shared Caffeine cache that is read on every request (a session, an access grant): one
 * read in {@link #RECORD_EVERY}, drawn at random, is an ordinary read that the cache's eviction policy
 * records; the others are quiet reads that skip its bookkeeping. An ordinary read offers the entry to a
 * read buffer that every event loop writes, and every few reads drains those buffers under the cache's
 * lock; on a warm GetFile these reads were a visible share of the event loops' time. Every entry's reads
 * are sampled at the same rate, so their frequencies keep their order among themselves; against writes
 * (which the policy's frequency sketch also counts, unsampled) reads weigh a sixteenth of what they did,
 * and recency moves only on the sampled reads. Neither matters for these caches: their entries are
 * written once per grant or session and their bound is rarely reached. Only for caches whose expiry is
 * fixed at write and that do not refresh: a quiet read never moves an expiry or starts a refresh (it
 * still honours expiry, and never returns an expired entry).
 */
public final class SampledReads<K, V> {
  /** A power of two: one read in this many is recorded. */
  public static final int RECORD_EVERY = 16;

  private final Cache<K, V> cache;
  private final Policy<K, V> policy;

  public SampledReads(Cache<K, V> cache) {
    this.cache = cache;
    this.policy = cache.policy();
    if (policy.expireAfterAccess().isPresent() || policy.expireVariably().isPresent()
        || policy.refreshAfterWrite().isPresent()) {
      throw new IllegalArgumentException("a cache whose expiry or refresh reacts to reads needs every read recorded");
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
