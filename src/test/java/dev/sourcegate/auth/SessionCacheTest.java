package dev.sourcegate.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Opened cookies: kept per tenant and whole cookie value, never decrypted twice, never served expired. */
class SessionCacheTest {
  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  private final SessionCache cache = new SessionCache(Duration.ofMinutes(1), 1_000);

  private static OAuthToken token(String access, Instant expiry) {
    return new OAuthToken(access, "bearer", "ghr", expiry);
  }

  @Test
  void cookiesThatShareTheirHashedMiddleAreStillTwoSessions() {
    String middle = "M".repeat(64);
    String a = "aaaa" + middle + "aaaa";
    String b = "bbbb" + middle + "bbbb";
    cache.open("t", a, () -> token("gho_a", NOW.plusSeconds(60)));
    cache.open("t", b, () -> token("gho_b", NOW.plusSeconds(60)));
    assertEquals("gho_a", cache.known("t", a, NOW).accessToken());
    assertEquals("gho_b", cache.known("t", b, NOW).accessToken());
    assertNull(cache.known("t", "cccc" + middle + "cccc", NOW), "a cookie never opened is unknown");
  }

  @Test
  void manySpellingsWithOneHashAreEachFoundRight() {
    // one valid token can open in many spellings of equal length that differ only near the ends
    SessionCache big = new SessionCache(Duration.ofMinutes(1), 100_000);
    String middle = "M".repeat(300);
    int n = 5_000;
    for (int i = 0; i < n; i++) {
      String tag = String.format("%05d", i);
      int k = i;
      big.open("t", tag + middle + tag, () -> token("gho_" + k, NOW.plusSeconds(60)));
    }
    for (int i = 0; i < n; i += 7) {
      String tag = String.format("%05d", i);
      assertEquals("gho_" + i, big.known("t", tag + middle + tag, NOW).accessToken());
    }
  }

  @Test
  void aCookieIsKnownOnlyInItsTenantAndUntilItsTokenExpires() {
    String c = "x".repeat(300);
    cache.open("team-a", c, () -> token("gho_a", NOW.plusSeconds(60)));
    assertEquals("gho_a", cache.known("team-a", c, NOW).accessToken());
    assertNull(cache.known("team-b", c, NOW));
    assertNull(cache.known("team-a", c, NOW.plusSeconds(60)), "expired at its expiry instant");
    assertNull(cache.known("team-a", "", NOW));
    assertNull(cache.known("team-a", null, NOW));
  }

  @Test
  void whatIsKnownOfACookieSaysUntilWhenItHolds() {
    String c = "x".repeat(300);
    cache.open("team-a", c, () -> token("gho_a", NOW.plusSeconds(60)));
    var known = cache.knownUntil("team-a", c, NOW);
    assertEquals("gho_a", known.session().accessToken());
    assertEquals(NOW.plusSeconds(60).toEpochMilli(), known.untilMillis(), "the token's expiry");
    assertNull(cache.knownUntil("team-b", c, NOW));
    assertNull(cache.knownUntil("team-a", c, NOW.plusSeconds(60)), "not at its expiry instant");
    assertNull(cache.knownUntil("team-a", null, NOW));
    String forever = "y".repeat(300);
    cache.open("t", forever, () -> token("gho_f", null));
    assertEquals(Long.MAX_VALUE, cache.knownUntil("t", forever, NOW).untilMillis(), "a token without expiry");
  }

  @Test
  void aCookieIsDecryptedOnceAndShortCookiesWork() {
    AtomicInteger decrypts = new AtomicInteger();
    for (String c : new String[] {"s", "short-cookie", "y".repeat(31), "z".repeat(33)}) {
      SessionCache.Opened first = cache.open("t", c, () -> {
        decrypts.incrementAndGet();
        return token("gho_" + c.length(), null);
      });
      SessionCache.Opened again = cache.open("t", c, () -> {
        throw new AssertionError("decrypted twice");
      });
      assertSame(first, again);
      assertSame(first.session(), cache.known("t", c, NOW));
    }
    assertEquals(4, decrypts.get());
  }
}
