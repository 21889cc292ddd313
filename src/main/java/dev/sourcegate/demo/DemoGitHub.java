package dev.sourcegate.demo;

import dev.sourcegate.demo.SampleRepositories.Commit;
import dev.sourcegate.demo.SampleRepositories.Repo;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The demo's simulated GitHub, on 127.0.0.1 (a random port). Everything is in memory:
 *
 * <ul>
 *   <li>{@code GET /login/oauth/authorize}: the consent page of the demo GitHub App; approving it
 *       ({@code POST /login/oauth/authorize}) redirects to redirect_uri with a one-time code and the state;
 *   <li>{@code POST /login/oauth/access_token}: code or refresh-token exchange, answering JSON when asked
 *       (Accept: application/json) and form-encoded otherwise, errors as 200 with an {@code error} field,
 *       as GitHub does; refresh tokens are single-use;
 *   <li>the REST API under {@code /api}: {@code /repos/{o}/{r}}, {@code /repos/{o}/{r}/contents/{path}?ref=}
 *       (base64 JSON, or raw bytes for the raw media type) and {@code /repos/{o}/{r}/commits/{ref}} (JSON, or
 *       the SHA for {@code application/vnd.github.sha}, with ETag and 304), each requiring a token it issued;
 *   <li>{@code /avatars/{login}}: a generated SVG avatar (public);
 *   <li>anything else, including the Go vanity and googlesource bases the gateway is pointed at: 404.
 * </ul>
 */
public final class DemoGitHub {
  /** GitHub App user tokens: 8 hours; refresh tokens: 6 months. */
  public static final long TOKEN_SECONDS = 28_800;
  public static final long REFRESH_TOKEN_SECONDS = 15_811_200;
  static final long CODE_SECONDS = 600;
  /** A bound on what a flood of logins can make the simulated GitHub remember. */
  static final int MAX_GRANTS = 10_000;
  private static final String DOCS = "https://docs.github.com/rest";
  private static final char[] ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  /** The OAuth application the demo registers: its name, id, secret and callback URL. */
  public record App(String name, String clientId, String clientSecret, String callbackUrl) {
    @Override
    public String toString() {
      return "App[name=" + name + ", clientId=" + clientId + ", clientSecret=***, callbackUrl=" + callbackUrl + "]";
    }
  }

  private record Code(String clientId, String redirectUri, long expiresAtMillis) {}

  private record Token(String login, long expiresAtMillis) {}

  private final Vertx vertx;
  private final App app;
  private final SampleRepositories repos;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Code> codes = new ConcurrentHashMap<>();
  private final Map<String, Token> accessTokens = new ConcurrentHashMap<>();
  private final Map<String, Token> refreshTokens = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> callsPerToken = new ConcurrentHashMap<>();
  private HttpServer server;

  public DemoGitHub(Vertx vertx, App app, SampleRepositories repos) {
    this(vertx, app, repos, Clock.systemUTC());
  }

  public DemoGitHub(Vertx vertx, App app, SampleRepositories repos, Clock clock) {
    this.vertx = vertx;
    this.app = app;
    this.repos = repos;
    this.clock = clock;
    random.nextBytes(new byte[8]); // seeds the generator here, not on the event loop at the first login
  }

  public Future<DemoGitHub> start() {
    Router router = Router.router(vertx);
    router.post("/login/oauth/*").handler(BodyHandler.create(false).setBodyLimit(64 * 1024));
    router.get("/login/oauth/authorize").handler(this::authorizePage);
    router.post("/login/oauth/authorize").handler(this::approve);
    router.post("/login/oauth/access_token").handler(this::accessToken);
    router.get("/avatars/:login").handler(this::avatar);
    router.get("/api/*").handler(this::api);
    router.route().last().handler(ctx -> json(ctx.response(), 404, notFound()));
    server = vertx.createHttpServer().requestHandler(router);
    return server.listen(0, "127.0.0.1").map(s -> this);
  }

  public Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  public int port() {
    return server.actualPort();
  }

  /** The web root: the gateway's SOURCEGATE_GITHUB_URL. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** The REST API root: the gateway's SOURCEGATE_GITHUB_API_URL. */
  public String apiUrl() {
    return baseUrl() + "/api";
  }

  public String authorizeUrl() {
    return baseUrl() + "/login/oauth/authorize";
  }

  public App app() {
    return app;
  }

  // ------------------------------------------------------------------------------------------- OAuth

  /** Where the browser goes back to; GitHub accepts the callback URL itself or a path below it. */
  private Optional<String> redirectUri(String given) {
    if (given == null || given.isEmpty()) {
      return Optional.of(app.callbackUrl());
    }
    String registered = app.callbackUrl();
    String base = registered.endsWith("/") ? registered : registered + "/";
    return given.equals(registered) || given.startsWith(base) ? Optional.of(given) : Optional.empty();
  }

  private void authorizePage(RoutingContext ctx) {
    MultiMap q = ctx.request().params();
    String clientId = q.get("client_id");
    if (!app.clientId().equals(clientId)) {
      html(ctx.response(), 404, page("Not found", "<p>No application has the client_id given.</p>"));
      return;
    }
    Optional<String> redirect = redirectUri(q.get("redirect_uri"));
    if (redirect.isEmpty()) {
      html(ctx.response(), 400, page("Redirect URI mismatch",
          "<p>The redirect_uri is not associated with this application.</p>"));
      return;
    }
    String state = q.get("state") == null ? "" : q.get("state");
    String cancel = withQuery(redirect.get(), "error=access_denied&error_description="
        + enc("The user has denied your application access.") + (state.isEmpty() ? "" : "&state=" + enc(state)));
    String body = """
        <div class="card">
          <div class="logos" aria-hidden="true"><span class="logo">sg</span><span class="dots">&middot;&middot;&middot;</span><span class="logo gh">GH</span></div>
          <h1>Authorize %s</h1>
          <p class="who">Signed in to the <strong>simulated GitHub</strong> as <strong>demo-user</strong>.</p>
          <ul>
            <li>Read the demo repositories <code>demo/shop</code> and <code>demo/kit</code></li>
            <li>Nothing leaves this machine: this GitHub lives inside the gateway's process</li>
          </ul>
          <form method="post" action="/login/oauth/authorize">
            <input type="hidden" name="client_id" value="%s">
            <input type="hidden" name="redirect_uri" value="%s">
            <input type="hidden" name="state" value="%s">
            <button type="submit" id="authorize" data-testid="authorize">Authorize %s</button>
          </form>
          <p class="cancel"><a href="%s" data-testid="cancel">Cancel</a></p>
          <p class="small">Authorizing will redirect to <code>%s</code></p>
        </div>
        """.formatted(esc(app.name()), esc(app.clientId()), esc(redirect.get()), esc(state), esc(app.name()),
        esc(cancel), esc(redirect.get()));
    html(ctx.response(), 200, page("Authorize " + app.name(), body));
  }

  private void approve(RoutingContext ctx) {
    MultiMap form = ctx.request().formAttributes();
    if (!app.clientId().equals(form.get("client_id"))) {
      html(ctx.response(), 404, page("Not found", "<p>No application has the client_id given.</p>"));
      return;
    }
    Optional<String> redirect = redirectUri(form.get("redirect_uri"));
    if (redirect.isEmpty()) {
      html(ctx.response(), 400, page("Redirect URI mismatch",
          "<p>The redirect_uri is not associated with this application.</p>"));
      return;
    }
    if (!room(codes)) {
      html(ctx.response(), 503, page("Busy", "<p>Too many pending authorizations; try again in a few minutes.</p>"));
      return;
    }
    String code = hex(10);
    codes.put(code, new Code(app.clientId(), redirect.get(), now() + CODE_SECONDS * 1000));
    String state = form.get("state");
    String location = withQuery(redirect.get(), "code=" + code + (state == null || state.isEmpty() ? "" : "&state=" + enc(state)));
    ctx.response().setStatusCode(302).putHeader("Location", location).putHeader("Cache-Control", "no-store").end();
  }

  private void accessToken(RoutingContext ctx) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap().addAll(ctx.request().params()).addAll(ctx.request().formAttributes());
    boolean asJson = String.valueOf(ctx.request().getHeader("Accept")).contains("json");
    if (!app.clientId().equals(form.get("client_id")) || !app.clientSecret().equals(form.get("client_secret"))) {
      oauthError(ctx, asJson, "incorrect_client_credentials", "The client_id and/or client_secret passed are incorrect.");
      return;
    }
    if ("refresh_token".equals(form.get("grant_type"))) {
      String given = form.get("refresh_token");
      // GitHub invalidates a refresh token when it is used
      Token old = given == null ? null : refreshTokens.remove(given);
      if (old == null || old.expiresAtMillis() <= now()) {
        oauthError(ctx, asJson, "bad_refresh_token", "The refresh token passed is incorrect or expired.");
        return;
      }
      grant(ctx, asJson, old.login());
      return;
    }
    String given = form.get("code");
    Code code = given == null ? null : codes.remove(given);
    if (code == null || code.expiresAtMillis() <= now() || !code.clientId().equals(form.get("client_id"))) {
      oauthError(ctx, asJson, "bad_verification_code", "The code passed is incorrect or expired.");
      return;
    }
    String redirect = form.get("redirect_uri");
    if (redirect != null && !redirect.isEmpty() && !redirect.equals(code.redirectUri())) {
      oauthError(ctx, asJson, "redirect_uri_mismatch", "The redirect_uri MUST match the registered callback URL for this application.");
      return;
    }
    grant(ctx, asJson, "demo-user");
  }

  private void grant(RoutingContext ctx, boolean asJson, String login) {
    if (!room(accessTokens) || !room(refreshTokens)) {
      oauthError(ctx, asJson, "temporarily_unavailable", "Too many tokens issued; restart the demo.");
      return;
    }
    String access = "ghu_" + alnum(36);
    String refresh = "ghr_" + alnum(76);
    accessTokens.put(access, new Token(login, now() + TOKEN_SECONDS * 1000));
    refreshTokens.put(refresh, new Token(login, now() + REFRESH_TOKEN_SECONDS * 1000));
    Map<String, Object> fields = new java.util.LinkedHashMap<>();
    fields.put("access_token", access);
    fields.put("expires_in", TOKEN_SECONDS);
    fields.put("refresh_token", refresh);
    fields.put("refresh_token_expires_in", REFRESH_TOKEN_SECONDS);
    fields.put("scope", "");
    fields.put("token_type", "bearer");
    oauthAnswer(ctx, asJson, fields);
  }

  private void oauthError(RoutingContext ctx, boolean asJson, String error, String description) {
    Map<String, Object> fields = new java.util.LinkedHashMap<>();
    fields.put("error", error);
    fields.put("error_description", description);
    fields.put("error_uri", "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors");
    oauthAnswer(ctx, asJson, fields);
  }

  /** GitHub answers 200 in both forms, errors included. */
  private static void oauthAnswer(RoutingContext ctx, boolean asJson, Map<String, Object> fields) {
    HttpServerResponse res = ctx.response().putHeader("Cache-Control", "no-store");
    if (asJson) {
      json(res, 200, new JsonObject(fields));
      return;
    }
    StringBuilder sb = new StringBuilder();
    fields.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&").append(k).append('=').append(enc(String.valueOf(v))));
    res.putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").end(sb.toString());
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

  // ------------------------------------------------------------------------------------------- avatars

  private void avatar(RoutingContext ctx) {
    String login = ctx.pathParam("login");
    if (login == null || !login.matches("[A-Za-z0-9-]{1,39}")) {
      json(ctx.response(), 404, notFound());
      return;
    }
    int hue = Math.floorMod(login.hashCode(), 360);
    String initial = login.substring(0, 1).toUpperCase(Locale.ROOT);
    String svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="80" height="80" viewBox="0 0 80 80">
          <rect width="80" height="80" rx="40" fill="hsl(%d,55%%,45%%)"/>
          <text x="40" y="53" font-family="sans-serif" font-size="38" font-weight="bold" fill="#fff" text-anchor="middle">%s</text>
        </svg>
        """.formatted(hue, esc(initial));
    ctx.response().putHeader("Content-Type", "image/svg+xml").putHeader("Cache-Control", "max-age=3600").end(svg);
  }

  // ------------------------------------------------------------------------------------------- REST

  private void api(RoutingContext ctx) {
    HttpServerResponse res = ctx.response()
        .putHeader("X-GitHub-Media-Type", "github.v3")
        .putHeader("X-GitHub-Api-Version-Selected", "2022-11-28");
    List<String> segs = segments(ctx.request().path().substring("/api".length()));
    if (segs == null) {
      json(res, 400, new JsonObject().put("message", "Bad request").put("documentation_url", DOCS));
      return;
    }
    String token = bearer(ctx.request().getHeader("Authorization"));
    if (token == null) {
      json(res, 401, new JsonObject().put("message", "Requires authentication").put("documentation_url", DOCS));
      return;
    }
    Token t = accessTokens.get(token);
    if (t == null || t.expiresAtMillis() <= now()) {
      json(res, 401, new JsonObject().put("message", "Bad credentials").put("documentation_url", DOCS));
      return;
    }
    int used = callsPerToken.computeIfAbsent(token, k -> new AtomicInteger()).incrementAndGet();
    res.putHeader("X-RateLimit-Limit", "5000")
        .putHeader("X-RateLimit-Remaining", String.valueOf(Math.max(1, 5000 - used)))
        .putHeader("X-RateLimit-Reset", String.valueOf(now() / 1000 + 3600))
        .putHeader("X-RateLimit-Resource", "core");
    if (segs.size() < 3 || !segs.get(0).equals("repos")) {
      json(res, 404, notFound());
      return;
    }
    Optional<Repo> repo = repos.repo(segs.get(1), segs.get(2));
    if (repo.isEmpty()) {
      json(res, 404, notFound());
      return;
    }
    List<String> rest = segs.subList(3, segs.size());
    if (rest.isEmpty()) {
      repository(ctx, repo.get());
    } else if (rest.get(0).equals("contents")) {
      contents(ctx, repo.get(), String.join("/", rest.subList(1, rest.size())));
    } else if (rest.get(0).equals("commits") && rest.size() > 1) {
      commit(ctx, repo.get(), String.join("/", rest.subList(1, rest.size())));
    } else {
      json(res, 404, notFound());
    }
  }

  private void repository(RoutingContext ctx, Repo repo) {
    JsonObject body = new JsonObject()
        .put("id", Math.abs((long) repo.fullName().hashCode()))
        .put("name", repo.name())
        .put("full_name", repo.fullName())
        .put("private", false)
        .put("visibility", "public")
        .put("owner", new JsonObject().put("login", repo.owner()).put("type", "Organization")
            .put("avatar_url", baseUrl() + "/avatars/" + repo.owner()))
        .put("html_url", "https://github.com/" + repo.fullName())
        .put("description", repo.description())
        .put("default_branch", repo.defaultBranch());
    conditional(ctx, etag(repo.fullName()), "application/json; charset=utf-8", Buffer.buffer(body.encode()));
  }

  private void contents(RoutingContext ctx, Repo repo, String path) {
    String ref = ctx.request().getParam("ref");
    Optional<Commit> commit = repo.resolve(ref);
    if (commit.isEmpty()) {
      json(ctx.response(), 404, new JsonObject().put("message", "No commit found for the ref " + ref).put("documentation_url", DOCS));
      return;
    }
    String shownRef = ref == null || ref.isEmpty() ? repo.defaultBranch() : ref;
    Map<String, byte[]> tree = commit.get().tree();
    byte[] content = tree.get(path);
    if (content == null) {
      JsonArray listing = listing(repo, tree, path, shownRef);
      if (listing.isEmpty()) {
        json(ctx.response(), 404, notFound());
      } else {
        conditional(ctx, etag(commit.get().sha() + ":" + path + "/"), "application/json; charset=utf-8", Buffer.buffer(listing.encode()));
      }
      return;
    }
    String blobSha = blobSha(content);
    String accept = String.valueOf(ctx.request().getHeader("Accept"));
    if (accept.contains("vnd.github.raw") || accept.contains("vnd.github.v3.raw")) {
      conditional(ctx, etag(blobSha + ":raw"), "application/vnd.github.raw; charset=utf-8", Buffer.buffer(content));
      return;
    }
    String apiPath = apiUrl() + "/repos/" + repo.fullName() + "/contents/" + path;
    String htmlUrl = "https://github.com/" + repo.fullName() + "/blob/" + shownRef + "/" + path;
    JsonObject body = new JsonObject()
        .put("type", "file")
        .put("encoding", "base64")
        .put("size", content.length)
        .put("name", path.substring(path.lastIndexOf('/') + 1))
        .put("path", path)
        // GitHub wraps the base64 at 60 characters per line
        .put("content", Base64.getMimeEncoder(60, new byte[] {'\n'}).encodeToString(content) + "\n")
        .put("sha", blobSha)
        .put("url", apiPath + "?ref=" + enc(shownRef))
        .put("git_url", apiUrl() + "/repos/" + repo.fullName() + "/git/blobs/" + blobSha)
        .put("html_url", htmlUrl)
        .put("download_url", "https://raw.githubusercontent.com/" + repo.fullName() + "/" + shownRef + "/" + path);
    conditional(ctx, etag(blobSha), "application/json; charset=utf-8", Buffer.buffer(body.encode()));
  }

  /** A directory: its immediate entries (files and sub-directories); empty when there is no such directory. */
  private JsonArray listing(Repo repo, Map<String, byte[]> tree, String dir, String ref) {
    String prefix = dir.isEmpty() ? "" : dir + "/";
    Map<String, String> entries = new TreeMap<>();
    for (String p : tree.keySet()) {
      if (!p.startsWith(prefix)) {
        continue;
      }
      String rest = p.substring(prefix.length());
      int slash = rest.indexOf('/');
      entries.putIfAbsent(slash < 0 ? rest : rest.substring(0, slash), slash < 0 ? "file" : "dir");
    }
    JsonArray out = new JsonArray();
    entries.forEach((name, type) -> out.add(new JsonObject().put("type", type).put("name", name).put("path", prefix + name)
        .put("html_url", "https://github.com/" + repo.fullName() + "/" + (type.equals("dir") ? "tree" : "blob") + "/" + ref + "/" + prefix + name)));
    return out;
  }

  private void commit(RoutingContext ctx, Repo repo, String ref) {
    Optional<Commit> found = repo.resolve(ref);
    if (found.isEmpty()) {
      json(ctx.response(), 422, new JsonObject().put("message", "No commit found for SHA: " + ref).put("documentation_url", DOCS));
      return;
    }
    Commit c = found.get();
    String accept = String.valueOf(ctx.request().getHeader("Accept"));
    if (accept.contains("vnd.github.sha")) {
      conditional(ctx, etag(c.sha() + ":sha"), "application/vnd.github.sha; charset=utf-8", Buffer.buffer(c.sha()));
      return;
    }
    JsonObject person = new JsonObject().put("name", c.authorName()).put("email", c.authorEmail()).put("date", c.date());
    JsonObject user = c.login() == null ? null : user(c.login());
    JsonArray parents = new JsonArray();
    if (c.parentSha() != null) {
      parents.add(new JsonObject().put("sha", c.parentSha())
          .put("url", apiUrl() + "/repos/" + repo.fullName() + "/commits/" + c.parentSha())
          .put("html_url", "https://github.com/" + repo.fullName() + "/commit/" + c.parentSha()));
    }
    JsonObject body = new JsonObject()
        .put("sha", c.sha())
        .put("commit", new JsonObject()
            .put("author", person)
            .put("committer", person.copy())
            .put("message", c.message())
            .put("comment_count", 0))
        .put("url", apiUrl() + "/repos/" + repo.fullName() + "/commits/" + c.sha())
        .put("html_url", "https://github.com/" + repo.fullName() + "/commit/" + c.sha())
        .put("author", user)
        .put("committer", user == null ? null : user.copy())
        .put("parents", parents);
    conditional(ctx, etag(c.sha()), "application/json; charset=utf-8", Buffer.buffer(body.encode()));
  }

  private JsonObject user(String login) {
    return new JsonObject()
        .put("login", login)
        .put("id", Math.abs((long) login.hashCode()))
        .put("avatar_url", baseUrl() + "/avatars/" + login)
        .put("html_url", "https://github.com/" + login)
        .put("type", "User");
  }

  /** Answers 304 when the client's If-None-Match holds the entity tag, else the body with the tag. */
  private static void conditional(RoutingContext ctx, String etag, String contentType, Buffer body) {
    HttpServerResponse res = ctx.response().putHeader("ETag", etag).putHeader("Cache-Control", "private, max-age=60");
    String ifNoneMatch = ctx.request().getHeader("If-None-Match");
    if (ifNoneMatch != null) {
      for (String candidate : ifNoneMatch.split(",")) {
        String c = candidate.trim();
        if (c.startsWith("W/")) {
          c = c.substring(2);
        }
        if (c.equals(etag) || c.equals("*")) {
          res.setStatusCode(304).end();
          return;
        }
      }
    }
    res.putHeader("Content-Type", contentType).end(body);
  }

  // ------------------------------------------------------------------------------------------- helpers

  private long now() {
    return clock.millis();
  }

  private static String bearer(String header) {
    if (header == null) {
      return null;
    }
    String h = header.trim();
    for (String scheme : new String[] {"Bearer ", "bearer ", "token "}) {
      if (h.startsWith(scheme) && h.length() > scheme.length()) {
        return h.substring(scheme.length()).trim();
      }
    }
    return null;
  }

  /** The path's segments, percent-decoded one by one; null when a segment is not decodable. */
  static List<String> segments(String rawPath) {
    List<String> out = new ArrayList<>();
    for (String s : rawPath.split("/")) {
      if (s.isEmpty()) {
        continue;
      }
      try {
        out.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return out;
  }

  private static JsonObject notFound() {
    return new JsonObject().put("message", "Not Found").put("documentation_url", DOCS);
  }

  private static void json(HttpServerResponse res, int status, JsonObject body) {
    res.setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8").end(body.encode());
  }

  private static void html(HttpServerResponse res, int status, String html) {
    res.setStatusCode(status)
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'")
        .end(html);
  }

  private static String page(String title, String body) {
    return """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>%s · Simulated GitHub</title>
        <style>
          body { margin: 0; font: 15px/1.5 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; background: #f6f8fa; color: #1f2328; }
          header { background: #24292f; color: #fff; padding: 14px 24px; font-weight: 600; }
          header small { font-weight: 400; opacity: .75; margin-left: 8px; }
          .card { max-width: 460px; margin: 40px auto; background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 24px 28px; }
          h1 { font-size: 22px; font-weight: 500; text-align: center; margin: 8px 0 16px; }
          .logos { display: flex; justify-content: center; align-items: center; gap: 12px; }
          .logo { display: inline-flex; width: 56px; height: 56px; border-radius: 50%%; align-items: center; justify-content: center;
                  background: #8250df; color: #fff; font-weight: 700; font-size: 20px; }
          .logo.gh { background: #24292f; }
          .dots { color: #8c959f; font-size: 22px; letter-spacing: 2px; }
          .who { text-align: center; color: #59636e; }
          ul { padding-left: 20px; }
          button { width: 100%%; padding: 10px; font-size: 15px; font-weight: 600; color: #fff; background: #1f883d;
                   border: 1px solid rgba(31,35,40,.15); border-radius: 6px; cursor: pointer; }
          button:hover { background: #1a7f37; }
          .cancel { text-align: center; }
          .small { font-size: 12px; color: #59636e; text-align: center; word-break: break-all; }
          code { font-size: 13px; }
        </style>
        </head>
        <body>
        <header>Simulated GitHub <small>part of the sourcegate demo</small></header>
        <main>%s</main>
        </body>
        </html>
        """.formatted(esc(title), body);
  }

  private static String withQuery(String url, String query) {
    return url + (url.contains("?") ? "&" : "?") + query;
  }

  private static String etag(String seed) {
    return "\"" + sha1Hex(seed.getBytes(StandardCharsets.UTF_8)).substring(0, 32) + "\"";
  }

  /** A file's git blob id, as GitHub reports it. */
  static String blobSha(byte[] content) {
    byte[] header = ("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[header.length + content.length];
    System.arraycopy(header, 0, all, 0, header.length);
    System.arraycopy(content, 0, all, header.length, content.length);
    return sha1Hex(all);
  }

  private static String sha1Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private String hex(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private String alnum(int n) {
    char[] out = new char[n];
    for (int i = 0; i < n; i++) {
      out[i] = ALNUM[random.nextInt(ALNUM.length)];
    }
    return new String(out);
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String esc(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
