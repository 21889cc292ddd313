package dev.sourcegate.api;

import dev.sourcegate.ops.WeighedLru;

/**
 * The session cookie found in recent Cookie headers, per HTTP verticle. A browser sends the same Cookie
 * header with every click, and finding the session cookie in it (checking every octet of a value of a
 * few hundred characters) showed in the profile of a warm GetFile; comparing the header with one seen
 * before is one vectorised equals. The key's hash reads 32 characters spread over the header rather than
 * all of them (String.hashCode is a serial loop over every character); keys are Comparable, so even
 * headers crafted to collide cost a tree look-up, not a list walk. Bounded in characters; used from the
 * verticle's event loop only.
 */
final class RecentCookieHeaders {
  /** Longer headers are read every time (browsers send a few hundred characters, at most a few KiB). */
  static final int MAX_HEADER_CHARS = 8192;
  /** Header characters kept in all, per verticle (each entry is also charged a fixed overhead). */
  static final long MAX_KEPT_CHARS = 512 * 1024;
  static final int ENTRY_OVERHEAD = 96;
  private static final int SAMPLED = 32;
  /** Marks a header known to hold no usable session cookie. */
  private static final String NONE = new String("");

  private record Header(String text) implements Comparable<Header> {
    @Override
    public int hashCode() {
      int n = text.length();
      int h = n;
      int step = Math.max(1, n / SAMPLED);
      for (int i = n - 1; i >= 0 && i > n - 1 - SAMPLED * step; i -= step) {
        h = 31 * h + text.charAt(i);
      }
      return h;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Header other && other.text.equals(text);
    }

    @Override
    public int compareTo(Header o) {
      return text.compareTo(o.text);
    }
  }

  private final String name;
  private final WeighedLru<Header, String> recent =
      new WeighedLru<>(MAX_KEPT_CHARS, (h, value) -> charge(h.text(), value));

  RecentCookieHeaders(String cookieName) {
    this.name = cookieName;
  }

  /** The value of the cookie in this Cookie header (as CookieHeader.value finds it), or null. */
  String value(String header) {
    if (header == null || header.length() > MAX_HEADER_CHARS) {
      return CookieHeader.value(header, name);
    }
    Header key = new Header(header);
    String known = recent.get(key);
    if (known == null) {
      String found = CookieHeader.value(header, name);
      known = found == null ? NONE : found;
      recent.put(key, known);
    }
    return known == NONE ? null : known;
  }

  /** The header, the cookie value taken out of it, and a fixed overhead. */
  private static long charge(String header, String value) {
    return header.length() + value.length() + ENTRY_OVERHEAD;
  }

  int size() {
    return recent.size();
  }

  long keptChars() {
    return recent.weight();
  }
}
