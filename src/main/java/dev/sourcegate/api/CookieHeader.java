package dev.sourcegate.api;

/**
 * Finds one cookie in a Cookie request header without decoding the others. Vert.x builds a jar of every
 * cookie on the first look-up, which showed up in the profile of a cache hit; the gateway needs one.
 * Close to Netty's strict server decoder that Vert.x uses: pairs end at ';' (separators and whitespace
 * before a name are skipped, ',' among them), a value may be wrapped in double quotes, a value with a
 * byte outside RFC 6265's cookie-octet set is ignored (a value holding ',' too), and the first usable
 * cookie of a name wins. Unlike Netty, whitespace around a value is trimmed rather than fatal.
 */
final class CookieHeader {
  private CookieHeader() {}

  /** The value of the named cookie, or null when the header has no usable cookie of that name. */
  static String value(String header, String name) {
    if (header == null) {
      return null;
    }
    int n = header.length();
    int eq = -1; // the next '=' at or after i, found with indexOf and reused until passed: one scan in all
    int i = 0;
    while (i < n) {
      char c = header.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r' || c == ';' || c == ',') {
        i++;
        continue;
      }
      int end = header.indexOf(';', i);
      if (end < 0) {
        end = n;
      }
      if (eq < i) {
        eq = header.indexOf('=', i);
        if (eq < 0) {
          return null; // no pair from here on has a value
        }
      }
      if (eq < end) {
        int nameEnd = trimEnd(header, i, eq);
        if (nameEnd - i == name.length() && header.regionMatches(i, name, 0, name.length())) {
          int valueStart = skipSpace(header, eq + 1, end);
          // a value of whitespace only is unusable, as in Netty (and trimming it must not cross its start)
          String value = valueStart == end && end > eq + 1 ? null : usable(header, valueStart, trimEnd(header, valueStart, end));
          if (value != null) {
            return value;
          }
        }
      }
      i = end;
    }
    return null;
  }

  private static String usable(String header, int start, int end) {
    if (end - start >= 2 && header.charAt(start) == '"' && header.charAt(end - 1) == '"') {
      start++;
      end--;
    }
    for (int k = start; k < end; k++) {
      char c = header.charAt(k);
      if (c >= 128 || !COOKIE_OCTET[c]) {
        return null;
      }
    }
    return header.substring(start, end);
  }

  /** RFC 6265 cookie-octet: visible US-ASCII except DQUOTE, comma, semicolon and backslash (one look-up per char). */
  private static final boolean[] COOKIE_OCTET = new boolean[128];

  static {
    for (char c = 0x21; c <= 0x7e; c++) {
      COOKIE_OCTET[c] = c != '"' && c != ',' && c != ';' && c != '\\';
    }
  }

  private static int skipSpace(String s, int from, int to) {
    while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
      from++;
    }
    return from;
  }

  private static int trimEnd(String s, int from, int to) {
    while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
      to--;
    }
    return to;
  }
}
