package dev.sourcegate.bus;

/**
 * The session of a cookie already opened for a tenant and not expired, or null. It never decrypts and
 * never blocks: a cookie not opened lately is for the auth verticle to open and judge.
 */
@FunctionalInterface
public interface KnownSessions {
  KnownSessions NONE = (tenant, cookie) -> null;

  Messages.Session known(String tenant, String sessionCookie);

  /**
   * The same, with the instant (epoch milliseconds, on {@link #nowMillis}' clock) until which the answer
   * holds: the session's token expiry, since opening a cookie gives the same session every time. By
   * default it holds only now (asked again next time).
   */
  default Until knownUntil(String tenant, String sessionCookie) {
    Messages.Session s = known(tenant, sessionCookie);
    return s == null ? null : new Until(s, nowMillis());
  }

  /** Now, on the clock that ends sessions (epoch milliseconds). */
  default long nowMillis() {
    return System.currentTimeMillis();
  }

  /** A session and the instant (epoch milliseconds) before which it stays valid. */
  record Until(Messages.Session session, long untilMillis) {}
}
