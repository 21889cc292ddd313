package dev.sourcegate.ops;

import java.util.HashMap;
import java.util.Map;
import java.util.function.ToLongBiFunction;

/**
 * A small least-recently-used map bounded by the summed weight of its entries, for memos that one event
 * loop keeps to itself (no locking: single-threaded use only). Caffeine does the same for the shared
 * caches, at the price of concurrent bookkeeping a per-loop memo does not need.
 *
 * <p>Recency is kept in a list, newest last; the eldest entries are dropped first. A read moves its entry
 * to the end only once it has aged into the older half of the list (at least half the map's size in
 * puts and moves came after its own): an access-ordered LinkedHashMap relinks the entry and its two
 * neighbours on every read, which the warm GetFile profile showed as a visible share of the memo look-ups
 * made for every request, while a hot entry read over and over sits near the end where moving it
 * changes nothing. The order is therefore least recently used to within half the map: an entry read
 * lately is never dropped before all the entries not read since it was last moved.
 */
public final class WeighedLru<K, V> {
  private static final class Node<K, V> {
    final K key;
    V value;
    /** When it was put or last moved to the end, on the map's clock. */
    long stamp;
    Node<K, V> prev;
    Node<K, V> next;

    Node(K key, V value) {
      this.key = key;
      this.value = value;
    }
  }

  private final long maxWeight;
  private final ToLongBiFunction<K, V> weigher;
  private final Map<K, Node<K, V>> entries = new HashMap<>(256);
  /** Eldest first. */
  private Node<K, V> head;
  private Node<K, V> tail;
  /** Counts puts and moves to the end. */
  private long clock;
  private long weight;

  public WeighedLru(long maxWeight, ToLongBiFunction<K, V> weigher) {
    this.maxWeight = maxWeight;
    this.weigher = weigher;
  }

  /** The value, now among the most recently used; null when absent. */
  public V get(K key) {
    Node<K, V> n = entries.get(key);
    if (n == null) {
      return null;
    }
    if (clock - n.stamp >= Math.max(1, entries.size() / 2)) {
      unlink(n);
      append(n);
    }
    return n.value;
  }

  /** Adds or replaces a key's value, then drops the least recently used entries until the weight is within the bound. */
  public void put(K key, V value) {
    Node<K, V> n = entries.get(key);
    if (n != null) {
      weight -= weigher.applyAsLong(key, n.value);
      n.value = value;
      unlink(n);
    } else {
      n = new Node<>(key, value);
      entries.put(key, n);
    }
    append(n);
    weight += weigher.applyAsLong(key, value);
    while (weight > maxWeight && head != null) {
      Node<K, V> eldest = head;
      unlink(eldest);
      entries.remove(eldest.key);
      weight -= weigher.applyAsLong(eldest.key, eldest.value);
    }
  }

  private void append(Node<K, V> n) {
    n.stamp = ++clock;
    n.prev = tail;
    n.next = null;
    if (tail != null) {
      tail.next = n;
    } else {
      head = n;
    }
    tail = n;
  }

  private void unlink(Node<K, V> n) {
    if (n.prev != null) {
      n.prev.next = n.next;
    } else {
      head = n.next;
    }
    if (n.next != null) {
      n.next.prev = n.prev;
    } else {
      tail = n.prev;
    }
    n.prev = null;
    n.next = null;
  }

  public int size() {
    return entries.size();
  }

  public long weight() {
    return weight;
  }
}
