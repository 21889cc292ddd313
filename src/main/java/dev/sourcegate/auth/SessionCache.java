package dev.sourcegate.auth;

import com.github.benmanes.caffeine.cache.Cache;
import dev.sourcegate.bus.Messages.Session;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Opened session cookies, so that a person's every click does not decode and decrypt the same cookie
 * again (nor digest its token). Keyed by tenant and the whole cookie value (a cookie of another tenant is
 * another key, and fails to open there); only successful opens are kept, for a short while; expiry is
 * still checked on every use by the caller.
 */
public final class SessionCache {
  /** An opened cookie: the token (with its expiry) and the session handed to the source verticles. */
  public record Opened(OAuthToken token, Session session) {}

  private final Cache<Key, Opened> opened;

  /** Tenant and cookie as two fields: no concatenated key string per click. */
  private record Key(String tenant, String cookieValue) {}

  public SessionCache(Duration keep, long maxEntries) {
    this.opened = dev.sourcegate.ops.Caches.builder().maximumSize(maxEntries).expireAfterWrite(keep).build();
  }

  /**
   * The session of a cookie already opened here and not expired at now; null otherwise (this never
   * decrypts: a cookie not seen lately, or one that fails, is for the auth verticle to open and judge).
   */
  public Session known(String tenant, String cookieValue, java.time.Instant now) {
    if (cookieValue == null || cookieValue.isEmpty()) {
      return null;
    }
    Opened o = opened.getIfPresent(new Key(tenant, cookieValue));
    return o == null || o.token().expiredAt(now) ? null : o.session();
  }

  public Opened open(String tenant, String cookieValue, Supplier<OAuthToken> decrypt) {
    Key key = new Key(tenant, cookieValue);
    Opened o = opened.getIfPresent(key);
    if (o == null) {
      OAuthToken token = decrypt.get();
      o = new Opened(token, Session.of(token.accessToken()));
      opened.put(key, o);
    }
    return o;
  }
}
