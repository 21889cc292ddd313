package dev.sourcegate.ops;

/** The two bits of JSON writing the access log needs: a quoted string and a duration in milliseconds. */
final class JsonText {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private static final java.time.format.DateTimeFormatter SECOND =
      java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(java.time.ZoneOffset.UTC);
  /** Per thread: the last second formatted, so a line costs a few appends rather than a date format. */
  private static final ThreadLocal<Second> LAST_SECOND = ThreadLocal.withInitial(Second::new);

  private static final class Second {
    long epochSecond = Long.MIN_VALUE;
    String text;
  }

  private JsonText() {}

  /** Appends the time as ISO-8601 UTC with milliseconds, e.g. 2026-11-26T12:48:01.042Z. */
  static void time(StringBuilder out, long epochMillis) {
    long second = Math.floorDiv(epochMillis, 1000);
    Second last = LAST_SECOND.get();
    if (last.epochSecond != second) {
      last.epochSecond = second;
      last.text = SECOND.format(java.time.Instant.ofEpochSecond(second));
    }
    int millis = (int) Math.floorMod(epochMillis, 1000);
    out.append(last.text).append('.').append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10))
        .append((char) ('0' + millis % 10)).append('Z');
  }

  /** Appends s as a JSON string: quotes, backslashes and control characters escaped (RFC 8259). */
  static void string(StringBuilder out, String s) {
    out.append('"');
    if (plain(s)) {
      out.append(s).append('"');
      return;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c) && !wellPaired(s, i)) {
            out.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF]).append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** Nothing to escape: printable ASCII without quote or backslash (tenants, ids, codes nearly always). */
  private static boolean plain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  /** A surrogate is written as is only as part of a valid pair; a lone one would make the line invalid UTF-8. */
  private static boolean wellPaired(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }

  /** Milliseconds with three decimals (microsecond precision), without going through double formatting. */
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
      // trailing zeros dropped, as a JSON number printer would
      while (frac % 10 == 0) {
        frac /= 10;
      }
      out.append(frac);
    }
  }
}
