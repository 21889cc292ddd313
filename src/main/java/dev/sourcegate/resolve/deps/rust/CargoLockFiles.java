package dev.sourcegate.resolve.deps.rust;

import dev.sourcegate.resolve.rules.FileQuery;
import dev.sourcegate.resolve.rules.PerRefCache;
import dev.sourcegate.resolve.rules.SourceReader;
import dev.sourcegate.source.PathGuard;
import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Cargo.lock of the request's repository at the request's ref, under rootPath and at the root, both
 * read at once. A missing file tells nothing; any other failure (rate limit, permission) is the answer,
 * uncached. A lock that does not parse is skipped (the message names the files that did).
 *
 * <p>Cached as every fact read from a repository's own files is (resolve/rules/PerRefCache): per caller,
 * repository, ref and rootPath; a commit SHA for a day, a branch or tag for the ref TTL. A workspace's
 * lock can be large: it is parsed on a worker thread when there is a Vert.x context.
 */
final class CargoLockFiles {
  private static final long MAX_ENTRIES = 10_000;

  private record Key(String caller, String repo, String ref, String rootPath) {}

  private final PerRefCache<Key, CargoLocks> cache;

  CargoLockFiles(Duration refTtl) {
    this.cache = new PerRefCache<>(refTtl, MAX_ENTRIES, Key::ref);
  }

  Future<CargoLocks> locks(FileQuery q, SourceReader reader) {
    String rootPath = q.rootPath() == null ? "" : q.rootPath();
    Key key = new Key(reader.callerKey(), RepoRef.key(q.owner(), q.repo()), q.ref(), rootPath);
    CargoLocks known = cache.get(key);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    List<String> paths = paths(q);
    return PerRefCache.readAll(q, reader, paths)
        .compose(files -> PerRefCache.offLoop(() -> parseAll(paths, files)))
        .map(locks -> {
          cache.put(key, locks, reader);
          return locks;
        });
  }

  /** rootPath's lock first, then the root's. */
  static List<String> paths(FileQuery q) {
    String rootPath = q.rootPath() == null ? "" : q.rootPath();
    return rootPath.isEmpty() ? List.of("Cargo.lock") : List.of(PathGuard.join(rootPath, "Cargo.lock"), "Cargo.lock");
  }

  static CargoLocks parseAll(List<String> paths, List<SourceFile> files) {
    List<CargoLocks.Found> found = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      if (files.get(i) == null) {
        continue;
      }
      try {
        found.add(new CargoLocks.Found(paths.get(i), CargoLock.parse(new String(files.get(i).content(), StandardCharsets.UTF_8))));
      } catch (IOException | RuntimeException e) {
        // a lock that does not parse tells nothing; the not_found message names the files that did
      }
    }
    return new CargoLocks(found, paths);
  }
}
