package dev.sourcegate.resolve.go;

import dev.sourcegate.fetch.ssrf.HostNames;
import dev.sourcegate.resolve.rules.Lookups;
import dev.sourcegate.resolve.rules.ResolveContext;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.PathGuard;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a Go module's file is read once its module path and version are known (docs/resolution.md §4.4):
 * a directory of the request's repository for a local replacement, else the module's own repository
 * (github.com as it is, gopkg.in through its fixed redirects, go.googlesource.com, or the host a vanity
 * page names), at the tag or commit the version names, without a /vN suffix. The module cache rule and
 * the vendor rule share it, so a module resolves the same way whichever path named it.
 */
final class GoModuleSource {
  private static final System.Logger LOG = System.getLogger(GoModuleSource.class.getName());
  private static final String GITHUB = "github.com";
  private static final String GOOGLESOURCE = "go.googlesource.com";

  private GoModuleSource() {}

  /**
   * The file of target (after go.mod or modules.txt) at file inside the module; a local replacement is a
   * directory relative to goModDir, the directory of the go.mod that declared it.
   */
  static Future<SourceFile> read(ResolveContext ctx, GoMod.Target target, String goModDir, String file) {
    if (target.localDir() != null) {
      String path = PathGuard.join(goModDir, target.localDir(), file);
      return Lookups.notFoundAs(ctx.readOwn(path), "file of locally replaced module not found: " + Lookups.shown(path));
    }
    return canonicalLocation(ctx, target.modulePath())
        .compose(location -> readModuleFile(ctx, location, target, file));
  }

  /** github.com and go.googlesource.com modules as they are, gopkg.in through its fixed redirects. */
  static Optional<String> knownLocation(String modulePath) {
    if (modulePath.startsWith(GITHUB + "/") || modulePath.startsWith(GOOGLESOURCE + "/")) {
      return Optional.of(modulePath);
    }
    return GoModulePath.gopkgIn(modulePath);
  }

  /**
   * Why the module path's host may not be asked for a vanity page: it is an IP literal in any spelling,
   * localhost, or carries a port. Judged on the module path itself, before any look-up, since a
   * configured SOURCEGATE_GO_GET_URL mirror would fetch whatever host it is handed.
   */
  static Optional<String> vanityHostRefusal(String modulePath) {
    int slash = modulePath.indexOf('/');
    return HostNames.refusal(slash < 0 ? modulePath : modulePath.substring(0, slash));
  }

  /** github.com/..., gopkg.in redirects, or the module's vanity page; then without /vN suffix. */
  private static Future<String> canonicalLocation(ResolveContext ctx, String modulePath) {
    Future<String> location;
    Optional<String> known = knownLocation(modulePath);
    Optional<String> refusal = vanityHostRefusal(modulePath);
    if (known.isPresent()) {
      location = Future.succeededFuture(known.get());
    } else if (refusal.isPresent()) {
      LOG.log(System.Logger.Level.INFO, "Go vanity look-up refused for " + Lookups.shown(modulePath) + ": " + refusal.get());
      location = Future.failedFuture(RpcException.notFound("cannot resolve Go module path: " + Lookups.shown(modulePath)));
    } else {
      String failed = "cannot resolve Go module path: " + Lookups.shown(modulePath);
      // Any failure to fetch the page is a failed lookup, hence NOT_FOUND (docs/resolution.md §4.4.3): the vanity
      // host is not GitHub, so its errors say nothing about the caller's access.
      location = ctx.reader().goGetPage(modulePath)
          .recover(t -> Future.failedFuture(RpcException.notFound(failed)))
          .compose(html -> GoVanity.canonical(html, modulePath)
              .map(Future::succeededFuture)
              .orElseGet(() -> Future.failedFuture(RpcException.notFound(failed))));
    }
    return location.map(l -> GoModulePath.withoutMajorVersionSuffix(l, l.startsWith(GOOGLESOURCE + "/") ? 2 : 3));
  }

  private static Future<SourceFile> readModuleFile(
      ResolveContext ctx, String location, GoMod.Target target, String file) {
    List<String> segs = Arrays.asList(location.split("/"));
    String host = segs.get(0).toLowerCase(Locale.ROOT);
    String ref = GoModulePath.refFor(target.version());
    String missing = "Go module file not found: " + Lookups.shown(PathGuard.join(location, file));
    if (host.equals(GITHUB) && segs.size() >= 3) {
      String path = PathGuard.join(String.join("/", segs.subList(3, segs.size())), file);
      String at = ref == null ? "main" : ref;
      return Lookups.notFoundAs(ctx.reader().githubFile(segs.get(1), segs.get(2), at, path), missing + " at " + at);
    }
    if (host.equals(GOOGLESOURCE) && segs.size() >= 2) {
      String path = PathGuard.join(String.join("/", segs.subList(2, segs.size())), file);
      String at = ref == null ? "master" : ref;
      return Lookups.notFoundAs(ctx.reader().googleSourceFile(segs.get(1), at, path), missing + " at " + at);
    }
    return Future.failedFuture(new RpcException(Code.UNKNOWN, "Go module host not supported: " + Lookups.shown(host)));
  }
}
