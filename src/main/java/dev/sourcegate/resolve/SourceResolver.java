package dev.sourcegate.resolve;

import dev.sourcegate.source.SourceFile;

import dev.sourcegate.source.Language;
import dev.sourcegate.source.MappingMatch;
import dev.sourcegate.configloader.MappingMatcher;
import dev.sourcegate.source.PyroscopeConfig;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * GetFile's resolution (docs/resolution.md §2-§7): reads the repository's .pyroscope.yaml, matches its
 * mappings against the request, chooses the language and lets that language's rules find the file.
 *
 * <p>Pure logic over {@link SourceReader}: no I/O of its own, no blocking, only Future composition, so it
 * runs on an event loop and tests drive it with an in-memory reader. Stateless and thread-safe.
 */
public final class SourceResolver {
  private final GoFinder go;
  private final PythonFinder python = new PythonFinder();
  private final JavaFinder java = new JavaFinder();
  private final JsFinder javascript = new JsFinder();

  /** Resolution that reads rule chains one candidate at a time. */
  public SourceResolver(GoStdPackages std) {
    this(std, 1);
  }

  /**
   * lastResortWindow: how many last-resort candidates may be read at the same time; the answer still
   * follows the rule order, a larger window only trades a few unneeded reads for latency.
   */
  public SourceResolver(GoStdPackages std, int lastResortWindow) {
    this.go = new GoFinder(std, lastResortWindow);
  }

  /**
   * Starts, all at once, the reads this request's rules are likely to need: the .pyroscope.yaml, and for
   * a Go module cache path the go.mod and then the module's vanity page. Only reads the rules themselves
   * could make are started: no go.mod for a standard library or vendor path, and the vanity page only
   * once go.mod and the mappings show that rule 4 would ask for it (not for a module replaced by a local
   * directory, a refused host, or a file another language's rules handle).
   */
  void prefetch(FileQuery q, PrefetchingReader reader) {
    Future<PyroscopeConfig> config = configOf(q, reader);
    String localPath = q.localPath() == null ? "" : q.localPath();
    if (byExtension(localPath).orElse(null) != Language.GO) {
      return;
    }
    go.moduleCachePath(localPath).ifPresent(module -> {
      Future<GoMod> goMod = reader.githubFile(q.owner(), q.repo(), q.ref(), "go.mod")
          .map(f -> GoMod.parse(new String(f.content(), StandardCharsets.UTF_8)))
          .otherwise(GoMod.EMPTY);
      Future.all(config, goMod).onSuccess(both -> {
        List<MappingMatch> matches = MappingMatcher.matches(config.result(), localPath, q.functionName());
        if (language(matches, localPath).orElse(null) == Language.GO) {
          GoFinder.vanityPageFor(module, goMod.result()).ifPresent(p -> reader.goGetPage(p).otherwiseEmpty());
        }
      });
    });
  }

  public Future<SourceFile> resolve(FileQuery q, SourceReader reader) {
    return configOf(q, reader).compose(config -> {
      String localPath = q.localPath() == null ? "" : q.localPath();
      List<MappingMatch> matches = MappingMatcher.matches(config, localPath, q.functionName());
      ResolveContext ctx = new ResolveContext(q, reader, config, matches);
      return language(matches, localPath)
          .map(lang -> switch (lang) {
            case GO -> go.find(ctx);
            case PYTHON -> python.find(ctx);
            case JAVA -> java.find(ctx);
            case JAVASCRIPT -> javascript.find(ctx);
          })
          .orElseGet(ctx::readLocalPathUnderRoot);
    });
  }

  /** The reader promises never to fail here; should it anyway, resolution goes on without mappings. */
  private static Future<PyroscopeConfig> configOf(FileQuery q, SourceReader reader) {
    Future<PyroscopeConfig> f;
    try {
      f = reader.pyroscopeConfig(q.owner(), q.repo(), q.ref(), q.rootPath() == null ? "" : q.rootPath());
    } catch (RuntimeException e) {
      f = null;
    }
    if (f == null) {
      return Future.succeededFuture(PyroscopeConfig.EMPTY);
    }
    return f.map(c -> c == null ? PyroscopeConfig.EMPTY : c).otherwise(PyroscopeConfig.EMPTY);
  }

  /**
   * Section 3: the winning mapping's language, else the file extension. Empty means no language rules
   * apply (.java included: Java needs a mapping) and the file is fetched as it is.
   */
  static Optional<Language> language(List<MappingMatch> matches, String localPath) {
    if (!matches.isEmpty() && matches.get(0).mapping().language() != null) {
      return Optional.of(matches.get(0).mapping().language());
    }
    return byExtension(localPath);
  }

  static Optional<Language> byExtension(String localPath) {
    String name = localPath.substring(localPath.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return switch (ext) {
      case "go", "s" -> Optional.of(Language.GO);
      case "py" -> Optional.of(Language.PYTHON);
      case "js", "mjs", "cjs", "ts", "jsx", "tsx" -> Optional.of(Language.JAVASCRIPT);
      default -> Optional.empty();
    };
  }
}
