package dev.sourcegate.testkit;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Every upstream of the gateway on one loopback port, recording what it was asked:
 * github.com's OAuth endpoint (/login/oauth/access_token), the REST API under /api, Go vanity pages
 * under /goget and googlesource under /googlesource. Tests script its answers.
 */
public final class FakeGitHub {
  /** One request as the fake saw it. */
  public record Recorded(String method, String path, String query, MultiMap headers, String body) {
    public String pathAndQuery() {
      return query == null ? path : path + "?" + query;
    }
  }

  private final Vertx vertx;
  private HttpServer server;
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final Map<String, JsonObject> commits = new ConcurrentHashMap<>();
  private final Map<String, String> goGetPages = new ConcurrentHashMap<>();
  private final Map<String, byte[]> googleSource = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> privateRepos = new ConcurrentHashMap<>();
  private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
  private volatile Function<MultiMap, OAuthAnswer> oauth = form -> OAuthAnswer.json(new JsonObject().put("error", "bad_verification_code"));
  private volatile long delayMs;
  /** Lets a test answer a request itself (faults); returning false passes it on to the normal routes. */
  private volatile Function<RoutingContext, Boolean> interceptor = ctx -> false;

  /** What the OAuth endpoint answers: a status, a content type and a body. */
  public record OAuthAnswer(int status, String contentType, String body) {
    public static OAuthAnswer json(JsonObject body) {
      return new OAuthAnswer(200, "application/json; charset=utf-8", body.encode());
    }

    public static OAuthAnswer form(String body) {
      return new OAuthAnswer(200, "application/x-www-form-urlencoded; charset=utf-8", body);
    }
  }

  public FakeGitHub(Vertx vertx) {
    this.vertx = vertx;
  }

  public Future<FakeGitHub> start() {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create());
    router.route().handler(ctx -> {
      HttpServerRequest r = ctx.request();
      requests.add(new Recorded(r.method().name(), r.path(), r.query(),
          MultiMap.caseInsensitiveMultiMap().addAll(r.headers()), ctx.body().asString()));
      if (delayMs > 0) {
        vertx.setTimer(delayMs, id -> next(ctx));
      } else {
        next(ctx);
      }
    });
    router.post("/login/oauth/access_token").handler(ctx -> {
      OAuthAnswer a = oauth.apply(ctx.request().formAttributes());
      ctx.response().setStatusCode(a.status()).putHeader("Content-Type", a.contentType()).end(a.body());
    });
    router.get("/api/repos/:owner/:repo/contents/*").handler(this::contents);
    router.get("/api/repos/:owner/:repo/commits/*").handler(this::commit);
    router.get("/api/repos/:owner/:repo").handler(this::repo);
    router.get("/goget/*").handler(ctx -> {
      String p = ctx.request().path().substring("/goget/".length());
      String page = goGetPages.get(p);
      if (page == null || !"1".equals(ctx.request().getParam("go-get"))) {
        ctx.response().setStatusCode(404).end("not found");
      } else {
        ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(page);
      }
    });
    router.get("/googlesource/*").handler(ctx -> {
      String p = decode(ctx.request().path().substring("/googlesource/".length()));
      byte[] f = googleSource.get(p);
      if (f == null || !"TEXT".equals(ctx.request().getParam("format"))) {
        ctx.response().setStatusCode(404).end("not found");
      } else {
        ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(Base64.getEncoder().encodeToString(f));
      }
    });
    router.route().last().handler(ctx -> ctx.response().setStatusCode(404).end("{\"message\":\"Not Found\"}"));
    server = vertx.createHttpServer().requestHandler(router);
    return server.listen(0, "127.0.0.1").map(s -> this);
  }

  private void next(RoutingContext ctx) {
    if (!interceptor.apply(ctx)) {
      ctx.next();
    }
  }

  public Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  public int port() {
    return server.actualPort();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** The environment that points a gateway at this fake for every upstream. */
  public Map<String, String> env() {
    return Map.of(
        "SOURCEGATE_GITHUB_URL", baseUrl(),
        "SOURCEGATE_GITHUB_API_URL", baseUrl() + "/api",
        "SOURCEGATE_GO_GET_URL", baseUrl() + "/goget",
        "SOURCEGATE_GOOGLESOURCE_URL", baseUrl() + "/googlesource");
  }

  // ---- scripting

  public FakeGitHub oauth(Function<MultiMap, OAuthAnswer> answer) {
    this.oauth = answer;
    return this;
  }

  public FakeGitHub delay(long ms) {
    this.delayMs = ms;
    return this;
  }

  public FakeGitHub intercept(Function<RoutingContext, Boolean> interceptor) {
    this.interceptor = interceptor;
    return this;
  }

  public FakeGitHub token(String token) {
    validTokens.add(token);
    return this;
  }

  /** Makes owner/repo private: only the given tokens see it (others get 404, as GitHub answers). */
  public FakeGitHub privateRepo(String owner, String repo, String... tokens) {
    privateRepos.put(key(owner, repo), ConcurrentHashMap.newKeySet());
    privateRepos.get(key(owner, repo)).addAll(List.of(tokens));
    return this;
  }

  public FakeGitHub file(String owner, String repo, String ref, String path, String content) {
    return file(owner, repo, ref, path, content.getBytes(StandardCharsets.UTF_8));
  }

  public FakeGitHub file(String owner, String repo, String ref, String path, byte[] content) {
    files.put(fileKey(owner, repo, ref, path), content);
    return this;
  }

  public FakeGitHub commit(String owner, String repo, String ref, JsonObject githubCommit) {
    commits.put(key(owner, repo) + "@" + ref, githubCommit);
    return this;
  }

  /** A commit as GitHub's API shows it, with or without a linked user. */
  public static JsonObject commitJson(String owner, String repo, String sha, String message, String date, String login) {
    JsonObject c = new JsonObject()
        .put("sha", sha)
        .put("html_url", "https://github.com/" + owner + "/" + repo + "/commit/" + sha)
        .put("commit", new JsonObject().put("message", message)
            .put("author", new JsonObject().put("name", "N").put("email", "n@example.com").put("date", date)));
    c.put("author", login == null ? null
        : new JsonObject().put("login", login).put("avatar_url", "https://avatars.example/" + login));
    return c;
  }

  public FakeGitHub goGetPage(String importPath, String html) {
    goGetPages.put(importPath, html);
    return this;
  }

  public FakeGitHub googleSourceFile(String project, String ref, String path, String content) {
    googleSource.put(project + "/+/" + ref + "/" + path, content.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  // ---- what was asked

  public List<Recorded> requests() {
    return Collections.unmodifiableList(new ArrayList<>(requests));
  }

  public List<String> paths() {
    return requests.stream().map(Recorded::pathAndQuery).toList();
  }

  public long count(String pathPrefix) {
    return requests.stream().filter(r -> r.path().startsWith(pathPrefix)).count();
  }

  public void clearRequests() {
    requests.clear();
  }

  /**
   * Completes once no request has arrived for 150 ms (at most 3 s): a GetFile may answer while reads it
   * started speculatively are still on their way here, and a test that clears the record right after
   * the answer would see them land in the next call's window.
   */
  public io.vertx.core.Future<Void> settled() {
    io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
    long deadline = System.currentTimeMillis() + 3_000;
    int[] last = {requests.size()};
    vertx.setPeriodic(150, id -> {
      int now = requests.size();
      if (now == last[0] || System.currentTimeMillis() > deadline) {
        vertx.cancelTimer(id);
        done.tryComplete();
      }
      last[0] = now;
    });
    return done.future();
  }

  // ---- GitHub REST

  private boolean authorised(RoutingContext ctx, String owner, String repo) {
    String auth = ctx.request().getHeader("Authorization");
    String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
    if (token != null && !validTokens.isEmpty() && !validTokens.contains(token)) {
      ctx.response().setStatusCode(401).end("{\"message\":\"Bad credentials\"}");
      return false;
    }
    Set<String> allowed = privateRepos.get(key(owner, repo));
    if (allowed != null && (token == null || !allowed.contains(token))) {
      ctx.response().setStatusCode(404).end("{\"message\":\"Not Found\"}");
      return false;
    }
    return true;
  }

  private void repo(RoutingContext ctx) {
    String owner = ctx.pathParam("owner");
    String repo = ctx.pathParam("repo");
    if (!authorised(ctx, owner, repo)) {
      return;
    }
    String etag = "\"repo-" + owner + "-" + repo + "\"";
    if (etag.equals(ctx.request().getHeader("If-None-Match"))) {
      ctx.response().setStatusCode(304).putHeader("ETag", etag).end();
      return;
    }
    ctx.response().putHeader("Content-Type", "application/json")
        .putHeader("ETag", etag)
        .end(new JsonObject().put("full_name", owner + "/" + repo)
            .put("private", privateRepos.containsKey(key(owner, repo))).encode());
  }

  private void contents(RoutingContext ctx) {
    String owner = ctx.pathParam("owner");
    String repo = ctx.pathParam("repo");
    if (!authorised(ctx, owner, repo)) {
      return;
    }
    String rawPath = ctx.request().path();
    String prefix = "/api/repos/" + owner + "/" + repo + "/contents/";
    String path = decode(rawPath.substring(Math.min(rawPath.length(), prefix.length())));
    String ref = ctx.request().getParam("ref", "HEAD");
    byte[] content = files.get(fileKey(owner, repo, ref, path));
    if (content == null) {
      String dirPrefix = fileKey(owner, repo, ref, path.isEmpty() ? "" : path + "/");
      if (files.keySet().stream().anyMatch(k -> k.startsWith(dirPrefix))) {
        ctx.response().putHeader("Content-Type", "application/json").end(new JsonArray().add(new JsonObject().put("type", "file")).encode());
        return;
      }
      ctx.response().setStatusCode(404).putHeader("Content-Type", "application/json").end("{\"message\":\"Not Found\"}");
      return;
    }
    String accept = ctx.request().getHeader("Accept");
    if (accept != null && accept.contains("raw")) {
      ctx.response().putHeader("Content-Type", "application/vnd.github.raw").end(Buffer.buffer(content));
      return;
    }
    boolean large = content.length > 1024 * 1024;
    String b64 = large ? "" : Base64.getMimeEncoder(60, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(content) + "\n";
    JsonObject body = new JsonObject()
        .put("type", "file").put("encoding", large ? "none" : "base64").put("size", content.length)
        .put("name", path.substring(path.lastIndexOf('/') + 1)).put("path", path)
        .put("sha", Integer.toHexString(java.util.Arrays.hashCode(content)))
        .put("content", b64)
        .put("html_url", "https://github.com/" + owner + "/" + repo + "/blob/" + ref + "/" + path);
    ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(body.encode());
  }

  private void commit(RoutingContext ctx) {
    String owner = ctx.pathParam("owner");
    String repo = ctx.pathParam("repo");
    if (!authorised(ctx, owner, repo)) {
      return;
    }
    String rawPath = ctx.request().path();
    String prefix = "/api/repos/" + owner + "/" + repo + "/commits/";
    String ref = decode(rawPath.substring(Math.min(rawPath.length(), prefix.length())));
    JsonObject c = commits.get(key(owner, repo) + "@" + ref);
    if (c == null && ref.matches("[0-9a-f]{40}")) {
      c = commits.values().stream().filter(x -> ref.equals(x.getString("sha"))).findFirst().orElse(null);
    }
    if (c == null) {
      ctx.response().setStatusCode(422).putHeader("Content-Type", "application/json")
          .end("{\"message\":\"No commit found for SHA: " + ref.replace("\"", "") + "\"}");
      return;
    }
    String etag = "\"" + c.getString("sha") + "\"";
    ctx.response().putHeader("ETag", etag);
    if (etag.equals(ctx.request().getHeader("If-None-Match"))) {
      ctx.response().setStatusCode(304).end();
      return;
    }
    String accept = ctx.request().getHeader("Accept");
    if (accept != null && accept.contains("vnd.github.sha")) {
      ctx.response().putHeader("Content-Type", "application/vnd.github.sha").end(c.getString("sha"));
      return;
    }
    ctx.response().putHeader("Content-Type", "application/json").end(c.encode());
  }

  private static String key(String owner, String repo) {
    return (owner + "/" + repo).toLowerCase();
  }

  private static String fileKey(String owner, String repo, String ref, String path) {
    return key(owner, repo) + "@" + ref + ":" + path;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
