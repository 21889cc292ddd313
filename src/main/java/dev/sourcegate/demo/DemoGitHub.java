package dev.sourcegate.demo;

import dev.sourcegate.demo.SampleRepositories.Commit;
import dev.sourcegate.demo.SampleRepositories.Repo;
import dev.sourcegate.demo.github.Answers;
import dev.sourcegate.demo.github.GitHubAppOAuth;
import dev.sourcegate.demo.github.OAuthApp;
import dev.sourcegate.demo.github.OAuthGrants;
import dev.sourcegate.demo.github.SimRepository;
import dev.sourcegate.demo.github.GitHubSchema;
import dev.sourcegate.demo.github.SimulatedGitHub;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;

/**
 * The demo's GitHub: the {@link SimulatedGitHub} the tests script, holding the sample repositories and
 * the demo's GitHub App. The API serves only tokens the app issued (8 hours), counts GitHub's rate limit
 * per token, and asks nothing of the Go vanity or googlesource hosts (404).
 */
public final class DemoGitHub {
  /** The OAuth application the demo registers: its name, id, secret and callback URL. */
  public record App(String name, String clientId, String clientSecret, String callbackUrl) implements OAuthApp {
    @Override
    public String toString() {
      return "App[name=" + name + ", clientId=" + clientId + ", clientSecret=***, callbackUrl=" + callbackUrl + "]";
    }
  }

  private final App app;
  private final SampleRepositories repos;
  private final SimulatedGitHub github;
  private final Vertx vertx;

  public DemoGitHub(Vertx vertx, App app, SampleRepositories repos) {
    this(vertx, app, repos, Clock.systemUTC());
  }

  public DemoGitHub(Vertx vertx, App app, SampleRepositories repos, Clock clock) {
    this.app = app;
    this.vertx = vertx;
    this.repos = repos;
    OAuthGrants grants = new OAuthGrants(clock);
    this.github = new SimulatedGitHub(vertx, clock).oauthApp(new GitHubAppOAuth(app, grants));
    github.access().anonymousServed(false).goodTokens(grants::isLiveAccessToken).rateLimitHeaders(true);
  }

  /** Starts the simulated GitHub, then loads the samples: their commits name its URLs, so its port. */
  public Future<DemoGitHub> start() {
    // GitHub's schema takes seconds to parse; start it now, on a worker, so the page's first click
    // (GetCommit over GraphQL) does not wait for it
    GitHubSchema.load(vertx);
    return vertx.executeBlocking(SamplePackages::load).compose(pypi -> {
      github.registry(pypi::mount);
      return vertx.executeBlocking(SampleMavenArtifacts::load);
    }).compose(maven -> {
      github.registry(maven::mount);
      return github.start();
    }).map(g -> {
      repos.all().forEach(this::load);
      return this;
    });
  }

  private void load(Repo repo) {
    SimRepository r = github.repositories().repository(repo.owner(), repo.name())
        .describe(repo.description(), repo.defaultBranch());
    for (Commit c : repo.commits()) {
      r.snapshot(c.sha(), c.tree(), commitJson(repo, c));
    }
    repo.branches().forEach(r::branch);
    repo.tags().forEach(r::tag);
  }

  /** A commit as GitHub's API shows it, its author linked to a GitHub user when the sample names one. */
  private JsonObject commitJson(Repo repo, Commit c) {
    JsonObject person = new JsonObject().put("name", c.authorName()).put("email", c.authorEmail()).put("date", c.date());
    JsonObject user = c.login() == null ? null : user(c.login());
    JsonArray parents = new JsonArray();
    if (c.parentSha() != null) {
      parents.add(new JsonObject().put("sha", c.parentSha())
          .put("url", apiUrl() + "/repos/" + repo.fullName() + "/commits/" + c.parentSha())
          .put("html_url", "https://github.com/" + repo.fullName() + "/commit/" + c.parentSha()));
    }
    return new JsonObject()
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
  }

  private JsonObject user(String login) {
    return new JsonObject()
        .put("login", login)
        .put("id", Math.abs((long) login.hashCode()))
        .put("avatar_url", baseUrl() + "/avatars/" + login)
        .put("html_url", "https://github.com/" + login)
        .put("type", "User");
  }

  public Future<Void> stop() {
    return github.stop();
  }

  /** The web root: the gateway's SOURCEGATE_GITHUB_URL. */
  public String baseUrl() {
    return github.baseUrl();
  }

  /** The REST API root: the gateway's SOURCEGATE_GITHUB_API_URL. */
  public String apiUrl() {
    return github.apiUrl();
  }

  public String authorizeUrl() {
    return baseUrl() + "/login/oauth/authorize";
  }

  public App app() {
    return app;
  }

  static String enc(String s) {
    return Answers.enc(s);
  }
}
