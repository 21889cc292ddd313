package dev.sourcegate.fetch;

import dev.sourcegate.bus.Addresses;
import dev.sourcegate.bus.BusServer;
import dev.sourcegate.bus.BusServer.Staleness;
import dev.sourcegate.bus.Messages.FetchCommit;
import dev.sourcegate.bus.Messages.FetchFile;
import dev.sourcegate.bus.Messages.FetchGoGet;
import dev.sourcegate.bus.Messages.FetchGoogleSource;
import dev.sourcegate.bus.Messages.FetchedFile;
import dev.sourcegate.bus.Messages.FetchedPage;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

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
        BusServer.serve(vertx, Addresses.FETCH_GITHUB_FILE, this::githubFile),
        BusServer.serve(vertx, Addresses.FETCH_GITHUB_COMMIT, (FetchCommit c) -> fetcher.commit(
            c.session().accessToken(), c.owner(), c.repo(), c.ref(), c.ctx().deadlineMillis())),
        BusServer.serve(vertx, Addresses.FETCH_GO_GET, (FetchGoGet g) -> fetcher.goGetPage(g.importPath(), g.ctx().deadlineMillis())
            .map(FetchedPage::new)),
        BusServer.serve(vertx, Addresses.FETCH_GOOGLESOURCE, (FetchGoogleSource g) -> fetcher.googleSourceFile(
            g.project(), g.ref(), g.path(), g.ctx().deadlineMillis())));
  }

  /** A stale answer (GitHub could not confirm the ref) says so in a reply header. */
  private Future<FetchedFile> githubFile(FetchFile f, Staleness staleness) {
    return fetcher.githubFile(f.session().accessToken(), f.owner(), f.repo(), f.ref(), f.path(), f.ctx().deadlineMillis())
        .onSuccess(file -> {
          if (fetcher.servedStale(f.owner(), f.repo(), f.ref())) {
            staleness.mark();
          }
        });
  }
}
