package dev.sourcegate.fetch;

import com.github.benmanes.caffeine.cache.Expiry;
import java.util.function.ToLongFunction;

/** A Caffeine expiry where each value says how long it lives (from its creation or last update; reads do not extend it). */
public final class PerEntryExpiry<K, V> implements Expiry<K, V> {
  private final ToLongFunction<V> ttlNanos;

  public PerEntryExpiry(ToLongFunction<V> ttlNanos) {
    this.ttlNanos = ttlNanos;
  }

  @Override
  public long expireAfterCreate(K key, V value, long currentTime) {
    return ttlNanos.applyAsLong(value);
  }

  @Override
  public long expireAfterUpdate(K key, V value, long currentTime, long currentDuration) {
    return ttlNanos.applyAsLong(value);
  }

  @Override
  public long expireAfterRead(K key, V value, long currentTime, long currentDuration) {
    return currentDuration;
  }
}
