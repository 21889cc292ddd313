package dev.sourcegate.demo.github;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the simulated GitHub App has handed out: one-time codes, user access tokens and single-use
 * refresh tokens, each with its lifetime, and a bound on how many a flood of logins can leave behind.
 */
public final class OAuthGrants {
  /** GitHub App user tokens: 8 hours; refresh tokens: 6 months. */
  public static final long TOKEN_SECONDS = 28_800;
  public static final long REFRESH_TOKEN_SECONDS = 15_811_200;
  public static final long CODE_SECONDS = 600;
  /** A bound on what a flood of logins can make the simulated GitHub remember. */
  public static final int MAX_GRANTS = 10_000;
  private static final char[] ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  record Code(String clientId, String redirectUri, long expiresAtMillis) {}

  /** An access token and its refresh token, as the token endpoint lists them. */
  record Issued(String accessToken, String refreshToken) {}

  private record Token(String login, long expiresAtMillis) {}

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Code> codes = new ConcurrentHashMap<>();
  private final Map<String, Token> accessTokens = new ConcurrentHashMap<>();
  private final Map<String, Token> refreshTokens = new ConcurrentHashMap<>();

  public OAuthGrants(Clock clock) {
    this.clock = clock;
    random.nextBytes(new byte[8]); // seeds the generator here, not on the event loop at the first login
  }

  /** A new one-time code, or empty when too many are pending. */
  Optional<String> code(String clientId, String redirectUri) {
    if (!room(codes)) {
      return Optional.empty();
    }
    byte[] b = new byte[10];
    random.nextBytes(b);
    String code = HexFormat.of().formatHex(b);
    codes.put(code, new Code(clientId, redirectUri, now() + CODE_SECONDS * 1000));
    return Optional.of(code);
  }

  /** The code's grant, once: a code is spent by its first use, expired or not. */
  Optional<Code> redeemCode(String code) {
    Code c = code == null ? null : codes.remove(code);
    return c == null || c.expiresAtMillis() <= now() ? Optional.empty() : Optional.of(c);
  }

  /** The login a refresh token was issued to, once: GitHub invalidates a refresh token when it is used. */
  Optional<String> redeemRefreshToken(String refreshToken) {
    Token t = refreshToken == null ? null : refreshTokens.remove(refreshToken);
    return t == null || t.expiresAtMillis() <= now() ? Optional.empty() : Optional.of(t.login());
  }

  /** A new access and refresh token for login, or empty when too many are live. */
  Optional<Issued> issue(String login) {
    if (!room(accessTokens) || !room(refreshTokens)) {
      return Optional.empty();
    }
    String access = "ghu_" + alnum(36);
    String refresh = "ghr_" + alnum(76);
    accessTokens.put(access, new Token(login, now() + TOKEN_SECONDS * 1000));
    refreshTokens.put(refresh, new Token(login, now() + REFRESH_TOKEN_SECONDS * 1000));
    return Optional.of(new Issued(access, refresh));
  }

  /** Whether the API accepts this token: issued here and not expired. */
  public boolean isLiveAccessToken(String token) {
    Token t = accessTokens.get(token);
    return t != null && t.expiresAtMillis() > now();
  }

  /** Drops expired entries when a map grows large; false when it is still full of live ones. */
  private <V> boolean room(Map<String, V> map) {
    if (map.size() < MAX_GRANTS) {
      return true;
    }
    long now = now();
    map.values().removeIf(v -> (v instanceof Code c ? c.expiresAtMillis() : ((Token) v).expiresAtMillis()) <= now);
    return map.size() < MAX_GRANTS;
  }

  private long now() {
    return clock.millis();
  }

  private String alnum(int n) {
    char[] out = new char[n];
    for (int i = 0; i < n; i++) {
      out[i] = ALNUM[random.nextInt(ALNUM.length)];
    }
    return new String(out);
  }
}
