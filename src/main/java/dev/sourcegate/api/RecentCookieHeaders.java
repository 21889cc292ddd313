package dev.sourcegate.api;

import dev.sourcegate.bus.KnownSessions;
import dev.sourcegate.bus.Messages.Session;
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
  static final int ENTRY_OVERHEAD = 128;
  private static final int SAMPLED = 32;
  /**
   * The longest a session found for a header is reused without asking for it again (as long as the
   * gateway's cache of opened cookies keeps one, auth.SessionCache), whatever its token's expiry.
   */
  static final long SESSION_KEPT_MS = 60_000;

  /**
   * A Cookie header's session cookie (null: none usable), and the session it was last found to open for
   * a tenant with the instant it stays valid until: the same click again is admitted without asking.
   * Opening a cookie gives the same session every time, so only the tenant and the time are checked.
   */
  static final class Found {
    private final String value;
    private String tenant;
    private Session session;
    private long untilMillis;

    Found(String value) {
      this.value = value;
    }

    String value() {
      return value;
    }

    /** The session found for this tenant, while it holds at nowMillis; null otherwise (then dropped). */
    Session session(String forTenant, long nowMillis) {
      if (session == null) {
        return null;
      }
      if (untilMillis - nowMillis <= 0) {
        session = null;
        tenant = null;
        return null;
      }
      return forTenant.equals(tenant) ? session : null;
    }

    /** The cookie opened for this tenant to this session, valid until known.untilMillis(). */
    void remember(String forTenant, KnownSessions.Until known, long nowMillis) {
      tenant = forTenant;
      session = known.session();
      untilMillis = known.untilMillis() - nowMillis > SESSION_KEPT_MS ? nowMillis + SESSION_KEPT_MS : known.untilMillis();
    }
  }

  /** Marks a header known to hold no usable session cookie. */
  private static final Found NONE = new Found(null);

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
  private final WeighedLru<Header, Found> recent =
      new WeighedLru<>(MAX_KEPT_CHARS, (h, found) -> charge(h.text(), found.value()));

  RecentCookieHeaders(String cookieName) {
    this.name = cookieName;
  }

  /** The value of the cookie in this Cookie header (as CookieHeader.value finds it), or null. */
  String value(String header) {
    return find(header).value();
  }

  /** The same, with the session last found for it (a fresh, unkept entry for a header that is not kept). */
  Found find(String header) {
    if (header == null || header.length() > MAX_HEADER_CHARS) {
      return new Found(CookieHeader.value(header, name));
    }
    Header key = new Header(header);
    Found known = recent.get(key);
    if (known == null) {
      String value = CookieHeader.value(header, name);
      known = value == null ? NONE : new Found(value);
      recent.put(key, known);
    }
    return known;
  }

  /** The header, the cookie value taken out of it, and a fixed overhead. */
  private static long charge(String header, String value) {
    return header.length() + (value == null ? 0 : value.length()) + ENTRY_OVERHEAD;
  }

  int size() {
    return recent.size();
  }

  long keptChars() {
    return recent.weight();
  }
}
