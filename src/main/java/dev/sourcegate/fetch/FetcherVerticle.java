package dev.sourcegate.fetch;

import dev.sourcegate.bus.Addresses;
import dev.sourcegate.bus.BusFailures;
import dev.sourcegate.bus.Messages.FetchCommit;
import dev.sourcegate.bus.Messages.FetchFile;
import dev.sourcegate.bus.Messages.FetchGoGet;
import dev.sourcegate.bus.Messages.FetchGoogleSource;
import dev.sourcegate.bus.Messages.FetchedPage;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import dev.sourcegate.bus.Headers;
import dev.sourcegate.bus.LoopAffinity;
import java.util.function.Function;

/**
 * The only door to the network: GitHub's REST API, Go vanity pages and googlesource. Timeouts, size
 * caps and status mapping live here, in one place.
 */
public final class FetcherVerticle extends VerticleBase {
  private final CachingFetcher fetcher;

  /** Every instance serves the same fetcher, so cache, coalescing and rate-limit state are shared. */
  public FetcherVerticle(CachingFetcher fetcher) {
    this.fetcher = fetcher;
  }

  @Override
  public Future<?> start() {
    return Future.all(
        serve(Addresses.FETCH_GITHUB_FILE, (FetchFile f) -> fetcher.githubFile(
            f.session().accessToken(), f.owner(), f.repo(), f.ref(), f.path(), f.ctx().deadlineMillis()),
            (FetchFile f) -> fetcher.servedStale(f.owner(), f.repo(), f.ref())),
        serve(Addresses.FETCH_GITHUB_COMMIT, (FetchCommit c) -> fetcher.commit(
            c.session().accessToken(), c.owner(), c.repo(), c.ref(), c.ctx().deadlineMillis())),
        serve(Addresses.FETCH_GO_GET, (FetchGoGet g) -> fetcher.goGetPage(g.importPath(), g.ctx().deadlineMillis())
            .map(FetchedPage::new)),
        serve(Addresses.FETCH_GOOGLESOURCE, (FetchGoogleSource g) -> fetcher.googleSourceFile(
            g.project(), g.ref(), g.path(), g.ctx().deadlineMillis())));
  }

  private <T, R> Future<Void> serve(String address, Function<T, Future<R>> handler) {
    return serve(address, handler, t -> false);
  }

  /** stale says whether a successful answer must carry the stale header. */
  private <T, R> Future<Void> serve(String address, Function<T, Future<R>> handler, java.util.function.Predicate<T> stale) {
    return LoopAffinity.of(vertx).<T>consumer(vertx, address, (Message<T> msg) -> {
      Future<R> answer;
      try {
        answer = handler.apply(msg.body());
      } catch (RuntimeException e) {
        answer = Future.failedFuture(e);
      }
      answer.onComplete(ar -> {
        if (ar.succeeded()) {
          msg.reply(ar.result(), stale.test(msg.body())
              ? new DeliveryOptions().addHeader(Headers.STALE, "true") : new DeliveryOptions());
        } else {
          BusFailures.reply(msg, ar.cause());
        }
      });
    });
  }

}
