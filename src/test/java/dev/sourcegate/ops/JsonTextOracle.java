package dev.sourcegate.ops;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The text the access log wrote for a duration and a time before it wrote bytes (it built each line in a
 * StringBuilder), as it wrote it: what the byte forms of {@link JsonText} are held to, and what
 * AccessLogBench's baseline formats with.
 */
final class JsonTextOracle {
  private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  /** Per thread, the last second formatted, as the old log kept it (AccessLogBench's baseline runs this). */
  private static final ThreadLocal<Second> LAST_SECOND = ThreadLocal.withInitial(Second::new);

  private static final class Second {
    long epochSecond = Long.MIN_VALUE;
    String text;
  }

  private JsonTextOracle() {}

  /** The time as ISO-8601 UTC with milliseconds, e.g. 2026-11-26T12:48:01.042Z. */
  static void time(StringBuilder out, long epochMillis) {
    long second = Math.floorDiv(epochMillis, 1000);
    Second last = LAST_SECOND.get();
    if (last.epochSecond != second) {
      last.epochSecond = second;
      last.text = SECOND.format(Instant.ofEpochSecond(second));
    }
    int millis = (int) Math.floorMod(epochMillis, 1000);
    out.append(last.text).append('.')
        .append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10)).append((char) ('0' + millis % 10))
        .append('Z');
  }

  /** Milliseconds with three decimals (microsecond precision), trailing zeros dropped. */
  static void millis(StringBuilder out, double ms) {
    long micros = Math.round(ms * 1000);
    if (micros < 0) {
      out.append('-');
      micros = -micros;
    }
    out.append(micros / 1000);
    long frac = micros % 1000;
    if (frac != 0) {
      out.append('.');
      if (frac < 100) {
        out.append('0');
      }
      if (frac < 10) {
        out.append('0');
      }
      while (frac % 10 == 0) {
        frac /= 10;
      }
      out.append(frac);
    }
  }
}
