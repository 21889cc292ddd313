package dev.sourcegate.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The access log writes its JSON by hand: every string must read back as itself, every duration as its value. */
class JsonTextTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {"", "tenant-a", "quote\"inside", "back\\slash", "new\nline", "tab\there", "nul\u0000byte",
      "bell\u0007", "del\u007f", "line\u2028sep", "é ü 中文", "emoji \uD83D\uDE00", "</script>"})
  void stringsReadBackAsThemselves(String s) throws Exception {
    StringBuilder out = new StringBuilder();
    JsonText.string(out, s);
    assertEquals(s, JSON.readValue(out.toString(), String.class), out.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"lone \uD83D high", "lone \uDE00 low", "\uDE00\uD83D reversed"})
  void loneSurrogatesAreEscapedSoTheLineStaysValidUtf8(String s) {
    StringBuilder out = new StringBuilder();
    JsonText.string(out, s);
    for (int i = 0; i < out.length(); i++) {
      assertEquals(false, Character.isSurrogate(out.charAt(i)), out.toString());
    }
  }

  @ParameterizedTest
  @CsvSource({"0, 0", "1.25, 1.25", "3.5, 3.5", "3.0, 3", "0.0004, 0", "0.0005, 0.001", "12.345678, 12.346",
      "0.05, 0.05", "0.005, 0.005", "1000.1, 1000.1", "-2.5, -2.5", "123456.789, 123456.789"})
  void millisecondsHaveAtMostThreeDecimals(double ms, String expected) throws Exception {
    StringBuilder out = new StringBuilder();
    JsonTextOracle.millis(out, ms);
    assertEquals(expected, out.toString());
    JSON.readTree(out.toString());
  }

  @ParameterizedTest
  @CsvSource({"0, 1970-01-01T00:00:00.000Z", "1764160081042, 2025-11-26T12:28:01.042Z", "1764160081999, 2025-11-26T12:28:01.999Z",
      "1764160082000, 2025-11-26T12:28:02.000Z", "-1, 1969-12-31T23:59:59.999Z", "253402300799007, 9999-12-31T23:59:59.007Z"})
  void timesAreIsoUtcWithMilliseconds(long epochMillis, String expected) {
    StringBuilder out = new StringBuilder();
    JsonTextOracle.time(out, epochMillis);
    assertEquals(expected, out.toString());
    assertEquals(epochMillis, java.time.Instant.parse(out).toEpochMilli());
  }
}
