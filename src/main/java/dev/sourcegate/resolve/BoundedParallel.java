package dev.sourcegate.resolve;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** Runs an async function over a list with at most {@code limit} calls in flight; results keep the list's order. */
public final class BoundedParallel {
  private BoundedParallel() {}

  public static <T, R> Future<List<AsyncResult<R>>> map(List<T> items, int limit, Function<T, Future<R>> fn) {
    if (items.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    List<AsyncResult<R>> results = new ArrayList<>(Collections.nCopies(items.size(), null));
    Promise<List<AsyncResult<R>>> done = Promise.promise();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    int workers = Math.min(Math.max(1, limit), items.size());
    for (int w = 0; w < workers; w++) {
      startNext(items, fn, results, next, finished, done);
    }
    return done.future();
  }

  private static <T, R> void startNext(List<T> items, Function<T, Future<R>> fn, List<AsyncResult<R>> results,
      AtomicInteger next, AtomicInteger finished, Promise<List<AsyncResult<R>>> done) {
    int i = next.getAndIncrement();
    if (i >= items.size()) {
      return;
    }
    Future<R> call;
    try {
      call = fn.apply(items.get(i));
    } catch (RuntimeException e) {
      call = Future.failedFuture(e);
    }
    call.onComplete(ar -> {
      synchronized (results) {
        results.set(i, ar);
      }
      if (finished.incrementAndGet() == items.size()) {
        done.complete(results);
      } else {
        startNext(items, fn, results, next, finished, done);
      }
    });
  }
}
