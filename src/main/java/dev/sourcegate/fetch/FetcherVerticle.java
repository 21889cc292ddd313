package dev.sourcegate.fetch;

import dev.sourcegate.bus.Addresses;
import dev.sourcegate.bus.BusServer;
import dev.sourcegate.bus.BusServer.Staleness;
import dev.sourcegate.bus.Messages.FetchRequest;
import dev.sourcegate.bus.Messages.Fetched;
import dev.sourcegate.bus.Messages.FetchedCommits;
import dev.sourcegate.bus.Messages.ReadCommit;
import dev.sourcegate.bus.Messages.ReadCommits;
import dev.sourcegate.bus.Messages.ReadFile;
import dev.sourcegate.bus.Messages.ReadFiles;
import dev.sourcegate.bus.Messages.FetchedFiles;
import dev.sourcegate.bus.Messages.ReadTree;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * The only door to the network: serves the one fetch address for every source host, through the cache
 * and access layer ({@link CachingFetcher}) to the provider of the request's repository reference.
 */
public final class FetcherVerticle extends VerticleBase {
  private final CachingFetcher fetcher;

  /** Every instance serves the same fetcher, so cache, coalescing and rate-limit state are shared. */
  public FetcherVerticle(CachingFetcher fetcher) {
    this.fetcher = fetcher;
  }

  @Override
  public Future<?> start() {
    return BusServer.serve(vertx, Addresses.FETCH, this::fetch);
  }

  private Future<Fetched> fetch(FetchRequest q, Staleness staleness) {
    String token = q.session() == null ? null : q.session().accessToken();
    long deadline = q.ctx().deadlineMillis();
    if (q.op() instanceof ReadFile f) {
      return fetcher.file(token, q.where(), f.ref(), f.path(), deadline).map(file -> {
        // the ref's commit came from the cache while its host could not confirm it: the answer says so
        if (fetcher.servedStale(q.where(), f.ref())) {
          staleness.mark();
        }
        return file;
      });
    }
    if (q.op() instanceof ReadFiles f) {
      return fetcher.files(token, f.files(), deadline).map(FetchedFiles::new);
    }
    if (q.op() instanceof ReadCommit c) {
      return fetcher.commit(token, q.where(), c.ref(), deadline).map(Fetched.class::cast);
    }
    if (q.op() instanceof ReadCommits c) {
      return fetcher.commits(token, q.where(), c.refs(), deadline).map(FetchedCommits::new);
    }
    if (q.op() instanceof ReadTree t) {
      return fetcher.tree(token, q.where(), t.ref(), deadline).map(Fetched.class::cast);
    }
    return fetcher.page(token, q.where(), deadline).map(Fetched.class::cast);
  }
}
