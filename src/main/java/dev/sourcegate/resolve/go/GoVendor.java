package dev.sourcegate.resolve.go;

import dev.sourcegate.resolve.rules.Lookups;
import dev.sourcegate.resolve.rules.ResolveContext;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.PathGuard;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Go rule 3 (docs/resolution.md §4.3): a frame in a vendor directory ({@code .../vendor/<module>/<file>}).
 * The repository's own committed vendor file first, under rootPath. When it is not committed (most
 * builds run {@code go mod vendor} in CI), the file is read from the module's own repository at the
 * version the build vendored: {@code vendor/modules.txt} when committed (its {@code # module version} and
 * {@code => replacement} lines), else go.mod's require and replace. The module is the longest listed
 * module path that prefixes the vendored path, and it is then read exactly as a module cache path is
 * ({@link GoModuleSource}).
 *
 * <p>modules.txt and go.mod are looked for next to the vendor directory (under rootPath), then at the
 * repository root; all of them are read at once, and the first directory holding either is used.
 */
final class GoVendor {
  private static final String MODULES_TXT = "vendor/modules.txt";
  private static final String GO_MOD = "go.mod";

  private GoVendor() {}

  /** vendored: the path from "vendor/" on. */
  static Future<SourceFile> find(ResolveContext ctx, String vendored) {
    Future<SourceFile> committed = Lookups.notFoundAs(ctx.readUnderRoot(vendored),
        "vendored file not found: " + Lookups.shown(vendored));
    return Lookups.orElseIfNotFound(committed, () -> fromModule(ctx, vendored.substring("vendor/".length())));
  }

  private record Listing(String dir, String file, String text) {}

  private static Future<SourceFile> fromModule(ResolveContext ctx, String packageFile) {
    String rootPath = PathGuard.trimSlashes(ctx.query().rootPath());
    List<String> dirs = rootPath.isEmpty() ? List.of("") : List.of(rootPath, "");
    List<String> paths = new ArrayList<>();
    for (String dir : dirs) {
      paths.add(PathGuard.join(dir, MODULES_TXT));
      paths.add(PathGuard.join(dir, GO_MOD));
    }
    List<Future<SourceFile>> reads = paths.stream().map(ctx::readOwn).toList();
    return Future.join(reads).transform(done -> {
      Listing listing = null;
      for (int i = 0; i < paths.size() && listing == null; i++) {
        Future<SourceFile> r = reads.get(i);
        if (r.failed() && !RpcException.isNotFound(r.cause())) {
          return Future.failedFuture(r.cause());
        }
        if (r.succeeded()) {
          listing = new Listing(dirs.get(i / 2), paths.get(i), new String(r.result().content(), StandardCharsets.UTF_8));
        }
      }
      String notCommitted = "vendored file not committed: " + Lookups.shown("vendor/" + packageFile);
      if (listing == null) {
        return Future.failedFuture(RpcException.notFound(notCommitted + ", and neither "
            + String.join(" nor ", paths) + " says which module it belongs to"));
      }
      return readFromModule(ctx, listing, packageFile, notCommitted);
    });
  }

  private static Future<SourceFile> readFromModule(ResolveContext ctx, Listing listing, String packageFile, String notCommitted) {
    Optional<Map.Entry<String, GoMod.Target>> found;
    if (listing.file().endsWith(MODULES_TXT)) {
      found = VendorModules.parse(listing.text()).moduleOf(packageFile);
    } else {
      GoMod mod = GoMod.parse(listing.text());
      found = mod.moduleOf(packageFile).map(m -> Map.entry(m, mod.resolve(m, null)));
    }
    if (found.isEmpty()) {
      return Future.failedFuture(RpcException.notFound(notCommitted + ", and no module " + listing.file()
          + " lists contains it"));
    }
    String module = found.get().getKey();
    GoMod.Target target = found.get().getValue();
    String file = packageFile.substring(module.length() + 1);
    String which = "module " + Lookups.shown(module) + (target.version() == null ? "" : " " + Lookups.shown(target.version()))
        + " (from " + listing.file() + ")";
    return GoModuleSource.read(ctx, target, listing.dir(), file)
        .recover(t -> Future.failedFuture(RpcException.isNotFound(t)
            ? RpcException.notFound(notCommitted + "; " + which + ": " + t.getMessage()) : t));
  }
}
