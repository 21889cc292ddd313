package dev.sourcegate.fetch.registry;

import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import io.vertx.core.MultiMap;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * A configured registry: its base URL without credentials, and the Authorization its requests carry
 * (a bearer token, else the URL's user:password as Basic). Credentials never appear in a URL that is
 * sent, logged or shown; they go only to the registry's own origin (scheme, host and port).
 */
public final class RegistryOrigin {
  private final String base;
  private final String origin;
  private final String authorization;

  public RegistryOrigin(URI url, String token) {
    this(token == null || token.isEmpty() ? null : "Bearer " + token, url);
  }

  /**
   * A registry whose token is sent as the given Authorization header value (RubyGems takes its API keys
   * as they are); null or empty: the URL's user:password as Basic, if any.
   */
  public static RegistryOrigin withAuthorization(URI url, String authorization) {
    return new RegistryOrigin(authorization, url);
  }

  private RegistryOrigin(String authorization, URI url) {
    String userInfo = url.getRawUserInfo();
    try {
      URI bare = new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), null, null);
      String s = bare.toString();
      this.base = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("registry URL", e);
    }
    this.origin = originOf(URI.create(base));
    if (authorization != null && !authorization.isEmpty()) {
      this.authorization = authorization;
    } else if (userInfo != null && !userInfo.isEmpty()) {
      String plain = URLDecoder.decode(userInfo, StandardCharsets.UTF_8);
      this.authorization = "Basic " + Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    } else {
      this.authorization = null;
    }
  }

  public String base() {
    return base;
  }

  /** A fresh header map holding the credentials, if any. */
  public MultiMap headers() {
    MultiMap h = MultiMap.caseInsensitiveMultiMap();
    if (authorization != null) {
      h.add("Authorization", authorization);
    }
    return h;
  }

  /** Whether url is on the registry's own origin (and carries no credentials of its own). */
  public boolean isOwn(String url) {
    try {
      URI u = new URI(url);
      return u.getRawUserInfo() == null && origin.equals(originOf(u));
    } catch (URISyntaxException | IllegalArgumentException e) {
      return false;
    }
  }

  /** url when it is on the registry's origin; otherwise refused (see the class comment). */
  public String sameOrigin(String url, String what) {
    try {
      URI u = new URI(url);
      if (u.getRawUserInfo() == null && origin.equals(originOf(u))) {
        return u.toString();
      }
    } catch (URISyntaxException | IllegalArgumentException e) {
      // refused below
    }
    throw new RpcException(Code.UNKNOWN, "the registry names a tarball for " + what + " outside the registry; it is not fetched");
  }

  private static String originOf(URI u) {
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    int port = u.getPort() >= 0 ? u.getPort() : "https".equals(scheme) ? 443 : 80;
    return scheme + "://" + (u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT)) + ":" + port;
  }
}
