package dev.sourcegate.fetch;

import dev.sourcegate.bus.Addresses;
import dev.sourcegate.bus.BusFailures;
import dev.sourcegate.bus.Messages.FetchCommit;
import dev.sourcegate.bus.Messages.FetchFile;
import dev.sourcegate.bus.Messages.FetchGoGet;
import dev.sourcegate.bus.Messages.FetchGoogleSource;
import dev.sourcegate.bus.Messages.FetchedPage;
import dev.sourcegate.config.GatewayConfig;
import dev.sourcegate.ops.GatewayMetrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import java.util.function.Function;

/**
 * The only door to the network: GitHub's REST API, Go vanity pages and googlesource. Timeouts, size
 * caps and status mapping live here, in one place.
 */
public final class FetcherVerticle extends VerticleBase {
  private final GatewayConfig config;
  private final GatewayMetrics metrics;
  private UpstreamClient http;

  public FetcherVerticle(GatewayConfig config, GatewayMetrics metrics) {
    this.config = config;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    http = new UpstreamClient(vertx, config.upstreams(), metrics);
    GitHubClient github = new GitHubClient(http, config.upstreams().githubApiUrl(), config.maxFileBytes());
    GoGetClient goGet = new GoGetClient(http, config.upstreams().goGetUrl());
    GoogleSourceClient googleSource =
        new GoogleSourceClient(http, config.upstreams().googlesourceUrl(), config.maxFileBytes());
    return Future.all(
        serve(Addresses.FETCH_GITHUB_FILE, (FetchFile f) -> github.contents(
            f.session().accessToken(), f.owner(), f.repo(), f.ref(), f.path(), f.ctx().deadlineMillis())),
        serve(Addresses.FETCH_GITHUB_COMMIT, (FetchCommit c) -> github.commit(
            c.session().accessToken(), c.owner(), c.repo(), c.ref(), c.ctx().deadlineMillis())),
        serve(Addresses.FETCH_GO_GET, (FetchGoGet g) -> goGet.page(g.importPath(), g.ctx().deadlineMillis())
            .map(FetchedPage::new)),
        serve(Addresses.FETCH_GOOGLESOURCE, (FetchGoogleSource g) -> googleSource.file(
            g.project(), g.ref(), g.path(), g.ctx().deadlineMillis())));
  }

  private <T, R> Future<Void> serve(String address, Function<T, Future<R>> handler) {
    return vertx.eventBus().<T>consumer(address, (Message<T> msg) -> {
      Future<R> answer;
      try {
        answer = handler.apply(msg.body());
      } catch (RuntimeException e) {
        answer = Future.failedFuture(e);
      }
      answer.onComplete(ar -> {
        if (ar.succeeded()) {
          msg.reply(ar.result());
        } else {
          BusFailures.reply(msg, ar.cause());
        }
      });
    }).completion();
  }

  @Override
  public Future<?> stop() {
    http.close();
    return Future.succeededFuture();
  }
}
