package dev.sourcegate.testkit;

import dev.sourcegate.demo.registries.SimulatedMaven;
import dev.sourcegate.demo.registries.SimulatedPyPi;
import dev.sourcegate.demo.github.ApiAccess;
import dev.sourcegate.demo.github.GoSourceRoutes;
import dev.sourcegate.demo.github.RequestLog;
import dev.sourcegate.demo.github.SimulatedGitHub;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The demo's {@link SimulatedGitHub} set up for tests: every upstream of the gateway on one loopback
 * port (github.com's OAuth endpoint, the REST API under /api, Go vanity pages under /goget and
 * googlesource under /googlesource), recording what it was asked. Unlike the demo it serves calls
 * without a token, any repository exists, and the token endpoint answers what the test scripts.
 */
public final class FakeGitHub {
  /** One request as the fake saw it. */
  public record Recorded(String method, String path, String query, MultiMap headers, String body) {
    public String pathAndQuery() {
      return query == null ? path : path + "?" + query;
    }
  }

  /** What the OAuth endpoint answers: a status, a content type and a body. */
  public record OAuthAnswer(int status, String contentType, String body) {
    public static OAuthAnswer json(JsonObject body) {
      return new OAuthAnswer(200, "application/json; charset=utf-8", body.encode());
    }

    public static OAuthAnswer form(String body) {
      return new OAuthAnswer(200, "application/x-www-form-urlencoded; charset=utf-8", body);
    }
  }

  private final Vertx vertx;
  private final SimulatedGitHub github;
  private final GoSourceRoutes goSources = new GoSourceRoutes();
  private final SimulatedPyPi pypi = new SimulatedPyPi("/pypi-registry");
  private final SimulatedMaven maven = new SimulatedMaven("/maven2");
  private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
  private volatile Function<MultiMap, OAuthAnswer> oauth =
      form -> OAuthAnswer.json(new JsonObject().put("error", "bad_verification_code"));

  public FakeGitHub(Vertx vertx) {
    this.vertx = vertx;
    this.github = new SimulatedGitHub(vertx, Clock.systemUTC()).goSources(goSources).tokenEndpoint(this::tokenEndpoint)
        .registry(pypi::mount).registry(maven::mount);
    github.repositories().everyRepositoryExists(true);
    github.access().goodTokens(ApiAccess.anyOrNamed(validTokens));
    github.log().record(true);
  }

  private void tokenEndpoint(RoutingContext ctx) {
    OAuthAnswer a = oauth.apply(ctx.request().formAttributes());
    ctx.response().setStatusCode(a.status()).putHeader("Content-Type", a.contentType()).end(a.body());
  }

  public Future<FakeGitHub> start() {
    return github.start().map(g -> this);
  }

  public Future<Void> stop() {
    return github.stop();
  }

  public int port() {
    return github.port();
  }

  public String baseUrl() {
    return github.baseUrl();
  }

  /** The environment that points a gateway at this fake for every upstream. */
  public Map<String, String> env() {
    return Map.of(
        "SOURCEGATE_GITHUB_URL", baseUrl(),
        "SOURCEGATE_GITHUB_API_URL", github.apiUrl(),
        "SOURCEGATE_GO_GET_URL", baseUrl() + "/goget",
        "SOURCEGATE_GOOGLESOURCE_URL", baseUrl() + "/googlesource",
        "SOURCEGATE_PYPI_URL", baseUrl() + pypi.prefix(),
        "SOURCEGATE_MAVEN_URL", baseUrl() + maven.prefix());
  }

  // ---- scripting

  public FakeGitHub oauth(Function<MultiMap, OAuthAnswer> answer) {
    this.oauth = answer;
    return this;
  }

  public FakeGitHub delay(long ms) {
    github.faults().delay(ms);
    return this;
  }

  public FakeGitHub intercept(Function<RoutingContext, Boolean> interceptor) {
    github.faults().intercept(interceptor);
    return this;
  }

  /** Once a token is named, only named tokens are good (others get 401, as GitHub answers). */
  public FakeGitHub token(String token) {
    validTokens.add(token);
    return this;
  }

  /** Makes owner/repo private: only the given tokens see it (others get 404, as GitHub answers). */
  public FakeGitHub privateRepo(String owner, String repo, String... tokens) {
    github.repositories().repository(owner, repo).readableBy(List.of(tokens));
    return this;
  }

  /** A recursive tree of owner/repo lists at most this many entries, then says truncated (GitHub: 100,000). */
  public FakeGitHub treeListLimit(String owner, String repo, int entries) {
    github.repositories().repository(owner, repo).treeListLimit(entries);
    return this;
  }

  public FakeGitHub file(String owner, String repo, String ref, String path, String content) {
    return file(owner, repo, ref, path, content.getBytes(StandardCharsets.UTF_8));
  }

  public FakeGitHub file(String owner, String repo, String ref, String path, byte[] content) {
    github.repositories().repository(owner, repo).file(ref, path, content);
    return this;
  }

  public FakeGitHub commit(String owner, String repo, String ref, JsonObject githubCommit) {
    github.repositories().repository(owner, repo).commit(ref, githubCommit);
    return this;
  }

  /** A branch (tag: false) or lightweight tag at a commit, read as GitHub reads refs (also as heads/NAME, refs/heads/NAME). */
  public FakeGitHub ref(String owner, String repo, String name, boolean tag, JsonObject githubCommit) {
    String id = githubCommit.getString("sha");
    var r = github.repositories().repository(owner, repo).snapshot(id, Map.of(), githubCommit);
    if (tag) {
      r.tag(name, id);
    } else {
      r.branch(name, id);
    }
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

  /** false: POST /api/graphql answers 404, as on a GitHub Enterprise Server without GraphQL. */
  public FakeGitHub graphQlAvailable(boolean available) {
    github.graphQlAvailable(available);
    return this;
  }

  /** GraphQL points per token per hour (GitHub gives a user 5,000). */
  public FakeGitHub graphQlPoints(int perHour) {
    github.graphQlPoints().limit(perHour);
    return this;
  }

  public FakeGitHub goGetPage(String importPath, String html) {
    goSources.goGetPage(importPath, html);
    return this;
  }

  /** The simulated PyPI on this server (the gateway's SOURCEGATE_PYPI_URL): releases, credentials, faults. */
  public SimulatedPyPi pypi() {
    return pypi;
  }

  /** The simulated Maven repository (SOURCEGATE_MAVEN_URL in {@link #env}). */
  public SimulatedMaven maven() {
    return maven;
  }

  public FakeGitHub googleSourceFile(String project, String ref, String path, String content) {
    goSources.googleSourceFile(project, ref, path, content);
    return this;
  }

  // ---- what was asked

  public List<Recorded> requests() {
    return github.log().requests().stream()
        .map(r -> new Recorded(r.method(), r.path(), r.query(), r.headers(), r.body())).toList();
  }

  public List<String> paths() {
    return github.log().paths();
  }

  public long count(String pathPrefix) {
    return github.log().count(pathPrefix);
  }

  /** Calls to the REST API (under /api, but not the GraphQL endpoint). */
  public long restCalls() {
    return github.log().restCalls();
  }

  public long graphQlCalls() {
    return github.log().graphQlCalls();
  }

  public void clearRequests() {
    github.log().clear();
  }

  /**
   * Forgets what was asked once the reads already started have landed: a GetFile can answer (a 404, say)
   * while reads it started are still on their way, and those must not count against the next step.
   */
  public Future<Void> settleThenClear() {
    return settled().map(v -> {
      clearRequests();
      return null;
    });
  }

  /** Completes once no request has arrived for 150 ms (at most 3 s); see {@link RequestLog#settled}. */
  public Future<Void> settled() {
    return github.log().settled(vertx);
  }
}
