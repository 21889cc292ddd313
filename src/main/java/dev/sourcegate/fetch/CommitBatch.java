package dev.sourcegate.fetch;

import dev.sourcegate.bus.Messages.CommitOutcome;
import dev.sourcegate.bus.Messages.FetchedCommit;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Several refs' commits for one caller: the cached ones from the cache (checked for the caller like any
 * hit), the rest from the provider in one batched call, whose found commits are cached per ref. Refs the
 * provider could not batch (its batched way is unavailable now) come back unasked, for the asker to read
 * one spelling at a time as before. A cached "not found" is not an answer here: it is kept per spelling,
 * and a batch asks every spelling of a ref.
 */
final class CommitBatch {
  private CommitBatch() {}

  /**
   * cached: the commit cached under a ref, null when none; upstream: the provider's batched call for
   * the misses, in order; store: keeps a found commit under its ref.
   */
  static Future<List<CommitOutcome>> read(List<String> refs, Function<String, Future<FetchedCommit>> cached,
      Function<List<String>, Future<List<CommitOutcome>>> upstream, BiConsumer<String, FetchedCommit> store) {
    List<Future<FetchedCommit>> hits = new ArrayList<>();
    for (String ref : refs) {
      hits.add(cached.apply(ref).recover(e -> RpcException.isNotFound(e) ? Future.succeededFuture(null) : Future.failedFuture(e)));
    }
    return Future.join(hits).transform(ignored -> {
      CommitOutcome[] out = new CommitOutcome[refs.size()];
      List<Integer> missing = new ArrayList<>();
      for (int i = 0; i < refs.size(); i++) {
        Future<FetchedCommit> hit = hits.get(i);
        if (hit.failed()) {
          out[i] = failure(hit.cause());
        } else if (hit.result() != null) {
          out[i] = new CommitOutcome(hit.result(), null, null);
        } else {
          missing.add(i);
        }
      }
      if (missing.isEmpty()) {
        return Future.succeededFuture(List.of(out));
      }
      List<String> misses = missing.stream().map(refs::get).toList();
      return upstream.apply(misses).transform(ar -> {
        for (int j = 0; j < misses.size(); j++) {
          CommitOutcome o = ar.succeeded() ? ar.result().get(j) : CommitOutcome.unasked();
          out[missing.get(j)] = o;
          if (o.commit() != null) {
            store.accept(misses.get(j), o.commit());
          }
        }
        return Future.succeededFuture(Arrays.asList(out));
      });
    });
  }

  private static CommitOutcome failure(Throwable e) {
    return e instanceof RpcException rpc ? new CommitOutcome(null, rpc.code(), rpc.getMessage())
        : new CommitOutcome(null, Code.UNKNOWN, "the commit could not be read");
  }
}
