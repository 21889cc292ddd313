package dev.sourcegate.resolve.runtime;

import dev.sourcegate.resolve.rules.ResolveContext;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPython's standard library for paths that carry no pythonX.Y directory (docs/resolution.md §9.5):
 * Pyroscope's Python SDK strips the install prefix, so {@code threading.py}, {@code json/decoder.py} and
 * {@code concurrent/futures/thread.py} arrive relative; a relative path whose first part is a
 * standard-library module (runtime/python-stdlib.txt) may be one. Frozen modules
 * ({@code <frozen importlib._bootstrap>}) always are. The file is {@code Lib/<path>} of python/cpython at
 * tag {@code v<X.Y.Z>} for a release, at branch {@code X.Y} otherwise.
 */
public final class CPythonSource {
  private static final Pattern FROZEN = Pattern.compile("<frozen ([A-Za-z_][\\w.]*)>");
  private final Set<String> modules;
  private final RuntimeVersions versions;

  /** What a path names: a file under Lib/, and whether it can only be CPython's (frozen). */
  public record StdlibPath(String libFile, boolean frozen) {}

  public CPythonSource(RuntimeVersions versions) {
    this(NameList.load("/runtime/python-stdlib.txt"), versions);
  }

  CPythonSource(Set<String> modules, RuntimeVersions versions) {
    this.modules = Set.copyOf(modules);
    this.versions = versions;
  }

  public Optional<StdlibPath> recognise(String localPath) {
    Matcher frozen = FROZEN.matcher(localPath);
    if (frozen.matches()) {
      return Optional.of(new StdlibPath("Lib/" + frozen.group(1).replace('.', '/') + ".py", true));
    }
    if (localPath.startsWith("/") || localPath.startsWith(".") || !localPath.endsWith(".py")
        || localPath.contains("site-packages/") || localPath.contains("dist-packages/")) {
      return Optional.empty();
    }
    int slash = localPath.indexOf('/');
    String first = slash < 0 ? localPath.substring(0, localPath.length() - ".py".length()) : localPath.substring(0, slash);
    return modules.contains(first) ? Optional.of(new StdlibPath("Lib/" + localPath, false)) : Optional.empty();
  }

  public Future<SourceFile> read(ResolveContext ctx, StdlibPath path) {
    return versions.python(ctx).compose(v -> locate(v, path.libFile()).read(ctx.reader()));
  }

  static RuntimeFile locate(RuntimeVersion v, String libFile) {
    return new RuntimeFile("python", "cpython", v.full() ? "v" + v.version() : v.majorMinor(), List.of(libFile));
  }
}
