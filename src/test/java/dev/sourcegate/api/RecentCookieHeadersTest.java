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
