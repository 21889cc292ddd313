package dev.sourcegate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-verticle memo of Cookie headers gives exactly what CookieHeader finds, however often it is asked. */
class RecentCookieHeadersTest {
  private static final String NAME = "pyroscope_git_session";
  private final RecentCookieHeaders memo = new RecentCookieHeaders(NAME);

  @Test
  void answersAsCookieHeaderDoesTheFirstTimeAndEveryTimeAfter() {
    List<String> headers = List.of(
        NAME + "=abc",
        "grafana_session=x; " + NAME + "=abc; other=1",
        NAME + "=\"quoted\"",
        NAME + "=bad\\value; " + NAME + "=good",
        NAME + "=with,comma",
        "other=1",
        "",
        NAME + "=",
        "  ;; " + NAME + "  =  spaced  ;");
    for (int round = 0; round < 3; round++) {
      for (String h : headers) {
        assertEquals(CookieHeader.value(h, NAME), memo.value(h), "header [" + h + "], round " + round);
      }
    }
    assertNull(memo.value(null));
    assertEquals(headers.size(), memo.size());
  }

  @Test
  void aSessionFoundForAHeaderIsReusedOnlyForItsTenantAndUntilItEnds() {
    String header = NAME + "=abc";
    dev.sourcegate.bus.Messages.Session alice = new dev.sourcegate.bus.Messages.Session("gho_alice", "hash-alice");
    long now = 1_000_000;
    RecentCookieHeaders.Found found = memo.find(header);
    assertEquals("abc", found.value());
    assertNull(found.session("team-a", now), "nothing found yet");
    found.remember("team-a", new dev.sourcegate.bus.KnownSessions.Until(alice, now + 10_000), now);
    assertTrue(memo.find(header) == found, "the same header finds the same entry");
    assertEquals(alice, memo.find(header).session("team-a", now + 9_999));
    assertNull(found.session("team-b", now + 1), "another tenant is asked for");
    assertNull(found.session("team-a", now + 10_000), "not at or past the token's expiry");
    assertNull(found.session("team-a", now), "and once past it, dropped");
  }

  @Test
  void aSessionIsReusedForAtMostAMinuteWhateverItsExpiry() {
    RecentCookieHeaders.Found found = memo.find(NAME + "=abc");
    dev.sourcegate.bus.Messages.Session alice = new dev.sourcegate.bus.Messages.Session("gho_alice", "hash-alice");
    long now = 5_000;
    found.remember("anonymous", new dev.sourcegate.bus.KnownSessions.Until(alice, Long.MAX_VALUE), now);
    assertEquals(alice, found.session("anonymous", now + RecentCookieHeaders.SESSION_KEPT_MS - 1));
    assertNull(found.session("anonymous", now + RecentCookieHeaders.SESSION_KEPT_MS));
    // a header without a session cookie, and one too long to keep, are never remembered
    assertNull(memo.find("other=1").value());
    assertNull(memo.find(null).value());
  }

  @Test
  void headersThatShareTheSampledCharactersAreStillTold() {
    // same length, same characters at the end and at every 32nd position from it: the same hash
    int n = 32 * 20;
    for (int i = 0; i < 2_000; i++) {
      char[] value = "x".repeat(n).toCharArray();
      String id = Integer.toString(i, 36);
      for (int k = 0; k < id.length(); k++) {
        value[1 + k] = id.charAt(k); // position 1..4: never sampled (n - 1 - 32 * j)
      }
      String header = NAME + "=" + new String(value);
      assertEquals(new String(value), memo.value(header));
    }
    for (int i = 0; i < 2_000; i += 97) {
      char[] value = "x".repeat(n).toCharArray();
      String id = Integer.toString(i, 36);
      for (int k = 0; k < id.length(); k++) {
        value[1 + k] = id.charAt(k);
      }
      assertEquals(new String(value), memo.value(NAME + "=" + new String(value)), "still right when found again");
    }
  }

  @Test
  void keptCharactersStayWithinTheBoundAndLongHeadersAreNotKept() {
    for (int i = 0; i < 10_000; i++) {
      String v = "v" + i + "y".repeat(200);
      assertEquals(v, memo.value(NAME + "=" + v));
      assertTrue(memo.keptChars() <= RecentCookieHeaders.MAX_KEPT_CHARS, "kept " + memo.keptChars());
    }
    int before = memo.size();
    String longValue = "z".repeat(RecentCookieHeaders.MAX_HEADER_CHARS);
    assertEquals(longValue, memo.value(NAME + "=" + longValue));
    assertEquals(before, memo.size());
  }
}
