package dev.sourcegate.resolve.go;

import dev.sourcegate.source.SourceFile;

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
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Go's rules (docs/resolution.md §4), in order: mappings, standard library, vendor directory, module
 * cache, last resort. A rule that recognises the path is final: its missing file is NOT_FOUND, because
 * guessing further (the last resort walks the caller's repository) would show an unrelated file.
 *
 * <p>The five rules read top to bottom in the order of §4; the parsing they rely on is in GoStdlib,
 * GoModulePath, GoMod and GoVanity, the vendor rule is GoVendor, and where a module's file is read
 * GoModuleSource.
 */
public final class GoFinder implements LanguageRules {
  private static final String GOROOT_SRC = "$GOROOT/src/";
  private static final String GITHUB = "github.com";

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
      return GoVendor.find(ctx, vendored.get());
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

  // ---- rule 3: vendor directory (GoVendor)

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
    return goMod.compose(mod -> GoModuleSource.read(ctx, mod.resolve(cached.module(), cached.version()), "", cached.file()));
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
    if (target.localDir() != null || GoModuleSource.knownLocation(target.modulePath()).isPresent()
        || GoModuleSource.vanityHostRefusal(target.modulePath()).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(target.modulePath());
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
