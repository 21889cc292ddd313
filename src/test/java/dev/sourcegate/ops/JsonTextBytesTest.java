package dev.sourcegate.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The access log writes its lines as bytes: every byte form of JsonText must give exactly the UTF-8 of the
 * text form (the access log's output before it wrote bytes), whatever it is given, and a batch must know
 * whether it holds anything but ASCII (such a batch goes through the stream's charset).
 */
class JsonTextBytesTest {
  /** A fixed seed: the same cases on every run, many more than a list written by hand. */
  private static final long SEED = 0x5eed_13L;

  private static String text(LineBatch batch) {
    return new String(batch.array(), 0, batch.length(), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(LineBatch batch) {
    return Arrays.copyOf(batch.array(), batch.length());
  }

  /** Written after a prefix into a batch that starts tiny, so every path has to grow it and keep what was there. */
  private static LineBatch afterPrefix() {
    LineBatch batch = new LineBatch(1);
    batch.put('x');
    return batch;
  }

  private static void assertStringSame(String s) {
    StringBuilder expected = new StringBuilder("x");
    JsonText.string(expected, s);
    LineBatch batch = afterPrefix();
    JsonText.string(batch, s);
    assertArrayEquals(expected.toString().getBytes(StandardCharsets.UTF_8), bytes(batch), expected.toString());
    boolean ascii = expected.chars().allMatch(c -> c < 0x80);
    assertEquals(ascii, batch.ascii(), expected.toString());
  }

  @Test
  void stringsAreTheUtf8OfTheTextForm() {
    for (String s : List.of("", "tenant-a", "quote\"inside", "back\\slash", "new\nline", "tab\there", "nul\u0000byte",
        "bell\u0007", "del\u007f", "line\u2028sep", "é ü 中文", "emoji \uD83D\uDE00", "</script>", "lone \uD83D high",
        "lone \uDE00 low", "\uDE00\uD83D reversed", "plain until the end\"", "\"", "z\u00fcrich")) {
      assertStringSame(s);
    }
  }

  @Test
  void randomStringsAreTheUtf8OfTheTextForm() {
    Random random = new Random(SEED);
    // mostly printable ASCII, with each kind of character that takes another path mixed in
    char[] odd = {'"', '\\', '\n', '\r', '\t', '\u0000', '\u001f', '\u007f', '\u0080', '\u00fc', '\u2028', '\u2029',
        '\u4e2d', '\uD83D', '\uDE00', '\uFFFF'};
    for (int n = 0; n < 5_000; n++) {
      StringBuilder s = new StringBuilder();
      int length = random.nextInt(40);
      for (int i = 0; i < length; i++) {
        s.append(random.nextInt(8) == 0 ? odd[random.nextInt(odd.length)] : (char) (0x20 + random.nextInt(0x5f)));
      }
      assertStringSame(s.toString());
    }
  }

  @Test
  void aPlainFieldAfterAnEscapedOneIsCopiedAsIs() {
    LineBatch batch = new LineBatch(4);
    JsonText.string(batch, "a\"b");
    JsonText.string(batch, "plain");
    assertEquals("\"a\\\"b\"\"plain\"", text(batch));
    assertEquals(true, batch.ascii());
  }

  private static void assertMillisSame(double ms) {
    StringBuilder expected = new StringBuilder("x");
    JsonTextOracle.millis(expected, ms);
    LineBatch batch = afterPrefix();
    JsonText.millis(batch, ms);
    assertEquals(expected.toString(), text(batch), "ms " + ms);
  }

  @Test
  void millisecondsAreTheTextForm() {
    for (double ms : new double[] {0, -0.0, 1.25, 3.5, 3.0, 0.0004, 0.0005, 12.345678, 0.05, 0.005, 1000.1, -2.5,
        123456.789, 0.1, 0.01, 0.001, 0.0015, 9.9995, 1e15, -1e15, 9.2e15, 1e300, -1e300, Double.NaN,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE}) {
      assertMillisSame(ms);
    }
    Random random = new Random(SEED);
    for (int n = 0; n < 20_000; n++) {
      assertMillisSame(random.nextDouble() * Math.pow(10, random.nextInt(12) - 3) * (random.nextInt(10) == 0 ? -1 : 1));
    }
  }

  @Test
  void integersAreTheTextForm() {
    List<Long> values = new ArrayList<>(List.of(0L, 1L, -1L, 9L, 10L, 99L, 100L, 200L, 404L, 503L, -404L,
        (long) Integer.MAX_VALUE, (long) Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1));
    for (long power = 1; power > 0 && power <= Long.MAX_VALUE / 10; power *= 10) {
      values.addAll(List.of(power, power - 1, power + 1, power * 10 - 1));
    }
    Random random = new Random(SEED);
    for (int n = 0; n < 20_000; n++) {
      values.add(random.nextLong() >> random.nextInt(64));
    }
    for (long v : values) {
      LineBatch batch = afterPrefix();
      JsonText.integer(batch, v);
      assertEquals("x" + v, text(batch));
    }
  }

  @Test
  void timesAreTheTextFormAndFollowTheSecond() {
    JsonText.SecondBytes second = new JsonText.SecondBytes();
    List<Long> times = new ArrayList<>(List.of(0L, 1764160081042L, 1764160081999L, 1764160082000L, 1764160081042L,
        -1L, -1000L, -1001L, 253402300799007L, 253402300800000L));
    Random random = new Random(SEED);
    long t = 1764160081042L;
    for (int n = 0; n < 5_000; n++) {
      // mostly the same second again (the cache), sometimes the next, sometimes far away
      t += random.nextInt(10) == 0 ? random.nextLong() % 100_000_000_000L : random.nextInt(300);
      times.add(t);
    }
    for (long epochMillis : times) {
      StringBuilder expected = new StringBuilder("x");
      JsonTextOracle.time(expected, epochMillis);
      LineBatch batch = afterPrefix();
      JsonText.time(batch, epochMillis, second);
      assertEquals(expected.toString(), text(batch), "at " + epochMillis);
    }
  }
}
