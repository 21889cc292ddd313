package dev.sourcegate.fetch;

import dev.sourcegate.rpc.RpcException;
import io.vertx.core.MultiMap;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;

/**
 * A registry's base URL and credentials (a mirror's, from a secret): {@code user:password@} in the URL or
 * a token setting ({@code user:password} for Basic, anything else a Bearer token). The credentials go only
 * to the registry's own origin: an artifact the metadata places on another host (PyPI's files host, say)
 * is fetched without them, and only over https, so neither a credential nor a plain-text request leaves
 * for a host nobody configured.
 */
public final class RegistryAccess {
  private final String base;
  private final URI origin;
  private final String authorization;

  private RegistryAccess(String base, URI origin, String authorization) {
    this.base = base;
    this.origin = origin;
    this.authorization = authorization;
  }

  public static RegistryAccess of(URI configured, String token) {
    String userInfo = configured.getRawUserInfo();
    URI plain = URI.create(configured.getScheme() + "://" + configured.getRawAuthority().substring(
        userInfo == null ? 0 : userInfo.length() + 1) + (configured.getRawPath() == null ? "" : configured.getRawPath()));
    String auth = null;
    if (token != null && !token.isEmpty()) {
      auth = token.contains(":") ? basic(token) : "Bearer " + token;
    } else if (userInfo != null) {
      auth = basic(URLDecoder.decode(userInfo.replace("+", "%2B"), StandardCharsets.UTF_8));
    }
    return new RegistryAccess(UrlPaths.base(plain), plain, auth);
  }

  /**
   * A registry whose token is the whole Authorization header value, sent as it is (Cargo sends a
   * registry's token that way: a mirror may want {@code Bearer x}, {@code Basic x} or a bare token);
   * without one, the URL's user:password as Basic.
   */
  public static RegistryAccess withHeader(URI configured, String authorization) {
    RegistryAccess fromUrl = of(configured, null);
    return authorization == null || authorization.isEmpty() ? fromUrl
        : new RegistryAccess(fromUrl.base, fromUrl.origin, authorization);
  }

  /** Whether url is on the registry's own origin (scheme, host and port). */
  public boolean isOwn(String url) {
    try {
      return sameOrigin(URI.create(url));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String basic(String userPassword) {
    return "Basic " + Base64.getEncoder().encodeToString(userPassword.getBytes(StandardCharsets.UTF_8));
  }

  /** The base URL without credentials and without a trailing slash. */
  public String base() {
    return base;
  }

  /** The Authorization header for a URL of the registry's own origin; none for any other. */
  public MultiMap headersFor(String url) {
    MultiMap h = MultiMap.caseInsensitiveMultiMap();
    if (authorization != null && sameOrigin(URI.create(url))) {
      h.set("Authorization", authorization);
    }
    return h;
  }

  /** An artifact URL the metadata named, if it may be fetched: the registry's own origin, or https. */
  public String artifactUrl(String url, String what) {
    URI u;
    try {
      u = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw RpcException.notFound("the registry names no usable location for " + what);
    }
    if (u.getHost() == null || !(sameOrigin(u) || "https".equalsIgnoreCase(u.getScheme())) || u.getRawUserInfo() != null) {
      throw RpcException.notFound("the registry places " + what + " at a location that is not read (not https,"
          + " not the registry's own)");
    }
    return url;
  }

  RpcException refusal(int status, String what) {
    return PyPiProvider.statusFailure(status, what);
  }

  private boolean sameOrigin(URI u) {
    return origin.getScheme().equalsIgnoreCase(Objects.toString(u.getScheme(), ""))
        && origin.getHost().toLowerCase(Locale.ROOT).equals(Objects.toString(u.getHost(), "").toLowerCase(Locale.ROOT))
        && port(origin) == port(u);
  }

  private static int port(URI u) {
    return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  @Override
  public String toString() {
    return "RegistryAccess[base=" + base + ", credentials=" + (authorization == null ? "none" : "***") + "]";
  }
}
