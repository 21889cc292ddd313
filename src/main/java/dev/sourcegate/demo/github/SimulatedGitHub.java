package dev.sourcegate.demo.github;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;

/**
 * GitHub as the gateway sees it, in memory on 127.0.0.1 (a random port): the REST API under {@code /api}
 * ({@link RestApi}) and the GraphQL API at {@code /api/graphql} ({@link GraphQlApi}), both over
 * {@link RepositoryStore}, github.com's OAuth endpoints, generated avatars, and
 * optionally the Go vanity and googlesource hosts. The demo serves its sample repositories from it and
 * the tests script it; both get the same answers for the same question. Hooks for tests: a
 * {@link RequestLog} and {@link Faults}.
 */
public final class SimulatedGitHub {
  private final Vertx vertx;
  private final RepositoryStore repositories = new RepositoryStore();
  private final ApiAccess access;
  private final RequestLog log = new RequestLog();
  private final Faults faults = new Faults();
  private final GraphQlPoints graphQlPoints;
  private final GraphQlApi graphQl;
  private GitHubAppOAuth oauthApp;
  private Handler<RoutingContext> tokenEndpoint;
  private GoSourceRoutes goSources;
  private final List<BiConsumer<Router, Supplier<String>>> registries = new ArrayList<>();
  private HttpServer server;

  public SimulatedGitHub(Vertx vertx, Clock clock) {
    this.vertx = vertx;
    this.access = new ApiAccess(clock);
    this.graphQlPoints = new GraphQlPoints(clock);
    this.graphQl = new GraphQlApi(vertx, repositories, access, graphQlPoints);
  }

  /** Serves login for this app: the consent page and the code and refresh-token exchanges. */
  public SimulatedGitHub oauthApp(GitHubAppOAuth app) {
    this.oauthApp = app;
    return this;
  }

  /** Answers the token endpoint with this handler instead of an app's exchange (a test's script). */
  public SimulatedGitHub tokenEndpoint(Handler<RoutingContext> handler) {
    this.tokenEndpoint = handler;
    return this;
  }

  /** Serves the Go vanity and googlesource routes from these pages and files. */
  public SimulatedGitHub goSources(GoSourceRoutes routes) {
    this.goSources = routes;
    return this;
  }

  /** Serves a package registry's routes (demo/registries) beside GitHub's; given the router and the base URL. */
  public SimulatedGitHub registry(BiConsumer<Router, Supplier<String>> routes) {
    registries.add(routes);
    return this;
  }

  public RepositoryStore repositories() {
    return repositories;
  }

  public ApiAccess access() {
    return access;
  }

  public RequestLog log() {
    return log;
  }

  public Faults faults() {
    return faults;
  }

  /** The GraphQL endpoint's points per token, counted apart from REST's calls. */
  public GraphQlPoints graphQlPoints() {
    return graphQlPoints;
  }

  /** false: POST /api/graphql answers 404, as a GitHub Enterprise Server without GraphQL does. */
  public SimulatedGitHub graphQlAvailable(boolean available) {
    graphQl.available(available);
    return this;
  }

  /**
   * Listening once GitHub's GraphQL schema is built (1.1 MB of SDL, once per JVM, off the event loop):
   * built on the first query instead, it took up to 10 s on a busy 2-core machine, and a gateway whose
   * first query waited for it hit its upstream timeout and fell back to REST.
   */
  public Future<SimulatedGitHub> start() {
    return GitHubSchema.load(vertx).compose(schema -> listen());
  }

  private Future<SimulatedGitHub> listen() {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false).setBodyLimit(64 * 1024));
    router.route().handler(ctx -> {
      log.add(ctx.request(), ctx.body().asString());
      faults.apply(vertx, ctx);
    });
    if (tokenEndpoint != null) {
      router.post("/login/oauth/access_token").handler(tokenEndpoint);
    }
    if (oauthApp != null) {
      oauthApp.mount(router);
    }
    if (goSources != null) {
      goSources.mount(router);
    }
    registries.forEach(r -> r.accept(router, this::baseUrl));
    router.get("/avatars/:login").handler(Avatars::handle);
    RestApi api = new RestApi(repositories, access, this::baseUrl);
    router.post(RequestLog.GRAPHQL_PATH).handler(graphQl::handle);
    router.get("/api/*").handler(api::handle);
    router.route().last().handler(ctx -> Answers.json(ctx.response(), 404, Answers.notFound()));
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

  /** The GraphQL endpoint, where GitHub Enterprise Server has it (HOST/api/graphql). */
  public String graphQlUrl() {
    return baseUrl() + RequestLog.GRAPHQL_PATH;
  }
}
