package dev.sourcegate.resolve.rules;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.sourcegate.ops.Caches;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.CommitSha;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * What the rules learn from a repository's own files at a ref (the runtime's version, the lock files'
 * pins), kept the way every such fact must be: a full commit SHA for a day (its files never change), a
 * branch or tag for the ref TTL (it moves). Keys name their caller, so a fact read from a private
 * repository reaches only a reader who could read it. Thread-safe; holds finished answers only, never a
 * Future, which belongs to the event loop that made it.
 *
 * <p>Made with an {@code anyRefOf}, it also keeps the last answer put for each key with its ref left out
 * ({@link #lastKnown}): what a dry run may assume about a ref it has not read yet, bounded by count and
 * by a day, and keyed by caller like everything else.
 */
public final class PerRefCache<K, V> {
  private static final Duration COMMIT_TTL = Duration.ofDays(1);

  private final Cache<K, V> cache;
  /** The last answer per key without its ref; null when not made with an anyRefOf. */
  private final Cache<Object, V> lastKnown;
  private final Function<K, ?> anyRefOf;

  /** refOf: the ref a key was read at. */
  public PerRefCache(Duration refTtl, long maxEntries, Function<K, String> refOf) {
    this(refTtl, refOf, Caches.builder().maximumSize(maxEntries), null, 0);
  }

  /**
   * Keeping the last known answer too: anyRefOf gives a key without its ref (still with its caller,
   * repository and everything else the answer depends on); at most maxEntries of those are kept.
   */
  public PerRefCache(Duration refTtl, long maxEntries, Function<K, String> refOf, Function<K, ?> anyRefOf) {
    this(refTtl, refOf, Caches.builder().maximumSize(maxEntries), anyRefOf, maxEntries);
  }

  /**
   * Bounded by weight rather than count, for answers whose size varies by orders of magnitude (a build
   * whose imported BOM manages a thousand artifacts): weigher gives an answer's bytes, roughly.
   */
  public PerRefCache(Duration refTtl, long maxWeight, Function<K, String> refOf, ToIntFunction<V> weigher) {
    this(refTtl, refOf, Caches.builder().maximumWeight(maxWeight).weigher((K k, V v) -> weigher.applyAsInt(v)), null, 0);
  }

  @SuppressWarnings("unchecked")
  private PerRefCache(Duration refTtl, Function<K, String> refOf, Caffeine<?, ?> builder, Function<K, ?> anyRefOf,
      long lastKnownEntries) {
    this.anyRefOf = anyRefOf;
    this.lastKnown = anyRefOf == null ? null
        : (Cache<Object, V>) Caches.builder().maximumSize(lastKnownEntries).expireAfterWrite(COMMIT_TTL).build();
    long refNanos = refTtl.toNanos();
    this.cache = ((Caffeine<K, V>) builder).expireAfter(new Expiry<K, V>() {
      @Override
      public long expireAfterCreate(K k, V v, long now) {
        return CommitSha.isFull(refOf.apply(k)) ? COMMIT_TTL.toNanos() : refNanos;
      }

      @Override
      public long expireAfterUpdate(K k, V v, long now, long current) {
        return expireAfterCreate(k, v, now);
      }

      @Override
      public long expireAfterRead(K k, V v, long now, long current) {
        return current;
      }
    }).build();
  }

  /** The kept answer, or null. */
  public V get(K key) {
    return cache.getIfPresent(key);
  }

  /**
   * The answer last put for this key at any ref (the key's ref is ignored), or null: not the answer at
   * the key's ref, only a likely one, for a dry run to list what the real run will probably read.
   */
  public V lastKnown(K key) {
    return lastKnown == null ? null : lastKnown.getIfPresent(anyRefOf.apply(key));
  }

  /** Keeps what was learnt through reader, unless its answers are not the repository's (a dry run). */
  public void put(K key, V value, SourceReader reader) {
    if (!reader.speculative()) {
      cache.put(key, value);
      if (lastKnown != null) {
        lastKnown.put(anyRefOf.apply(key), value);
      }
    }
  }

  /**
   * A file of the request's repository at its ref. A reader that throws or answers nothing gives a failed
   * Future (a miss), never an exception that escapes the composition.
   */
  public static Future<SourceFile> read(FileQuery q, SourceReader reader, String path) {
    try {
      Future<SourceFile> f = reader.githubFile(q.owner(), q.repo(), q.ref(), path);
      return f == null ? Future.failedFuture(RpcException.notFound(path)) : f;
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /**
   * Files of the request's repository at its ref, all read at once: each file, or null where it is
   * missing. Any other failure (a rate limit, a permission) fails the whole read: it is the answer, not a
   * file to skip.
   */
  public static Future<List<SourceFile>> readAll(FileQuery q, SourceReader reader, List<String> paths) {
    List<Future<SourceFile>> reads = new ArrayList<>();
    for (String path : paths) {
      reads.add(read(q, reader, path));
    }
    return Future.join(reads).transform(done -> {
      List<SourceFile> files = new ArrayList<>();
      for (Future<SourceFile> r : reads) {
        if (r.failed() && !RpcException.isNotFound(r.cause())) {
          return Future.failedFuture(r.cause());
        }
        files.add(r.succeeded() ? r.result() : null);
      }
      return Future.succeededFuture(files);
    });
  }

  /**
   * Parsing what was read (a large lock file) is CPU work: on a worker thread when there is a Vert.x
   * context, at once otherwise (unit tests).
   */
  public static <T> Future<T> offLoop(Callable<T> work) {
    Context ctx = Vertx.currentContext();
    if (ctx == null) {
      try {
        return Future.succeededFuture(work.call());
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
    }
    return ctx.executeBlocking(work, false);
  }
}
