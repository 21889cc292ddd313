package dev.sourcegate.resolve.deps.python;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The versions a repository's Python lock files pin at the request's ref (docs/resolution.md §13.1):
 * every {@link LockFormat} file under rootPath, then at the root, read all at once; for each
 * distribution the first file that pins it wins (rootPath's before the root's, uv.lock before
 * requirements.txt). A missing file tells nothing; any other failure (rate limit, permission) is the
 * answer, uncached, rather than a guess.
 *
 * <p>Cached as the runtime versions are (resolve/runtime/RuntimeVersions): per caller
 * ({@link SourceReader#callerKey}, since a private repository's lock told the versions), repository, ref
 * and rootPath; a full commit SHA for a day, a branch or tag for the ref TTL. Only finished answers are
 * cached, never a Future.
 */
public final class PythonLockFiles {
  /** A lock file past this size tells nothing: parsing it would hold the event loop. */
  static final int MAX_LOCK_BYTES = 2 * 1024 * 1024;

  private record Key(String caller, String repo, String ref, String rootPath) {}

  private final PerRefCache<Key, LockedVersions> cache;

  public PythonLockFiles(Duration refTtl, long maxEntries) {
    this.cache = new PerRefCache<>(refTtl, maxEntries, Key::ref);
  }

  public Future<LockedVersions> versions(FileQuery q, SourceReader reader) {
    String rootPath = q.rootPath() == null ? "" : q.rootPath();
    Key key = new Key(reader.callerKey(), RepoRef.key(q.owner(), q.repo()), q.ref(), rootPath);
    LockedVersions known = cache.get(key);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    List<LockFormat> formats = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    for (String dir : rootPath.isEmpty() ? List.of("") : List.of(rootPath, "")) {
      for (LockFormat f : LockFormat.values()) {
        formats.add(f);
        paths.add(PathGuard.join(dir, f.fileName()));
      }
    }
    List<Future<SourceFile>> reads = new ArrayList<>();
    for (String p : paths) {
      reads.add(PerRefCache.read(q, reader, p));
    }
    return Future.join(reads).transform(done -> {
      Map<String, LockedVersions.Pin> pins = new LinkedHashMap<>();
      List<String> found = new ArrayList<>();
      for (int i = 0; i < paths.size(); i++) {
        Future<SourceFile> r = reads.get(i);
        if (r.failed()) {
          if (RpcException.isNotFound(r.cause())) {
            continue;
          }
          return Future.failedFuture(r.cause());
        }
        found.add(paths.get(i));
        if (r.result().content().length > MAX_LOCK_BYTES) {
          continue;
        }
        String file = paths.get(i);
        formats.get(i).versions(new String(r.result().content(), StandardCharsets.UTF_8))
            .forEach((name, version) -> pins.putIfAbsent(name, new LockedVersions.Pin(version, file)));
      }
      LockedVersions v = new LockedVersions(pins, paths, found);
      cache.put(key, v, reader);
      return Future.succeededFuture(v);
    });
  }

}
