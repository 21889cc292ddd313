package dev.sourcegate.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Opened session cookies, so that a person's every click does not decode and decrypt the same cookie
 * again. Keyed by tenant and the whole cookie value (a cookie of another tenant is another key, and
 * fails to open there); only successful opens are kept, for a short while; expiry is still checked on
 * every use by the caller.
 */
public final class SessionCache {
  private final Cache<String, OAuthToken> opened;

  public SessionCache(Duration keep, long maxEntries) {
    this.opened = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(keep).build();
  }

  public OAuthToken open(String tenant, String cookieValue, Supplier<OAuthToken> decrypt) {
    String key = tenant + "\n" + cookieValue;
    OAuthToken token = opened.getIfPresent(key);
    if (token == null) {
      token = decrypt.get();
      opened.put(key, token);
    }
    return token;
  }
}
