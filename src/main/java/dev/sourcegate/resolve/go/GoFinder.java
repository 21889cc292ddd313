package dev.sourcegate.resolve.go;

import dev.sourcegate.source.PathGuard;
import dev.sourcegate.source.SourceFile;

import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.fetch.ssrf.HostNames;
import dev.sourcegate.resolve.rules.AppPathWalk;
import dev.sourcegate.resolve.rules.FileQuery;
import dev.sourcegate.resolve.rules.LanguageRules;
import dev.sourcegate.resolve.rules.Lookups;
import dev.sourcegate.resolve.rules.MappingReader;
import dev.sourcegate.resolve.rules.ResolveContext;
import dev.sourcegate.resolve.rules.SourceReader;
import dev.sourcegate.source.Language;
import dev.sourcegate.source.Mapping;
import dev.sourcegate.source.MappingMatch;
import dev.sourcegate.source.PyroscopeConfig;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Go's rules (docs/resolution.md §4), in order: mappings, standard library, vendor directory, module
 * cache, last resort. A rule that recognises the path is final: its missing file is NOT_FOUND, because
 * guessing further (the last resort walks the caller's repository) would show an unrelated file.
 *
 * <p>Over 250 lines on purpose: the five rules read top to bottom in the order of §4, one section each;
 * the parsing they rely on is in GoStdlib, GoModulePath, GoMod and GoVanity.
 */
public final class GoFinder implements LanguageRules {
  private static final System.Logger LOG = System.getLogger(GoFinder.class.getName());
  private static final String GOROOT_SRC = "$GOROOT/src/";
  private static final String GITHUB = "github.com";
  private static final String GOOGLESOURCE = "go.googlesource.com";

  private final GoStdlib stdlib;
  /** Last-resort candidates read at the same time (see Lookups.firstFoundSpeculatively); 1 is one by one. */
  private final int lastResortWindow;

  public GoFinder(GoStdPackages std, int lastResortWindow) {
    this.stdlib = new GoStdlib(std);
    this.lastResortWindow = lastResortWindow;
  }

  @Override
  public Language language() {
    return Language.GO;
  }

  /**
   * For a module cache path: the go.mod and then the module's vanity page. No go.mod for a standard
   * library or vendor path, and the vanity page only once go.mod and the mappings show that rule 4 would
   * ask for it (not for a module replaced by a local directory, a refused host, or a file another
   * language's rules handle).
   */
  @Override
  public void prefetch(FileQuery q, Future<PyroscopeConfig> config, SourceReader reader,
      Predicate<PyroscopeConfig> chosen) {
    moduleCachePath(q.localPath() == null ? "" : q.localPath()).ifPresent(module -> {
      Future<GoMod> goMod = reader.githubFile(q.owner(), q.repo(), q.ref(), "go.mod")
          .map(f -> GoMod.parse(new String(f.content(), StandardCharsets.UTF_8)))
          .otherwise(GoMod.EMPTY);
      Future.all(config, goMod).onSuccess(both -> {
        if (chosen.test(config.result())) {
          vanityPageFor(module, goMod.result()).ifPresent(p -> reader.goGetPage(p).otherwiseEmpty());
        }
      });
    });
  }

  @Override
  public Future<SourceFile> find(ResolveContext ctx) {
    return MappingReader.mappingsThen(ctx, () -> byRecognisedPath(ctx, ctx.localPath()));
  }

  private Future<SourceFile> byRecognisedPath(ResolveContext ctx, String localPath) {
    Optional<GoStdlib.StdFile> std = stdlib.recognise(localPath);
    if (std.isPresent()) {
      return standardLibrary(ctx, std.get());
    }
    Optional<String> vendored = vendorPart(localPath);
    if (vendored.isPresent()) {
      return Lookups.notFoundAs(
          ctx.readUnderRoot(vendored.get()), "vendored file not found: " + Lookups.shown(vendored.get()));
    }
    Optional<GoModulePath> module = GoModulePath.parse(localPath);
    if (module.isPresent()) {
      return moduleCache(ctx, module.get());
    }
    return lastResort(ctx, localPath);
  }

  // ---- rule 2: standard library

  private Future<SourceFile> standardLibrary(ResolveContext ctx, GoStdlib.StdFile std) {
    String src = "src/" + std.file();
    String missing = "Go standard library file not found: " + Lookups.shown(src);
    if (std.version() != null) {
      return Lookups.notFoundAs(ctx.reader().githubFile("golang", "go", std.tag(), src), missing + " at " + std.tag());
    }
    // No version in the path: a mapping of $GOROOT/src says which Go the service was built with.
    List<MappingMatch> gorootMappings = gorootMappings(ctx);
    if (!gorootMappings.isEmpty()) {
      return Lookups.notFoundAs(MappingReader.readWhole(gorootMappings, std.file(), ctx), missing);
    }
    return Lookups.notFoundAs(ctx.reader().githubFile("golang", "go", "master", src), missing + " at master");
  }

  /**
   * Mappings that match the path {@code $GOROOT/src} (resolution.md 4.2): a path prefix that is a plain
   * prefix of it, so {@code $GOROOT} counts as well as {@code $GOROOT/src}; {@code $GOROOT/src/} is taken
   * as the same directory. The file is read through them as it is, since they say where $GOROOT/src is.
   * Function names do not take part: the question is where the standard library's files are. Longest
   * prefix first, ties in file order.
   */
  private static List<MappingMatch> gorootMappings(ResolveContext ctx) {
    List<MappingMatch> out = new ArrayList<>();
    for (Mapping m : ctx.config().mappings()) {
      int best = -1;
      for (String prefix : m.pathPrefixes()) {
        if (GOROOT_SRC.startsWith(prefix)) {
          best = Math.max(best, prefix.length());
        }
      }
      if (best >= 0) {
        out.add(new MappingMatch(m, best));
      }
    }
    out.sort(Comparator.comparingInt(MappingMatch::score).reversed());
    return out;
  }

  // ---- rule 3: vendor directory

  /** The part of the path from "vendor/" on, when the path has a vendor directory. */
  public static Optional<String> vendorPart(String localPath) {
    String p = localPath.startsWith("/") ? localPath : "/" + localPath;
    int v = p.indexOf("/vendor/");
    if (v < 0 || v + "/vendor/".length() == p.length()) {
      return Optional.empty();
    }
    return Optional.of(p.substring(v + 1));
  }

  // ---- rule 4: module cache

  private Future<SourceFile> moduleCache(ResolveContext ctx, GoModulePath cached) {
    Future<GoMod> goMod = ctx.readOwn("go.mod")
        .map(f -> GoMod.parse(new String(f.content(), StandardCharsets.UTF_8)))
        // go.mod only refines what the cache path already says: without it, go on.
        .otherwise(GoMod.EMPTY);
    return goMod.compose(mod -> {
      GoMod.Target target = mod.resolve(cached.module(), cached.version());
      if (target.localDir() != null) {
        String path = PathGuard.join(target.localDir(), cached.file());
        return Lookups.notFoundAs(ctx.readOwn(path), "file of locally replaced module not found: " + Lookups.shown(path));
      }
      return canonicalLocation(ctx, target.modulePath())
          .compose(location -> readModuleFile(ctx, location, target, cached.file()));
    });
  }

  /**
   * The module cache path rule 4 would read, when rules 2 and 3 do not claim localPath first (a toolchain
   * module path is the standard library, not a module to look up).
   */
  Optional<GoModulePath> moduleCachePath(String localPath) {
    if (stdlib.recognise(localPath).isPresent() || vendorPart(localPath).isPresent()) {
      return Optional.empty();
    }
    return GoModulePath.parse(localPath);
  }

  /**
   * The import path whose vanity page rule 4 will ask for, given the repository's go.mod; empty when the
   * module is replaced by a directory of this repository, lives on a host read directly, or names a host
   * that is refused. The speculative reads use this too, so they never ask for a page the rule would not.
   */
  static Optional<String> vanityPageFor(GoModulePath cached, GoMod mod) {
    GoMod.Target target = mod.resolve(cached.module(), cached.version());
    if (target.localDir() != null || knownLocation(target.modulePath()).isPresent()
        || vanityHostRefusal(target.modulePath()).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(target.modulePath());
  }

  /** github.com and go.googlesource.com modules as they are, gopkg.in through its fixed redirects. */
  private static Optional<String> knownLocation(String modulePath) {
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

  // ---- rule 5: last resort

  /**
   * The path may be absolute on the build machine (/home/ci/src/github.com/o/r/cmd/main.go) or trimmed
   * (github.com/o/r/cmd/main.go): cut everything up to the request's own repository, then drop leading
   * directories one by one until a file of the service's tree matches. Bounded, since every try is an
   * upstream request.
   */
  private Future<SourceFile> lastResort(ResolveContext ctx, String localPath) {
    String p = withoutOwnRepository(localPath, ctx.query().owner(), ctx.query().repo());
    return AppPathWalk.firstUnderRoot(ctx, AppPathWalk.suffixes(p),
        "file not found: " + Lookups.shown(localPath), lastResortWindow);
  }

  public static String withoutOwnRepository(String localPath, String owner, String repo) {
    // GitHub owner and repository names are case-insensitive; compare in place so offsets stay valid.
    String marker = GITHUB + "/" + owner + "/" + repo + "/";
    for (int at = 0; at + marker.length() <= localPath.length(); at++) {
      if (localPath.regionMatches(true, at, marker, 0, marker.length())) {
        return stripLeadingSlashes(localPath.substring(at + marker.length()));
      }
    }
    return stripLeadingSlashes(localPath);
  }

  private static String stripLeadingSlashes(String p) {
    int i = 0;
    while (i < p.length() && p.charAt(i) == '/') {
      i++;
    }
    return p.substring(i);
  }
}
