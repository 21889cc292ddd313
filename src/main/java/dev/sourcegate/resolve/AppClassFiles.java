package dev.sourcegate.resolve;

import dev.sourcegate.resolve.rules.FileQuery;
import dev.sourcegate.resolve.rules.Lookups;
import dev.sourcegate.resolve.rules.ResolveContext;
import dev.sourcegate.resolve.runtime.JvmClass;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.FileTree;
import dev.sourcegate.source.PathGuard;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A Java or Kotlin application class nothing maps (docs/resolution.md §6): its file is the one whose path
 * ends in the class's package path and file name ({@code com/acme/shop/Cart.java}, or {@code .kt}) among
 * the paths of the request's repository at the request's ref, however its modules are laid out. Several
 * matches: those under rootPath first, then the file kind the class most likely is, then the shortest
 * path. A truncated tree may not list the file, so after its own matches the conventional layouts are
 * read under rootPath. Without a tree (none at the ref, or a reader that has none) the class is left to
 * {@code otherwise}; any other failure of the tree read is the answer, as a guess would hide it.
 */
final class AppClassFiles {
  /** Where build tools put sources, for a tree too big to be listed whole. */
  static final List<String> CONVENTIONAL_ROOTS = List.of("src/main/java/", "src/main/kotlin/", "src/", "app/src/main/java/");
  /** The tree says the first exists; the rest only guard against a file that cannot be read. */
  static final int MAX_MATCHES = 3;

  private AppClassFiles() {}

  static Future<SourceFile> find(ResolveContext ctx, JvmClass cls, Supplier<Future<SourceFile>> otherwise) {
    FileQuery q = ctx.query();
    Future<FileTree> tree;
    try {
      tree = ctx.reader().githubTree(q.owner(), q.repo(), q.ref());
    } catch (RuntimeException e) {
      tree = Future.failedFuture(e);
    }
    return tree.transform(ar -> {
      if (ar.failed()) {
        return noTree(ar.cause()) ? otherwise.get() : Future.failedFuture(ar.cause());
      }
      List<String> tries = candidates(ar.result(), JvmFrames.files(cls), rootPath(q));
      return Lookups.orElseIfNotFound(
          Lookups.firstFoundSpeculatively(tries, ctx::readOwn, () -> RpcException.notFound("not in the tree"),
              ar.result().truncated() ? ctx.lookupWindow() : 1),
          otherwise);
    });
  }

  /** The paths to read, best first: the tree's matches, then, for a truncated tree, the conventional layouts. */
  static List<String> candidates(FileTree tree, List<String> files, String rootPath) {
    Set<String> out = new LinkedHashSet<>(matches(tree.paths(), files, rootPath));
    if (tree.truncated()) {
      for (String root : CONVENTIONAL_ROOTS) {
        for (String file : files) {
          out.add(PathGuard.join(rootPath, root + file));
        }
      }
    }
    return List.copyOf(out);
  }

  /** The tree's paths that end in one of files (most likely kind first), ordered as the class comment says. */
  static List<String> matches(List<String> paths, List<String> files, String rootPath) {
    record Match(String path, boolean underRoot, int kind) {}
    String root = rootPath.isEmpty() ? "" : rootPath + "/";
    List<Match> found = new ArrayList<>();
    for (String path : paths) {
      for (int kind = 0; kind < files.size(); kind++) {
        String file = files.get(kind);
        if (path.equals(file) || path.endsWith("/" + file)) {
          found.add(new Match(path, path.startsWith(root), kind));
        }
      }
    }
    return found.stream()
        .sorted(Comparator.comparing((Match m) -> !m.underRoot()).thenComparingInt(Match::kind)
            .thenComparingInt(m -> m.path().length()).thenComparing(Match::path))
        .limit(MAX_MATCHES).map(Match::path).toList();
  }

  private static boolean noTree(Throwable t) {
    return RpcException.isNotFound(t) || t instanceof RpcException e && e.code() == Code.UNIMPLEMENTED;
  }

  private static String rootPath(FileQuery q) {
    return PathGuard.join(q.rootPath() == null ? "" : q.rootPath());
  }
}
