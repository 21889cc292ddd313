package dev.sourcegate.ops;

import java.nio.charset.StandardCharsets;

/**
 * The bits of JSON writing the access log needs, as UTF-8 into a LineBatch (what the access log's writer
 * uses): a quoted string, a number, a duration in milliseconds and a time. A string is written two ways
 * that give the same text: a plain one is copied while it is checked, in one pass, and any other goes
 * through the StringBuilder form's escaping, so the bytes are always the UTF-8 of that text
 * (JsonTextBytesTest holds them to it, and the number and time forms to the text forms the access log
 * wrote before it wrote bytes, kept in the tests as JsonTextOracle).
 */
final class JsonText {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private static final java.time.format.DateTimeFormatter SECOND =
      java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(java.time.ZoneOffset.UTC);
  private JsonText() {}

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

  /**
   * Appends s as a JSON string in UTF-8, the same text as string(StringBuilder, String). A plain string is
   * copied while it is checked; at the first character that is not plain, the field starts again through
   * the escaping path (rare: a tenant or request id with quotes, control or non-ASCII characters).
   */
  static void string(LineBatch out, String s) {
    int n = s.length();
    int start = out.length();
    byte[] b = out.room(n + 2);
    int p = start;
    b[p++] = '"';
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
        // nothing committed yet: out's length is still the field's start
        StringBuilder escaped = new StringBuilder(n + 16);
        string(escaped, s);
        out.utf8(escaped);
        return;
      }
      b[p++] = (byte) c;
    }
    b[p++] = '"';
    out.length(p);
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

  /** Milliseconds with three decimals (microsecond precision, trailing zeros dropped as a JSON number printer would), without going through double formatting. */
  static void millis(LineBatch out, double ms) {
    long micros = Math.round(ms * 1000);
    if (micros < 0) {
      out.put('-');
      micros = -micros;
    }
    integer(out, micros / 1000);
    long frac = micros % 1000;
    if (frac != 0) {
      out.put('.');
      if (frac < 100) {
        out.put('0');
      }
      if (frac < 10) {
        out.put('0');
      }
      while (frac % 10 == 0) {
        frac /= 10;
      }
      integer(out, frac);
    }
  }

  /** Appends v in decimal, as StringBuilder.append(long) does, without making a String of it. */
  static void integer(LineBatch out, long v) {
    if (v == Long.MIN_VALUE) {
      // the one value that has no positive counterpart
      out.put(Long.toString(v).getBytes(StandardCharsets.US_ASCII));
      return;
    }
    byte[] b = out.room(20);
    int p = out.length();
    if (v < 0) {
      b[p++] = '-';
      v = -v;
    }
    int end = p + digits(v);
    for (int i = end - 1; i >= p; i--) {
      b[i] = (byte) ('0' + (int) (v % 10));
      v /= 10;
    }
    out.length(end);
  }

  private static int digits(long v) {
    int digits = 1;
    long power = 10;
    while (digits < 19 && v >= power) {
      power *= 10;
      digits++;
    }
    return digits;
  }

  /** The last second a writer formatted, as bytes: owned by one writer, so no ThreadLocal look-up per line. */
  static final class SecondBytes {
    private long epochSecond = Long.MIN_VALUE;
    private byte[] text;
  }

  /** Appends the time as ISO-8601 UTC with milliseconds, e.g. 2026-11-26T12:48:01.042Z, the second's text cached in last. */
  static void time(LineBatch out, long epochMillis, SecondBytes last) {
    long second = Math.floorDiv(epochMillis, 1000);
    if (last.epochSecond != second) {
      last.epochSecond = second;
      last.text = secondText(second).getBytes(StandardCharsets.US_ASCII);
    }
    out.put(last.text);
    int millis = (int) Math.floorMod(epochMillis, 1000);
    byte[] b = out.room(5);
    int p = out.length();
    b[p] = '.';
    b[p + 1] = (byte) ('0' + millis / 100);
    b[p + 2] = (byte) ('0' + millis / 10 % 10);
    b[p + 3] = (byte) ('0' + millis % 10);
    b[p + 4] = 'Z';
    out.length(p + 5);
  }

  /** The ISO text of a second, without its fraction: the formatter's digits are ASCII in every locale. */
  private static String secondText(long epochSecond) {
    return SECOND.format(java.time.Instant.ofEpochSecond(epochSecond));
  }
}
