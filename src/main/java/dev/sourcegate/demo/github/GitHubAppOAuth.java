package dev.sourcegate.demo.github;

import static dev.sourcegate.demo.github.Answers.enc;
import static dev.sourcegate.demo.github.Answers.html;
import static dev.sourcegate.demo.github.Answers.withQuery;
import static dev.sourcegate.demo.github.ConsentPage.page;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * github.com's side of a GitHub App's user login, for one registered app:
 *
 * <ul>
 *   <li>{@code GET /login/oauth/authorize}: the consent page; approving it ({@code POST
 *       /login/oauth/authorize}) redirects to redirect_uri with a one-time code and the state;
 *   <li>{@code POST /login/oauth/access_token}: code or refresh-token exchange, answering JSON when asked
 *       (Accept: application/json) and form-encoded otherwise, errors as 200 with an {@code error} field,
 *       as GitHub does; refresh tokens are single-use.
 * </ul>
 */
public final class GitHubAppOAuth {
  private static final String LOGIN = "demo-user";
  private final OAuthApp app;
  private final OAuthGrants grants;

  public GitHubAppOAuth(OAuthApp app, OAuthGrants grants) {
    this.app = app;
    this.grants = grants;
  }

  void mount(Router router) {
    router.get("/login/oauth/authorize").handler(this::authorizePage);
    router.post("/login/oauth/authorize").handler(this::approve);
    router.post("/login/oauth/access_token").handler(this::accessToken);
  }

  /** Where the browser goes back to; GitHub accepts the callback URL itself or a path below it. */
  private Optional<String> redirectUri(String given) {
    if (given == null || given.isEmpty()) {
      return Optional.of(app.callbackUrl());
    }
    String registered = app.callbackUrl();
    String base = registered.endsWith("/") ? registered : registered + "/";
    return given.equals(registered) || given.startsWith(base) ? Optional.of(given) : Optional.empty();
  }

  /** The redirect a consent form names, or empty after answering the error page GitHub shows. */
  private Optional<String> checkedRedirect(RoutingContext ctx, MultiMap params) {
    if (!app.clientId().equals(params.get("client_id"))) {
      html(ctx.response(), 404, page("Not found", "<p>No application has the client_id given.</p>"));
      return Optional.empty();
    }
    Optional<String> redirect = redirectUri(params.get("redirect_uri"));
    if (redirect.isEmpty()) {
      html(ctx.response(), 400, page("Redirect URI mismatch",
          "<p>The redirect_uri is not associated with this application.</p>"));
    }
    return redirect;
  }

  private void authorizePage(RoutingContext ctx) {
    MultiMap q = ctx.request().params();
    Optional<String> redirect = checkedRedirect(ctx, q);
    if (redirect.isEmpty()) {
      return;
    }
    String state = q.get("state") == null ? "" : q.get("state");
    String cancel = withQuery(redirect.get(), "error=access_denied&error_description="
        + enc("The user has denied your application access.") + (state.isEmpty() ? "" : "&state=" + enc(state)));
    html(ctx.response(), 200, page("Authorize " + app.name(), ConsentPage.card(app, redirect.get(), state, cancel)));
  }

  private void approve(RoutingContext ctx) {
    MultiMap form = ctx.request().formAttributes();
    Optional<String> redirect = checkedRedirect(ctx, form);
    if (redirect.isEmpty()) {
      return;
    }
    Optional<String> code = grants.code(app.clientId(), redirect.get());
    if (code.isEmpty()) {
      html(ctx.response(), 503, page("Busy", "<p>Too many pending authorizations; try again in a few minutes.</p>"));
      return;
    }
    String state = form.get("state");
    String location = withQuery(redirect.get(), "code=" + code.get() + (state == null || state.isEmpty() ? "" : "&state=" + enc(state)));
    ctx.response().setStatusCode(302).putHeader("Location", location).putHeader("Cache-Control", "no-store").end();
  }

  private void accessToken(RoutingContext ctx) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap().addAll(ctx.request().params()).addAll(ctx.request().formAttributes());
    boolean asJson = String.valueOf(ctx.request().getHeader("Accept")).contains("json");
    if (!app.clientId().equals(form.get("client_id")) || !app.clientSecret().equals(form.get("client_secret"))) {
      error(ctx, asJson, "incorrect_client_credentials", "The client_id and/or client_secret passed are incorrect.");
      return;
    }
    if ("refresh_token".equals(form.get("grant_type"))) {
      Optional<String> login = grants.redeemRefreshToken(form.get("refresh_token"));
      if (login.isEmpty()) {
        error(ctx, asJson, "bad_refresh_token", "The refresh token passed is incorrect or expired.");
        return;
      }
      grant(ctx, asJson, login.get());
      return;
    }
    Optional<OAuthGrants.Code> code = grants.redeemCode(form.get("code"));
    if (code.isEmpty() || !code.get().clientId().equals(form.get("client_id"))) {
      error(ctx, asJson, "bad_verification_code", "The code passed is incorrect or expired.");
      return;
    }
    String redirect = form.get("redirect_uri");
    if (redirect != null && !redirect.isEmpty() && !redirect.equals(code.get().redirectUri())) {
      error(ctx, asJson, "redirect_uri_mismatch", "The redirect_uri MUST match the registered callback URL for this application.");
      return;
    }
    grant(ctx, asJson, LOGIN);
  }

  private void grant(RoutingContext ctx, boolean asJson, String login) {
    Optional<OAuthGrants.Issued> issued = grants.issue(login);
    if (issued.isEmpty()) {
      error(ctx, asJson, "temporarily_unavailable", "Too many tokens issued; restart the demo.");
      return;
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("access_token", issued.get().accessToken());
    fields.put("expires_in", OAuthGrants.TOKEN_SECONDS);
    fields.put("refresh_token", issued.get().refreshToken());
    fields.put("refresh_token_expires_in", OAuthGrants.REFRESH_TOKEN_SECONDS);
    fields.put("scope", "");
    fields.put("token_type", "bearer");
    answer(ctx, asJson, fields);
  }

  private static void error(RoutingContext ctx, boolean asJson, String error, String description) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("error", error);
    fields.put("error_description", description);
    fields.put("error_uri", "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors");
    answer(ctx, asJson, fields);
  }

  /** GitHub answers 200 in both forms, errors included. */
  private static void answer(RoutingContext ctx, boolean asJson, Map<String, Object> fields) {
    HttpServerResponse res = ctx.response().putHeader("Cache-Control", "no-store");
    if (asJson) {
      Answers.json(res, 200, new JsonObject(fields));
      return;
    }
    StringBuilder sb = new StringBuilder();
    fields.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&").append(k).append('=').append(enc(String.valueOf(v))));
    res.putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").end(sb.toString());
  }
}
