package dev.sourcegate.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Sampled reads: same answers as plain reads, expiry honoured, about one read in sixteen recorded. */
class SampledReadsTest {
  private final AtomicLong nanos = new AtomicLong();

  private Cache<String, String> cache() {
    return Caches.builder().ticker(nanos::get).expireAfterWrite(Duration.ofSeconds(10)).maximumSize(100)
        .recordStats().build();
  }

  @Test
  void findsWhatIsCachedAndNothingElse() {
    Cache<String, String> cache = cache();
    SampledReads<String, String> reads = new SampledReads<>(cache);
    cache.put("a", "1");
    for (int i = 0; i < 100; i++) {
      assertEquals("1", reads.get("a"));
      assertNull(reads.get("b"));
    }
  }

  @Test
  void neverReturnsAnExpiredEntryAndNeverMovesItsExpiry() {
    Cache<String, String> cache = cache();
    SampledReads<String, String> reads = new SampledReads<>(cache);
    cache.put("a", "1");
    nanos.addAndGet(Duration.ofSeconds(9).toNanos());
    for (int i = 0; i < 100; i++) {
      assertEquals("1", reads.get("a"));
    }
    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    for (int i = 0; i < 100; i++) {
      assertNull(reads.get("a"), "expired ten seconds after it was written, however often it was read");
    }
  }

  @Test
  void aboutOneReadInSixteenIsRecorded() {
    Cache<String, String> cache = cache();
    SampledReads<String, String> reads = new SampledReads<>(cache);
    cache.put("a", "1");
    int n = 16_000;
    for (int i = 0; i < n; i++) {
      reads.get("a");
    }
    long recorded = cache.stats().hitCount();
    // binomial(16,000, 1/16): mean 1,000, standard deviation about 31; the bounds are ten of those away
    assertTrue(recorded > 690 && recorded < 1_310, "recorded " + recorded + " of " + n);
  }

  @Test
  void refusesACacheThatExpiresAfterAccess() {
    Cache<String, String> byAccess = Caffeine.newBuilder().expireAfterAccess(Duration.ofSeconds(1)).build();
    assertThrows(IllegalArgumentException.class, () -> new SampledReads<>(byAccess));
  }
}
