package dev.sourcegate.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The per-loop memo map: weight kept within its bound, least recently used dropped first. */
class WeighedLruTest {
  @Test
  void theLeastRecentlyUsedGoFirstAndTheWeightStaysWithinTheBound() {
    WeighedLru<String, String> lru = new WeighedLru<>(10, (k, v) -> v.length());
    lru.put("a", "xxxx");
    lru.put("b", "xxxx");
    lru.get("a"); // b is now the eldest
    lru.put("c", "xxxx");
    assertNull(lru.get("b"));
    assertEquals("xxxx", lru.get("a"));
    assertEquals(8, lru.weight());
    assertEquals(2, lru.size());
  }

  @Test
  void replacingAValueChargesOnlyTheNewOne() {
    WeighedLru<String, String> lru = new WeighedLru<>(100, (k, v) -> v.length());
    lru.put("a", "xxxxx");
    lru.put("a", "xx");
    assertEquals(2, lru.weight());
  }

  @Test
  void manyEntriesNeverPassTheBound() {
    WeighedLru<Integer, String> lru = new WeighedLru<>(1_000, (k, v) -> v.length() + 16L);
    for (int i = 0; i < 10_000; i++) {
      lru.put(i, "v".repeat(i % 50));
      assertTrue(lru.weight() <= 1_000, "weight " + lru.weight());
    }
  }

  @Test
  void anEntryReadOnceItHasAgedOutlivesEveryEntryNotReadSince() {
    WeighedLru<Integer, String> lru = new WeighedLru<>(10, (k, v) -> 1L);
    for (int i = 0; i < 10; i++) {
      lru.put(i, "v" + i);
    }
    assertEquals("v0", lru.get(0)); // the eldest, read: it goes to the end
    for (int i = 10; i < 19; i++) {
      lru.put(i, "v" + i); // each drops one of 1..9, eldest first
      assertNull(lru.get(i - 9), "entry " + (i - 9) + " should be gone");
    }
    assertEquals("v0", lru.get(0));
    assertEquals(10, lru.size());
  }

  @Test
  void anEntryReadAllTheTimeIsNeverDropped() {
    WeighedLru<Integer, String> lru = new WeighedLru<>(64, (k, v) -> 1L);
    lru.put(-1, "hot");
    for (int i = 0; i < 10_000; i++) {
      lru.put(i, "cold");
      assertEquals("hot", lru.get(-1), "after " + i + " cold entries");
      assertTrue(lru.size() <= 64);
    }
    assertNull(lru.get(0));
  }
}
