package dev.sourcegate.resolve.rules;

import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The application's own file at a path recorded on the machine that ran it (docs/resolution.md §11):
 * {@code /usr/src/app/server.js} or {@code /app/lib/cart.rb} is tried under rootPath as given, then with its first directory dropped, and so on,
 * longest suffix first, so the file the path names most completely wins ({@code usr/src/app/server.js},
 * {@code src/app/server.js}, {@code app/server.js}, {@code server.js}). At most {@link #MAX_TRIES} reads,
 * since each is an upstream request; they go out a window at a time (Lookups.firstFoundSpeculatively), so
 * a chain of misses costs about one upstream delay per window.
 */
public final class AppPathWalk {
  public static final int MAX_TRIES = 30;
  /**
   * Directories below which another project's code lives: the walk keeps them, because a shorter suffix
   * ({@code lib/router.js} of {@code node_modules/express/lib/router.js}) would name an unrelated file of
   * the application.
   */
  private static final Set<String> DEPENDENCY_DIRS = Set.of("node_modules", "site-packages", "dist-packages", "gems");

  private AppPathWalk() {}

  /** The path and its suffixes, dropping one leading directory at a time: at most MAX_TRIES, longest first. */
  public static List<String> suffixes(String path) {
    List<String> tries = new ArrayList<>();
    String p = withoutLeadingSlashes(path);
    while (!p.isEmpty() && tries.size() < MAX_TRIES) {
      tries.add(p);
      int slash = p.indexOf('/');
      p = slash < 0 ? "" : withoutLeadingSlashes(p.substring(slash + 1));
    }
    return tries;
  }

  /** Like {@link #suffixes}, but the walk stops at a dependency directory: it is the shortest suffix tried. */
  public static List<String> appSuffixes(String path) {
    List<String> tries = new ArrayList<>();
    for (String s : suffixes(path)) {
      tries.add(s);
      int slash = s.indexOf('/');
      if (slash > 0 && DEPENDENCY_DIRS.contains(s.substring(0, slash))) {
        break;
      }
    }
    return tries;
  }

  /** The first of {@code tries} found under rootPath at the request's ref, {@code window} reads at a time. */
  public static Future<SourceFile> firstUnderRoot(ResolveContext ctx, List<String> tries, String missing, int window) {
    return Lookups.firstFoundSpeculatively(tries, ctx::readUnderRoot, () -> RpcException.notFound(missing), window);
  }

  /**
   * The fallback of every language whose code runs from a copy of the repository: localPath, then its
   * suffixes, under rootPath, the request's look-up window at a time.
   */
  public static Future<SourceFile> localPath(ResolveContext ctx) {
    String localPath = ctx.localPath();
    List<String> tries = appSuffixes(localPath);
    if (tries.isEmpty()) {
      return Future.failedFuture(RpcException.notFound("file not found: empty path"));
    }
    return firstUnderRoot(ctx, tries, "file not found: " + Lookups.shown(localPath), ctx.lookupWindow());
  }

  private static String withoutLeadingSlashes(String p) {
    int i = 0;
    while (i < p.length() && p.charAt(i) == '/') {
      i++;
    }
    return p.substring(i);
  }
}
