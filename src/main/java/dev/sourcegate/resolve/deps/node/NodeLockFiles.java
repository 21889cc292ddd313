package dev.sourcegate.resolve.deps.node;

import dev.sourcegate.resolve.rules.FileQuery;
import dev.sourcegate.resolve.rules.PerRefCache;
import dev.sourcegate.resolve.rules.SourceReader;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.PathGuard;
import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The Node lock files of the request's repository at the request's ref: {@code npm-shrinkwrap.json},
 * {@code package-lock.json}, {@code pnpm-lock.yaml} and {@code yarn.lock} under rootPath, then at the
 * root, all read at once. A missing file tells nothing; any other failure (rate limit, permission) is
 * the answer, uncached. A lock file that does not parse is skipped (a person sees which were read).
 *
 * <p>Cached like the runtime versions (resolve/runtime/RuntimeVersions): per caller, repository, ref and
 * rootPath; a commit SHA for a day, a branch or tag for the ref TTL. Per caller: what a private
 * repository's files said is its reader's. Parsing a large lock file is CPU work: it runs on a worker
 * thread when there is a Vert.x context. Only finished answers are cached, never a Future.
 */
public final class NodeLockFiles {
  static final List<String> NAMES = List.of("npm-shrinkwrap.json", "package-lock.json", "pnpm-lock.yaml", "yarn.lock");
  private static final long MAX_ENTRIES = 10_000;

  private record Key(String caller, String repo, String ref, String rootPath) {}

  private final PerRefCache<Key, NodeLocks> cache;

  public NodeLockFiles(Duration refTtl) {
    this.cache = new PerRefCache<>(refTtl, MAX_ENTRIES, Key::ref);
  }

  Future<NodeLocks> locks(FileQuery q, SourceReader reader) {
    String rootPath = q.rootPath() == null ? "" : q.rootPath();
    Key key = new Key(reader.callerKey(), RepoRef.key(q.owner(), q.repo()), q.ref(), rootPath);
    NodeLocks known = cache.get(key);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    List<String> paths = new ArrayList<>();
    for (String dir : rootPath.isEmpty() ? List.of("") : List.of(rootPath, "")) {
      for (String name : NAMES) {
        paths.add(PathGuard.join(dir, name));
      }
    }
    List<Future<SourceFile>> reads = new ArrayList<>();
    for (String path : paths) {
      reads.add(PerRefCache.read(q, reader, path));
    }
    return Future.join(reads).transform(done -> {
      List<SourceFile> files = new ArrayList<>();
      for (Future<SourceFile> read : reads) {
        if (read.failed() && !RpcException.isNotFound(read.cause())) {
          return Future.failedFuture(read.cause());
        }
        files.add(read.succeeded() ? read.result() : null);
      }
      return parseOffLoop(() -> parseAll(paths, files)).map(locks -> {
        cache.put(key, locks, reader);
        return locks;
      });
    });
  }


  static NodeLocks parseAll(List<String> paths, List<SourceFile> files) {
    List<NodeLocks.Found> found = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      if (files.get(i) == null) {
        continue;
      }
      String path = paths.get(i);
      String text = new String(files.get(i).content(), StandardCharsets.UTF_8);
      try {
        found.add(new NodeLocks.Found(path, parse(path, text)));
      } catch (IOException | RuntimeException e) {
        // a lock file that does not parse tells nothing; the not_found message names the files that did
      }
    }
    return new NodeLocks(found, paths);
  }

  private static NodeLock parse(String path, String text) throws IOException {
    if (path.endsWith(".json")) {
      return PackageLock.parse(text);
    }
    return path.endsWith("pnpm-lock.yaml") ? PnpmLock.parse(text) : YarnLock.parse(text);
  }

  private static <T> Future<T> parseOffLoop(Callable<T> work) {
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
