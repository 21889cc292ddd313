package dev.sourcegate.resolve.deps.ruby;

import dev.sourcegate.resolve.rules.FileQuery;
import dev.sourcegate.resolve.rules.PerRefCache;
import dev.sourcegate.resolve.rules.SourceReader;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.PathGuard;
import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Bundler lock files of the request's repository at the request's ref ({@code Gemfile.lock} and
 * {@code gems.locked}, under rootPath, then at the root, read all at once). A missing file tells nothing;
 * any other failure (rate limit, permission) is the answer, uncached, rather than a guess.
 *
 * <p>Cached as the other languages' lock files are: per caller (a private repository's lock is its
 * reader's), repository, ref and rootPath; a full commit SHA for a day, a branch or tag for the ref TTL.
 * Only finished answers are cached, never a Future.
 */
public final class GemfileLocks {
  static final List<String> NAMES = List.of("Gemfile.lock", "gems.locked");
  /** A lock file past this size tells nothing: reading it would hold the event loop. */
  static final int MAX_LOCK_BYTES = 2 * 1024 * 1024;

  private record Key(String caller, String repo, String ref, String rootPath) {}

  /** The lock files found, each with what it says, in the order asked; looked: every path read. */
  record Found(List<String> paths, List<GemfileLock> locks, List<String> looked) {
    String describe() {
      return paths.isEmpty() ? "no Bundler lock file was found (looked for " + String.join(", ", looked) + ")"
          : "lock files read: " + String.join(", ", paths);
    }
  }

  private final PerRefCache<Key, Found> cache;

  public GemfileLocks(Duration refTtl, long maxEntries) {
    this.cache = new PerRefCache<>(refTtl, maxEntries, Key::ref);
  }

  Future<Found> read(FileQuery q, SourceReader reader) {
    String rootPath = q.rootPath() == null ? "" : q.rootPath();
    Key key = new Key(reader.callerKey(), RepoRef.key(q.owner(), q.repo()), q.ref(), rootPath);
    Found known = cache.get(key);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    List<String> looked = new ArrayList<>();
    for (String dir : rootPath.isEmpty() ? List.of("") : List.of(rootPath, "")) {
      for (String name : NAMES) {
        looked.add(PathGuard.join(dir, name));
      }
    }
    List<Future<SourceFile>> reads = looked.stream().map(p -> PerRefCache.read(q, reader, p)).toList();
    return Future.join(reads).transform(done -> {
      List<String> paths = new ArrayList<>();
      List<GemfileLock> locks = new ArrayList<>();
      for (int i = 0; i < looked.size(); i++) {
        Future<SourceFile> r = reads.get(i);
        if (r.failed()) {
          if (RpcException.isNotFound(r.cause())) {
            continue;
          }
          return Future.failedFuture(r.cause());
        }
        paths.add(looked.get(i));
        byte[] content = r.result().content();
        locks.add(content.length > MAX_LOCK_BYTES ? new GemfileLock(List.of())
            : GemfileLock.parse(new String(content, StandardCharsets.UTF_8)));
      }
      Found found = new Found(List.copyOf(paths), List.copyOf(locks), List.copyOf(looked));
      cache.put(key, found, reader);
      return Future.succeededFuture(found);
    });
  }
}
