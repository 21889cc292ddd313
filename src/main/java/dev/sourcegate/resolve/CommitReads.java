package dev.sourcegate.resolve;

import dev.sourcegate.bus.Addresses;
import dev.sourcegate.bus.BusClient;
import dev.sourcegate.bus.BusFailures;
import dev.sourcegate.bus.Messages.CallContext;
import dev.sourcegate.bus.Messages.CommitOutcome;
import dev.sourcegate.bus.Messages.FetchRequest;
import dev.sourcegate.bus.Messages.FetchedCommit;
import dev.sourcegate.bus.Messages.FetchedCommits;
import dev.sourcegate.bus.Messages.ReadCommit;
import dev.sourcegate.bus.Messages.ReadCommits;
import dev.sourcegate.bus.Messages.Session;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.CommitSha;
import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.RepoUrl;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The commits GetCommit and GetCommits answer. All refs go to the fetcher at once ({@link ReadCommits}:
 * one GraphQL query where GitHub's GraphQL API serves); a ref it could not answer that way is read as
 * before, one spelling at a time ({@link ReadCommit}), at most concurrency refs at once.
 */
final class CommitReads {
  private final BusClient bus;
  private final int concurrency;

  CommitReads(BusClient bus, int concurrency) {
    this.bus = bus;
    this.concurrency = concurrency;
  }

  /** One ref's commit. */
  Future<FetchedCommit> one(CallContext ctx, Session session, RepoUrl repo, String ref) {
    return all(ctx, session, repo, List.of(ref)).compose(results -> results.get(0).succeeded()
        ? Future.succeededFuture(results.get(0).result()) : Future.failedFuture(results.get(0).cause()));
  }

  /** Each ref's commit or failure, in order; a null ref (refused by the caller's checks) is invalid_argument. */
  Future<List<AsyncResult<FetchedCommit>>> all(CallContext ctx, Session session, RepoUrl repo, List<String> refs) {
    List<String> asked = refs.stream().filter(r -> r != null).toList();
    FetchRequest fetch = new FetchRequest(ctx, session, RepoRef.github(repo.owner(), repo.repo()), new ReadCommits(asked));
    Future<List<CommitOutcome>> batch = asked.isEmpty() ? Future.succeededFuture(List.of())
        : bus.<FetchedCommits>call(Addresses.FETCH, fetch, ctx).map(FetchedCommits::outcomes)
            // the batch is a shortcut: without it, every ref is read as before
            .otherwise(e -> Collections.nCopies(asked.size(), CommitOutcome.unasked()));
    return batch.compose(outcomes -> {
      List<CommitOutcome> byRef = new ArrayList<>();
      int next = 0;
      for (String ref : refs) {
        byRef.add(ref == null ? null : outcomes.get(next++));
      }
      return BoundedParallel.map(IntStream.range(0, refs.size()).boxed().toList(), concurrency,
          i -> read(ctx, session, repo, refs.get(i), byRef.get(i)));
    });
  }

  private Future<FetchedCommit> read(CallContext ctx, Session session, RepoUrl repo, String ref, CommitOutcome outcome) {
    if (ref == null) {
      return Future.failedFuture(RpcException.invalidArgument("invalid ref"));
    }
    if (outcome.commit() != null) {
      return Future.succeededFuture(outcome.commit());
    }
    if (outcome.code() != null) {
      return Future.failedFuture(noSuchCommit(repo, ref, new RpcException(outcome.code(), outcome.message())));
    }
    return bySpelling(ctx, session, repo, ref);
  }

  /**
   * The ref as given, then heads/ref, then tags/ref; the first found wins, else the last error. A full
   * commit SHA is asked once: git reads a full SHA as an object name and ignores branches or tags spelled
   * that way, so heads/SHA and tags/SHA would only cost two more calls per ref.
   */
  private Future<FetchedCommit> bySpelling(CallContext ctx, Session session, RepoUrl repo, String ref) {
    List<String> candidates = CommitSha.isFull(ref) ? List.of(ref) : List.of(ref, "heads/" + ref, "tags/" + ref);
    return tryCommit(ctx, session, repo, candidates, 0, null);
  }

  private Future<FetchedCommit> tryCommit(CallContext ctx, Session session, RepoUrl repo, List<String> refs, int i, Throwable last) {
    if (i >= refs.size()) {
      return Future.failedFuture(noSuchCommit(repo, refs.get(0), last));
    }
    FetchRequest fetch = new FetchRequest(ctx, session, RepoRef.github(repo.owner(), repo.repo()), new ReadCommit(refs.get(i)));
    return bus.<FetchedCommit>call(Addresses.FETCH, fetch, ctx)
        .recover(e -> {
          RpcException failure = BusFailures.toRpc(e);
          // a deadline or a rate limit will not get better with the next spelling of the ref, and an
          // internal failure means the commit was found but is unusable (no message or date)
          if (failure.code() == Code.DEADLINE_EXCEEDED || failure.code() == Code.RESOURCE_EXHAUSTED
              || failure.code() == Code.INTERNAL) {
            return Future.failedFuture(failure);
          }
          return tryCommit(ctx, session, repo, refs, i + 1, failure);
        });
  }

  /**
   * When no spelling of the ref was found, the last one's message ("commit tags/main not found") named a
   * spelling the caller never asked for, and GitHub answers the same 404 for a missing repository as for a
   * missing ref, so the message names the ref as asked and both possibilities. The same words for a
   * private repository the token cannot see as for one that does not exist: nothing is given away.
   */
  private static Throwable noSuchCommit(RepoUrl repo, String ref, Throwable last) {
    if (last instanceof RpcException rpc && rpc.code() == Code.NOT_FOUND) {
      return RpcException.notFound("no commit " + ref + " in " + repo.owner() + "/" + repo.repo()
          + ": no such repository, branch, tag or commit");
    }
    return last;
  }
}
