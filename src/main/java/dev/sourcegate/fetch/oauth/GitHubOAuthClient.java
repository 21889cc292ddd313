package dev.sourcegate.fetch.oauth;

import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.settings.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.core.buffer.Buffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Talks to GitHub's OAuth token endpoint ({github}/login/oauth/access_token) with two form POSTs of its
 * own. Why not vertx-auth-oauth2 (tried with 5.0.7, then dropped from the pom): its code exchange always
 * adds grant_type=authorization_code, while the login form is exactly client_id, client_secret and code
 * (docs/api.md §4, and LoginFlowTest asserts it); it turns an answer carrying `error`, a 5xx, a 429 and a
 * content type it does not know into the same failure with a free-text message (keeping error_description
 * over the error code), so a refused code, GitHub being down and its rate limit could only be told apart
 * by parsing that text; it computes the expiry itself and fails with NumberFormatException, or
 * NullPointerException for an empty form value, before the raw fields reach us, and it turns an
 * expires_in of 0 into "User token is expired." instead of a token without expiry. TokenGrant keeps the
 * raw fields, whichever way GitHub encoded them, so AuthVerticle applies §4's rules itself.
 */
public final class GitHubOAuthClient {
  private final WebClient client;
  private final String tokenUrl;
  private final GatewayConfig.GitHubApp app;
  private final int timeoutMs;

  public GitHubOAuthClient(Vertx vertx, GatewayConfig config) {
    GatewayConfig.Upstreams up = config.upstreams();
    this.client = WebClient.create(vertx, new WebClientOptions()
        .setConnectTimeout(up.connectTimeoutMs())
        .setUserAgent("sourcegate")
        .setFollowRedirects(false));
    String base = up.githubUrl().toString();
    this.tokenUrl = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/login/oauth/access_token";
    this.app = config.githubApp();
    this.timeoutMs = up.timeoutMs();
  }

  /** Exchanges an authorization code (GithubLogin). */
  public Future<TokenGrant> exchangeCode(String code) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("client_id", app.clientId());
    form.put("client_secret", app.clientSecret());
    form.put("code", code);
    return post(form);
  }

  /** Trades a refresh token for a new token pair (GithubRefresh). */
  public Future<TokenGrant> refresh(String refreshToken) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "refresh_token");
    form.put("refresh_token", refreshToken);
    form.put("client_id", app.clientId());
    form.put("client_secret", app.clientSecret());
    return post(form);
  }

  private Future<TokenGrant> post(Map<String, String> form) {
    return client.postAbs(tokenUrl)
        .putHeader("Accept", "application/json")
        .timeout(timeoutMs)
        .sendForm(TokenGrant.form(form))
        .recover(e -> Future.failedFuture(new RpcException(Code.UNAVAILABLE, "GitHub could not be reached")))
        .compose(this::grantOf);
  }

  private Future<TokenGrant> grantOf(HttpResponse<Buffer> response) {
    int status = response.statusCode();
    if (status >= 500) {
      return Future.failedFuture(new RpcException(Code.UNAVAILABLE, "GitHub answered " + status));
    }
    if (status == 429) {
      return Future.failedFuture(new RpcException(Code.RESOURCE_EXHAUSTED, "GitHub rate limit reached"));
    }
    // GitHub answers 200 with an error field for bad codes; other 4xx are treated the same way
    return Future.succeededFuture(TokenGrant.parse(response.body()));
  }

  public void close() {
    client.close();
  }
}
