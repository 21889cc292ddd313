package dev.sourcegate.loadtest;

import dev.sourcegate.auth.OAuthToken;
import dev.sourcegate.auth.SessionCookie;
import dev.sourcegate.auth.TenantKeys;
import java.time.Instant;

/**
 * Mints pyroscope_git_session cookie values with the gateway's own classes, exactly as a login would: an
 * OAuth token sealed with the tenant's key (SHA-256 of secret + ":" + tenant), wrapped in the current
 * {"token": ...} form. The fake upstream accepts any token.
 */
public final class Cookies {
  public static final String DEFAULT_SECRET = "sourcegate-bench-session-secret";

  private Cookies() {}

  /** A cookie value for tenant, valid for hours; the access token is a fixed fake one. */
  public static String mint(String secret, String tenant, long hours) {
    OAuthToken token = new OAuthToken("gho_sourcegate_bench", "bearer", "ghr_sourcegate_bench",
        Instant.now().plusSeconds(hours * 3600));
    return SessionCookie.value(SessionCookie.seal(token, new TenantKeys(secret).keyFor(tenant)));
  }

  /** The secret from the environment (GITHUB_SESSION_SECRET), as the gateway reads it. */
  public static String secretFromEnv() {
    String s = System.getenv("GITHUB_SESSION_SECRET");
    return s == null || s.isEmpty() ? DEFAULT_SECRET : s;
  }

  /** Prints a cookie header value for the tenant "anonymous" (or args[0]). */
  public static void main(String[] args) {
    String tenant = args.length > 0 ? args[0] : "anonymous";
    System.out.println(SessionCookie.NAME + "=" + mint(secretFromEnv(), tenant, 8));
  }
}
