package dev.sourcegate.bus;

/**
 * The session of a cookie already opened for a tenant and not expired, or null. It never decrypts and
 * never blocks: a cookie not opened lately is for the auth verticle to open and judge.
 */
@FunctionalInterface
public interface KnownSessions {
  KnownSessions NONE = (tenant, cookie) -> null;

  Messages.Session known(String tenant, String sessionCookie);
}
