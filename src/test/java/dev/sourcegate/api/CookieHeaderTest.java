package dev.sourcegate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The session cookie is found in the Cookie header as Netty's strict decoder (what Vert.x uses) would find it. */
class CookieHeaderTest {
  private static final String NAME = "pyroscope_git_session";

  @ParameterizedTest
  @ValueSource(strings = {
      "pyroscope_git_session=abc",
      "a=1; pyroscope_git_session=abc; b=2",
      "a=1;pyroscope_git_session=abc",
      "pyroscope_git_session=\"abc\"",
      "pyroscope_git_session=abc; pyroscope_git_session=second",
      "pyroscope_git_session=a b c; pyroscope_git_session=abc",
      "x_pyroscope_git_session=nope; pyroscope_git_session=abc",
      "pyroscope_git_session_x=nope; pyroscope_git_session=abc",
      "pyroscope_git_session=eyJ0b2tlbiI6IngifQ==; Path=/",
      "pyroscope_git_session=",
      "pyroscope_git_session=  ; a=b",
      "pyroscope_git_session=\t; pyroscope_git_session=abc",
      "pyroscope_git_session=a,b",
      "a=1, pyroscope_git_session=abc",
      "pyroscope_git_session",
      "pyroscope_git_session;",
      "other=1",
      "",
      ";;;",
      "=abc",
      "pyroscope_git_session=\"",
      "pyroscope_git_session=ab\\c",
      "pyroscope_git_session=é",
      "a;b;c;pyroscope_git_session=abc",
      "a=1;b;pyroscope_git_session=x=y",
      "a=pyroscope_git_session=x; pyroscope_git_session=abc",
      "novalue;another; pyroscope_git_session=abc; last",
  })
  void agreesWithNettysStrictDecoder(String header) {
    String expected = null;
    for (Cookie c : ServerCookieDecoder.STRICT.decodeAll(header)) {
      if (c.name().equals(NAME)) {
        expected = c.value();
        break;
      }
    }
    assertEquals(expected, CookieHeader.value(header, NAME), header);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "pyroscope_git_session=abc |abc",
      "pyroscope_git_session= abc|abc",
      " \t pyroscope_git_session=abc|abc",
  })
  void whitespaceAroundAValueIsTrimmed(String header, String expected) {
    assertEquals(expected, CookieHeader.value(header, NAME));
  }

  @org.junit.jupiter.api.Test
  void aLongHeaderOfPairsWithoutValuesIsReadInOnePass() {
    // 16 KiB of names without '=' before the cookie: found, and no pair scans the rest of the header again
    String header = "a;".repeat(8_000) + NAME + "=abc";
    assertEquals("abc", CookieHeader.value(header, NAME));
    assertEquals(null, CookieHeader.value("a;".repeat(8_000), NAME));
  }

  @org.junit.jupiter.api.Test
  void noHeaderNoCookie() {
    assertEquals(null, CookieHeader.value(null, NAME));
  }

  /** Random headers with control characters: never an exception, and a value found is only cookie-octets. */
  @org.junit.jupiter.api.Test
  void randomHeadersNeverThrowAndYieldOnlyCookieOctets() {
    java.util.Random random = new java.util.Random(5);
    String[] pieces = {NAME, "=", ";", ",", " ", "\t", "\r", "\n", "\u0000", "\"", "\\", "é", "\ud800", "abc", "e30=", "x"};
    for (int i = 0; i < 50_000; i++) {
      StringBuilder header = new StringBuilder();
      int n = random.nextInt(12);
      for (int k = 0; k < n; k++) {
        header.append(random.nextInt(4) == 0 ? String.valueOf((char) random.nextInt(0x100)) : pieces[random.nextInt(pieces.length)]);
      }
      String value = CookieHeader.value(header.toString(), NAME);
      if (value != null) {
        for (char c : value.toCharArray()) {
          org.junit.jupiter.api.Assertions.assertTrue(c > 0x20 && c < 0x7f && c != '"' && c != ';' && c != ',' && c != '\\',
              () -> "header " + header + " gave " + value);
        }
      }
    }
  }
}
