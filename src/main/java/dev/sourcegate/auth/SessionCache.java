package dev.sourcegate.auth;

import dev.sourcegate.ops.Caches;
import dev.sourcegate.ops.SampledReads;

import com.github.benmanes.caffeine.cache.Cache;
import dev.sourcegate.bus.KnownSessions;
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
  /** Read on every request: a sample of the reads tells the eviction policy. */
  private final SampledReads<Key, Opened> openedReads;

  /**
   * Tenant and cookie as two fields: no concatenated key string per click. The cookie is a fresh String
   * on every request, and String.hashCode would walk all of its few hundred characters, serially, each
   * time; the hash reads 32 characters from its middle instead (the sealed token's ciphertext in every
   * cookie form, so honest cookies spread well). Colliding keys can be made: the base64 and JSON around
   * the sealed token are not authenticated, so one valid token opens in many spellings of equal length
   * that differ outside the middle. Keys are therefore Comparable: the map keeps colliding keys in a
   * tree, and a look-up costs a few comparisons, not a walk through every spelling. equals compares the
   * whole value.
   */
  private record Key(String tenant, String cookieValue) implements Comparable<Key> {
    static final int HASHED_MIDDLE = 32;

    @Override
    public int hashCode() {
      int h = tenant.hashCode();
      int n = cookieValue.length();
      int from = Math.max(0, (n - HASHED_MIDDLE) / 2);
      for (int i = from, to = Math.min(n, from + HASHED_MIDDLE); i < to; i++) {
        h = 31 * h + cookieValue.charAt(i);
      }
      return 31 * h + n;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.cookieValue.equals(cookieValue) && k.tenant.equals(tenant);
    }

    @Override
    public int compareTo(Key o) {
      int byTenant = tenant.compareTo(o.tenant);
      return byTenant != 0 ? byTenant : cookieValue.compareTo(o.cookieValue);
    }
  }

  public SessionCache(Duration keep, long maxEntries) {
    this.opened = Caches.builder().maximumSize(maxEntries).expireAfterWrite(keep).build();
    this.openedReads = new SampledReads<>(opened);
  }

  /**
   * The session of a cookie already opened here and not expired at now; null otherwise (this never
   * decrypts: a cookie not seen lately, or one that fails, is for the auth verticle to open and judge).
   */
  public Session known(String tenant, String cookieValue, java.time.Instant now) {
    if (cookieValue == null || cookieValue.isEmpty()) {
      return null;
    }
    Opened o = openedReads.get(new Key(tenant, cookieValue));
    return o == null || o.token().expiredAt(now) ? null : o.session();
  }

  /** The same, with the token's expiry (epoch milliseconds; Long.MAX_VALUE for a token without one). */
  public KnownSessions.Until knownUntil(String tenant, String cookieValue, java.time.Instant now) {
    if (cookieValue == null || cookieValue.isEmpty()) {
      return null;
    }
    Opened o = openedReads.get(new Key(tenant, cookieValue));
    if (o == null || o.token().expiredAt(now)) {
      return null;
    }
    java.time.Instant expiry = o.token().expiry();
    return new KnownSessions.Until(o.session(), expiry == null ? Long.MAX_VALUE : expiry.toEpochMilli());
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
