package dev.sourcegate.resolve.rules;

import dev.sourcegate.source.SourceFile;

import dev.sourcegate.rpc.RpcException;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The two ways resolution rules combine reads, as non-blocking Future composition:
 * "try these in order, NOT_FOUND lets the next one try, anything else stops", and "a missing file becomes
 * a NOT_FOUND that says what we looked for". Every failure that is not NOT_FOUND (rate limit, permission,
 * upstream down) is passed through untouched: guessing on would hide the real problem from the caller.
 */
public final class Lookups {
  /** Longer user-supplied text is clipped in messages: they must stay short. */
  private static final int MAX_SHOWN = 200;

  private Lookups() {}

  /**
   * Applies {@code attempt} to each candidate in order and answers the first file found. When every
   * candidate is NOT_FOUND (or there are none) the answer is {@code whenNone}.
   */
  public static <T> Future<SourceFile> firstFound(
      List<T> candidates, Function<T, Future<SourceFile>> attempt, Supplier<RpcException> whenNone) {
    return from(0, candidates, attempt, whenNone);
  }

  private static <T> Future<SourceFile> from(
      int i, List<T> candidates, Function<T, Future<SourceFile>> attempt, Supplier<RpcException> whenNone) {
    if (i >= candidates.size()) {
      return Future.failedFuture(whenNone.get());
    }
    return safely(attempt, candidates.get(i))
        .recover(t -> RpcException.isNotFound(t)
            ? from(i + 1, candidates, attempt, whenNone)
            : Future.failedFuture(t));
  }

  /**
   * Like {@link #firstFound}, but keeps up to {@code window} candidates in flight: the answer is still
   * the first candidate in order that is found, but a chain of misses costs about one upstream delay per
   * window instead of one per candidate. The price is at most window - 1 reads that were not needed.
   */
  public static <T> Future<SourceFile> firstFoundSpeculatively(
      List<T> candidates, Function<T, Future<SourceFile>> attempt, Supplier<RpcException> whenNone, int window) {
    return speculate(0, candidates, attempt, whenNone, Math.max(1, window), new java.util.ArrayList<>());
  }

  private static <T> Future<SourceFile> speculate(int i, List<T> candidates, Function<T, Future<SourceFile>> attempt,
      Supplier<RpcException> whenNone, int window, List<Future<SourceFile>> started) {
    if (i >= candidates.size()) {
      return Future.failedFuture(whenNone.get());
    }
    while (started.size() < Math.min(candidates.size(), i + window)) {
      started.add(safely(attempt, candidates.get(started.size())));
    }
    return started.get(i).recover(t -> RpcException.isNotFound(t)
        ? speculate(i + 1, candidates, attempt, whenNone, window, started)
        : Future.failedFuture(t));
  }

  /** A rule's own NOT_FOUND message replaces the reader's; other failures pass through. */
  public static <T> Future<T> notFoundAs(Future<T> read, String message) {
    return read.recover(t -> RpcException.isNotFound(t)
        ? Future.failedFuture(RpcException.notFound(message))
        : Future.failedFuture(t));
  }

  /** Runs the next step only when the previous one ended in NOT_FOUND. */
  public static <T> Future<T> orElseIfNotFound(Future<T> first, Supplier<Future<T>> next) {
    return first.recover(t -> RpcException.isNotFound(t) ? next.get() : Future.failedFuture(t));
  }

  /** User-supplied text for an error message: one line, bounded length. */
  public static String shown(String text) {
    if (text == null) {
      return "";
    }
    String oneLine = text.replaceAll("\\p{Cntrl}", "?");
    return oneLine.length() <= MAX_SHOWN ? oneLine : oneLine.substring(0, MAX_SHOWN) + "...";
  }

  /** A step that throws instead of answering a failed Future must not escape the composition. */
  private static <T> Future<SourceFile> safely(Function<T, Future<SourceFile>> attempt, T candidate) {
    try {
      Future<SourceFile> f = attempt.apply(candidate);
      return f != null ? f : Future.failedFuture(RpcException.notFound("file not found"));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
