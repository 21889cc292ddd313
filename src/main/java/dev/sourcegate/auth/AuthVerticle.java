package dev.sourcegate.auth;

import dev.sourcegate.fetch.oauth.GitHubOAuthClient;
import dev.sourcegate.fetch.oauth.TokenGrant;

import com.google.protobuf.Message;
import dev.sourcegate.api.proto.GithubAppRequest;
import dev.sourcegate.api.proto.GithubAppResponse;
import dev.sourcegate.api.proto.GithubLoginRequest;
import dev.sourcegate.api.proto.GithubLoginResponse;
import dev.sourcegate.api.proto.GithubRefreshRequest;
import dev.sourcegate.api.proto.GithubRefreshResponse;
import dev.sourcegate.bus.Addresses;
import dev.sourcegate.bus.BusFailures;
import dev.sourcegate.bus.LoopAffinity;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.bus.BusServer;
import dev.sourcegate.bus.Messages.AuthCall;
import dev.sourcegate.bus.Messages.RpcReply;
import dev.sourcegate.bus.Messages.Session;
import dev.sourcegate.bus.Messages.SessionLookup;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.settings.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Logs people in to GitHub and turns session cookies into tokens: GithubApp, GithubLogin, GithubRefresh
 * (docs/api.md §4), and the session look-up every source RPC starts with.
 */
public final class AuthVerticle extends VerticleBase {
  private static final System.Logger LOG = System.getLogger(AuthVerticle.class.getName());
  /** What the reference assumes when GitHub does not say how long a refresh token lives (184 days). */
  static final Duration DEFAULT_REFRESH_TOKEN_LIFETIME = Duration.ofSeconds(15_897_600);
  /** How long a successful refresh answer is kept for a late duplicate refresh of the same token. */
  public static final long KEEP_REFRESH_ANSWER_MS = 60_000;
  private static final List<String> REFRESH_FIELDS = List.of(
      TokenGrant.ACCESS_TOKEN, TokenGrant.EXPIRES_IN, TokenGrant.REFRESH_TOKEN,
      TokenGrant.REFRESH_TOKEN_EXPIRES_IN, TokenGrant.SCOPE, TokenGrant.TOKEN_TYPE);

  private final GatewayConfig.GitHubApp app;
  private final GatewayConfig config;
  private final Clock clock;
  private TenantKeys keys;
  private GitHubOAuthClient github;
  private final RefreshCoalescer refreshes;
  private final SessionCache sessions;

  /**
   * refreshes and sessions are shared by every instance: concurrent refreshes of one token must meet
   * whichever event loop they arrive on, and a session opened on one loop serves the others.
   */
  public AuthVerticle(GatewayConfig config, Clock clock, RefreshCoalescer refreshes, SessionCache sessions) {
    this.config = config;
    this.app = config.githubApp();
    this.clock = clock;
    this.refreshes = refreshes;
    this.sessions = sessions;
  }

  @Override
  public Future<?> start() {
    keys = app.sessionSecret().isEmpty() ? null : new TenantKeys(app.sessionSecret());
    github = new GitHubOAuthClient(vertx, config);
    return Future.all(
        BusServer.serve(vertx, Addresses.AUTH_RPC, (AuthCall call) -> handle(call).map(RpcReply::new)),
        BusServer.serve(vertx, Addresses.AUTH_SESSION, (SessionLookup lookup) -> Future.succeededFuture(session(lookup))));
  }

  @Override
  public Future<?> stop() {
    github.close();
    return Future.succeededFuture();
  }

  private Future<Message> handle(AuthCall call) {
    try {
      Message request = call.request();
      if (request instanceof GithubAppRequest) {
        return Future.succeededFuture(githubApp());
      }
      requireConfigured();
      if (request instanceof GithubLoginRequest login) {
        return login(call.ctx().tenant(), login.getAuthorizationCode());
      }
      if (request instanceof GithubRefreshRequest) {
        return refresh(call.ctx().tenant(), call.sessionCookie());
      }
      return Future.failedFuture(new RpcException(Code.UNIMPLEMENTED, "not an auth method"));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private Message githubApp() {
    requireConfigured();
    return GithubAppResponse.newBuilder().setClientID(app.clientId()).setCallbackURL(app.callbackUrl()).build();
  }

  private void requireConfigured() {
    if (!app.configured()) {
      throw new RpcException(Code.UNIMPLEMENTED, "GitHub integration is not configured");
    }
  }

  private Future<Message> login(String tenant, String code) {
    if (code.isEmpty()) {
      return Future.failedFuture(RpcException.invalidArgument("authorizationCode is required"));
    }
    return github.exchangeCode(code).map(grant -> {
      Optional<String> access = grant.get(TokenGrant.ACCESS_TOKEN);
      if (grant.error().isPresent() || access.isEmpty()) {
        String why = grant.error().map(e -> e.replaceAll("[^A-Za-z0-9_]", "")).orElse("no access token");
        throw new RpcException(Code.UNAUTHENTICATED, "GitHub refused the authorization code (" + why + ")");
      }
      Issued issued;
      try {
        issued = issue(tenant, grant);
      } catch (TokenGrant.NotANumber e) {
        LOG.log(Level.WARNING, "GitHub answered a login with a token whose {0}", e.getMessage());
        throw new RpcException(Code.INTERNAL, "failed to log in: GitHub's answer has an invalid token lifetime");
      }
      return GithubLoginResponse.newBuilder()
          .setCookie(issued.cookie).setToken(issued.sealed)
          .setTokenExpiresAt(issued.tokenExpiresAt).setRefreshTokenExpiresAt(issued.refreshTokenExpiresAt)
          .build();
    });
  }

  private Future<Message> refresh(String tenant, String cookie) {
    OAuthToken current;
    try {
      current = SessionCookie.read(cookie, keys.keyFor(tenant));
    } catch (SessionException e) {
      return Future.failedFuture(refused(tenant, e));
    }
    if (current.refreshToken().isEmpty()) {
      return Future.failedFuture(new RpcException(Code.UNAUTHENTICATED, "session has no refresh token; log in again"));
    }
    return refreshes.refresh(current.refreshToken(), github::refresh).map(grant -> {
      // present, not necessarily non-empty: GitHub Apps send "scope": "" (user tokens carry no OAuth scopes)
      if (!REFRESH_FIELDS.stream().allMatch(grant::has) || grant.get(TokenGrant.ACCESS_TOKEN).isEmpty()) {
        throw new RpcException(Code.INTERNAL, "failed to refresh token");
      }
      Issued issued;
      try {
        if (grant.seconds(TokenGrant.EXPIRES_IN).isEmpty()) {
          throw new RpcException(Code.INTERNAL, "failed to refresh token");
        }
        issued = issue(tenant, grant);
      } catch (TokenGrant.NotANumber e) {
        LOG.log(Level.WARNING, "GitHub answered a refresh with a token whose {0}", e.getMessage());
        throw new RpcException(Code.INTERNAL, "failed to refresh token");
      }
      return GithubRefreshResponse.newBuilder()
          .setCookie(issued.cookie).setToken(issued.sealed)
          .setTokenExpiresAt(issued.tokenExpiresAt).setRefreshTokenExpiresAt(issued.refreshTokenExpiresAt)
          .build();
    });
  }

  private record Issued(String cookie, String sealed, long tokenExpiresAt, long refreshTokenExpiresAt) {}

  /** Seals a fresh token for the tenant and states its lifetimes the way released clients read them. */
  private Issued issue(String tenant, TokenGrant grant) {
    Instant now = clock.instant();
    Instant expiry = grant.seconds(TokenGrant.EXPIRES_IN).map(now::plusSeconds).orElse(null);
    Instant refreshExpiry = grant.seconds(TokenGrant.REFRESH_TOKEN_EXPIRES_IN)
        .map(now::plusSeconds).orElse(now.plus(DEFAULT_REFRESH_TOKEN_LIFETIME));
    OAuthToken token = new OAuthToken(
        grant.get(TokenGrant.ACCESS_TOKEN).orElseThrow(),
        grant.get(TokenGrant.TOKEN_TYPE).orElse("bearer"),
        grant.get(TokenGrant.REFRESH_TOKEN).orElse(""),
        expiry);
    String sealed = SessionCookie.seal(token, keys.keyFor(tenant));
    // a token that never expires must not make clients refresh in a loop: it lives as long as the cookie
    long accessExpiryMs = (expiry == null ? refreshExpiry : expiry).toEpochMilli();
    return new Issued(
        SessionCookie.responseCookie(sealed, accessExpiryMs, refreshExpiry),
        sealed,
        accessExpiryMs,
        refreshExpiry.toEpochMilli());
  }

  /** Unauthenticated; logged when the cookie was sealed with the session secret yet holds an unusable token. */
  private static RpcException refused(String tenant, SessionException e) {
    if (e.decrypted()) {
      LOG.log(Level.WARNING, "tenant {0}: a session cookie sealed with the session secret was refused: {1}", tenant, e.getMessage());
    }
    return new RpcException(Code.UNAUTHENTICATED, e.getMessage());
  }

  private Session session(SessionLookup lookup) {
    if (keys == null) {
      throw new RpcException(Code.UNIMPLEMENTED, "GitHub integration is not configured");
    }
    if (lookup.sessionCookie() == null || lookup.sessionCookie().isEmpty()) {
      throw new RpcException(Code.UNAUTHENTICATED, "not logged in to GitHub (no session cookie)");
    }
    SessionCache.Opened opened;
    try {
      opened = sessions.open(lookup.ctx().tenant(), lookup.sessionCookie(),
          () -> SessionCookie.read(lookup.sessionCookie(), keys.keyFor(lookup.ctx().tenant())));
    } catch (SessionException e) {
      throw refused(lookup.ctx().tenant(), e);
    }
    if (opened.token().expiredAt(clock.instant())) {
      throw new RpcException(Code.UNAUTHENTICATED, "GitHub session expired; refresh it");
    }
    return opened.session();
  }
}
