package dev.sourcegate.resolve;

import dev.sourcegate.source.SourceFile;

import dev.sourcegate.resolve.deps.python.PythonDependencies;
import dev.sourcegate.resolve.deps.python.PythonLockFiles;
import dev.sourcegate.resolve.rules.AppPathWalk;
import dev.sourcegate.resolve.rules.LanguageRules;
import dev.sourcegate.resolve.rules.Lookups;
import dev.sourcegate.resolve.rules.MappingReader;
import dev.sourcegate.resolve.rules.ResolveContext;
import dev.sourcegate.source.Language;
import io.vertx.core.Future;
import dev.sourcegate.resolve.runtime.CPythonSource;
import dev.sourcegate.resolve.runtime.RuntimeSources;
import dev.sourcegate.rpc.RpcException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python's rules (docs/resolution.md §5): mappings, standard library, dependency frames (§13: the locked
 * distribution's wheel), the application's path walk. Mappings come
 * first so that a mapping for an installed package under /usr/local/lib/python3.12/site-packages is
 * reachable (the documented intent, not the reference's published order).
 */
final class PythonFinder implements LanguageRules {
  /** A whole directory segment "pythonX.Y" or "pythonX" (lookbehind: at the start or after a "/"). */
  private static final Pattern PYTHON_DIR = Pattern.compile("(?<![^/])python(\\d+)(?:\\.(\\d+))?/");

  /** Version answers of lock files cached at most: one per caller, repository, ref and rootPath. */
  private static final long LOCK_CACHE_ENTRIES = 50_000;
  private final CPythonSource cpython;
  private final PythonDependencies dependencies;

  PythonFinder() {
    this(RuntimeSources.withDefaultSettings());
  }

  PythonFinder(RuntimeSources runtimes) {
    this.cpython = runtimes.python();
    this.dependencies = new PythonDependencies(new PythonLockFiles(runtimes.versions().refTtl(), LOCK_CACHE_ENTRIES));
  }

  /** A standard library file: {@code Lib/<file>} of python/cpython on {@code branch}. */
  record StdFile(String file, String branch) {}

  @Override
  public Language language() {
    return Language.PYTHON;
  }

  @Override
  public Future<SourceFile> find(ResolveContext ctx) {
    String localPath = ctx.localPath();
    return Lookups.orElseIfNotFound(MappingReader.readCut(ctx.matches(), localPath, ctx), () -> {
      Optional<StdFile> std = standardLibrary(localPath);
      if (std.isPresent()) {
        String lib = "Lib/" + std.get().file();
        return Lookups.notFoundAs(
            ctx.reader().githubFile("python", "cpython", std.get().branch(), lib),
            "Python standard library file not found: " + Lookups.shown(lib) + " at " + std.get().branch());
      }
      return cpython.recognise(localPath).map(p -> p.frozen() ? cpython.read(ctx, p) : appThenStdlib(ctx, p))
          .orElseGet(() -> dependencies.find(ctx));
    });
  }

  /**
   * A relative path that may be the standard library's (§9.5): the application's file at it wins, as
   * Python's own import does (the script's directory comes before the standard library on sys.path, so
   * an application module named like a standard one shadows it); else CPython's. Both reads start at once.
   */
  private Future<SourceFile> appThenStdlib(ResolveContext ctx, CPythonSource.StdlibPath p) {
    Future<SourceFile> stdlib = cpython.read(ctx, p);
    // as given only: a shorter suffix of json/decoder.py would be some other application file
    Future<SourceFile> app = AppPathWalk.firstUnderRoot(ctx, AppPathWalk.suffixes(ctx.localPath()).subList(0, 1),
        "file not found: " + Lookups.shown(ctx.localPath()), 1);
    return app.recover(t -> RpcException.isNotFound(t) ? stdlib : Future.failedFuture(t));
  }

  /**
   * The file under the last pythonX.Y directory, at CPython's X.Y branch (main when the directory has no
   * minor version). Installed packages (site-packages, dist-packages) live below such a directory too,
   * but are not CPython's code.
   */
  static Optional<StdFile> standardLibrary(String localPath) {
    String p = "/" + localPath;
    if (p.contains("/site-packages/") || p.contains("/dist-packages/")) {
      return Optional.empty();
    }
    Matcher m = PYTHON_DIR.matcher(localPath);
    PythonDir last = null;
    while (m.find()) {
      last = new PythonDir(m.end(), m.group(1), m.group(2));
    }
    if (last == null || last.end() == localPath.length()) {
      return Optional.empty();
    }
    String branch = last.minor() == null ? "main" : last.major() + "." + last.minor();
    return Optional.of(new StdFile(localPath.substring(last.end()), branch));
  }

  private record PythonDir(int end, String major, String minor) {}
}
