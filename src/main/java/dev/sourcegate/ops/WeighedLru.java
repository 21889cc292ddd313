package dev.sourcegate.ops;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongBiFunction;

/**
 * A small least-recently-used map bounded by the summed weight of its entries, for memos that one event
 * loop keeps to itself (no locking: single-threaded use only). Caffeine does the same for the shared
 * caches, at the price of concurrent bookkeeping a per-loop memo does not need.
 */
public final class WeighedLru<K, V> {
  private final long maxWeight;
  private final ToLongBiFunction<K, V> weigher;
  private final Map<K, V> entries = new LinkedHashMap<>(256, 0.75f, true);
  private long weight;

  public WeighedLru(long maxWeight, ToLongBiFunction<K, V> weigher) {
    this.maxWeight = maxWeight;
    this.weigher = weigher;
  }

  /** The value, now the most recently used; null when absent. */
  public V get(K key) {
    return entries.get(key);
  }

  /** Adds an absent key, then drops the least recently used entries until the weight is within the bound. */
  public void put(K key, V value) {
    V old = entries.put(key, value);
    if (old != null) {
      weight -= weigher.applyAsLong(key, old);
    }
    weight += weigher.applyAsLong(key, value);
    for (Iterator<Map.Entry<K, V>> eldest = entries.entrySet().iterator(); weight > maxWeight && eldest.hasNext(); ) {
      Map.Entry<K, V> e = eldest.next();
      weight -= weigher.applyAsLong(e.getKey(), e.getValue());
      eldest.remove();
    }
  }

  public int size() {
    return entries.size();
  }

  public long weight() {
    return weight;
  }
}
