package dev.sourcegate.resolve;

import dev.sourcegate.source.SourceFile;

import dev.sourcegate.source.Language;
import dev.sourcegate.source.MappingMatch;
import dev.sourcegate.configloader.MappingMatcher;
import dev.sourcegate.source.PyroscopeConfig;
import dev.sourcegate.resolve.go.GoFinder;
import dev.sourcegate.resolve.go.GoStdPackages;
import dev.sourcegate.resolve.rules.AppPathWalk;
import dev.sourcegate.resolve.rules.FileQuery;
import dev.sourcegate.resolve.rules.LanguageRules;
import dev.sourcegate.resolve.rules.ResolveContext;
import dev.sourcegate.resolve.rules.RuntimeVersionSource;
import dev.sourcegate.resolve.rules.SourceReader;
import dev.sourcegate.resolve.runtime.RuntimeSources;
import dev.sourcegate.resolve.deps.node.NodeDependencies;
import dev.sourcegate.resolve.deps.ruby.RubyDependencies;
import java.time.Duration;
import io.vertx.core.Future;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GetFile's resolution (docs/resolution.md §2-§7): reads the repository's .pyroscope.yaml, matches its
 * mappings against the request, chooses the language and lets that language's rules find the file.
 *
 * <p>Pure logic over {@link SourceReader}: no I/O of its own, no blocking, only Future composition, so it
 * runs on an event loop and tests drive it with an in-memory reader. Stateless and thread-safe.
 */
public final class SourceResolver {
  private final Map<Language, LanguageRules> rules = new EnumMap<>(Language.class);
  private final JvmFrames jvm;
  private final RuntimeSources runtimes;
  /** Reads of one chain of guesses (the application's path walk) in flight at once. */
  private final int lookupWindow;

  /** Resolution that reads rule chains one candidate at a time. */
  public SourceResolver(GoStdPackages std) {
    this(std, 1);
  }

  /**
   * lastResortWindow: how many last-resort candidates may be read at the same time; the answer still
   * follows the rule order, a larger window only trades a few unneeded reads for latency.
   */
  public SourceResolver(GoStdPackages std, int lastResortWindow) {
    this(std, lastResortWindow, RuntimeSources.withDefaultSettings());
  }

  /** runtimes: the runtime-version detector (and its cache) the runtime frames' rules share. */
  public SourceResolver(GoStdPackages std, int lastResortWindow, RuntimeSources runtimes) {
    this(std, lastResortWindow, runtimes, rubyVersion(runtimes));
  }

  /** ruby: where Ruby's version comes from (tests give it directly; otherwise the runtimes' detector). */
  SourceResolver(GoStdPackages std, int lastResortWindow, RuntimeSources runtimes, RuntimeVersionSource ruby) {
    this(std, lastResortWindow, runtimes, ruby, new NodeDependencies(Duration.ofMinutes(1)));
  }

  /** node: the npm dependency frames' rules with their lock-file cache (its branch TTL the ref TTL). */
  public SourceResolver(GoStdPackages std, int lastResortWindow, RuntimeSources runtimes, NodeDependencies node) {
    this(std, lastResortWindow, runtimes, rubyVersion(runtimes), node);
  }

  private SourceResolver(GoStdPackages std, int lastResortWindow, RuntimeSources runtimes, RuntimeVersionSource ruby,
      NodeDependencies node) {
    this(List.of(
        new GoFinder(std, lastResortWindow),
        new PythonFinder(runtimes),
        new JavaFinder(runtimes),
        new JsFinder(runtimes, node),
        new KotlinFinder(runtimes),
        new RubyFinder(ruby, new RubyDependencies(runtimes.versions().refTtl())),
        new RustFinder(runtimes)), runtimes, lastResortWindow);
  }

  /** Every language needs its rules: a language without them would fail only when a request names it. */
  SourceResolver(List<LanguageRules> languages) {
    this(languages, RuntimeSources.withDefaultSettings(), 1);
  }

  SourceResolver(List<LanguageRules> languages, RuntimeSources runtimes, int lookupWindow) {
    this.jvm = new JvmFrames(runtimes);
    this.runtimes = runtimes;
    this.lookupWindow = lookupWindow;
    for (LanguageRules r : languages) {
      if (rules.put(r.language(), r) != null) {
        throw new IllegalArgumentException("two rules for language " + r.language().yamlName());
      }
    }
    for (Language l : Language.values()) {
      if (!rules.containsKey(l)) {
        throw new IllegalArgumentException("no rules for language " + l.yamlName());
      }
    }
  }

  /**
   * Starts, all at once, the reads this request's rules are likely to need: the .pyroscope.yaml, the
   * files that tell the runtime's version for a runtime frame (so a cold JDK, Node.js or CPython frame
   * costs two round trips, not three; a mapping that wins makes them unneeded, at most 2 x 7 small
   * reads), and what the rules of the language the file's extension names ask for (see
   * LanguageRules.prefetch).
   */
  void prefetch(FileQuery q, PrefetchingReader reader) {
    Future<PyroscopeConfig> config = configOf(q, reader);
    String localPath = q.localPath() == null ? "" : q.localPath();
    language(List.of(), localPath, q.functionName())
        .flatMap(lang -> runtimes.versionNeeded(lang, localPath, q.functionName()))
        .ifPresent(runtime -> runtimes.versions().version(q, reader, runtime).otherwiseEmpty());
    byExtension(localPath).map(rules::get).ifPresent(r -> r.prefetch(q, config, reader,
        c -> language(MappingMatcher.matches(c, localPath, q.functionName()), localPath, q.functionName())
            .orElse(null) == r.language()));
  }

  public Future<SourceFile> resolve(FileQuery q, SourceReader reader) {
    return configOf(q, reader).compose(config -> {
      String localPath = q.localPath() == null ? "" : q.localPath();
      List<MappingMatch> matches = MappingMatcher.matches(config, localPath, q.functionName());
      ResolveContext ctx = new ResolveContext(q, reader, config, matches, lookupWindow);
      return language(matches, localPath, q.functionName())
          .map(lang -> rules.get(lang).find(ctx))
          .orElseGet(() -> AppPathWalk.localPath(ctx));
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
   * Section 3: the winning mapping's language, else the file extension, else the runtime frames that
   * carry no extension (§9): a {@code node:} module, a frozen Python module, a JDK or Kotlin-library
   * class (a JVM frame's localPath is empty or "HashMap.java"), or an application class with such a
   * localPath (found in the repository's file tree, §6). Empty means no language rules apply and
   * the file is looked for by the application's path walk.
   */
  Optional<Language> language(List<MappingMatch> matches, String localPath, String functionName) {
    if (!matches.isEmpty() && matches.get(0).mapping().language() != null) {
      return Optional.of(matches.get(0).mapping().language());
    }
    Optional<Language> byExtension = byExtension(localPath);
    if (byExtension.isPresent()) {
      return byExtension;
    }
    if (localPath.startsWith("node:")) {
      return Optional.of(Language.JAVASCRIPT);
    }
    if (localPath.startsWith("<frozen ")) {
      return Optional.of(Language.PYTHON);
    }
    return jvm.isRuntimeFrame(functionName) || JvmFrames.isApplicationClass(localPath, functionName)
        ? Optional.of(Language.JAVA) : Optional.empty();
  }

  /** The Ruby version the repository declares (or the configured default), for frames that name none. */
  private static RuntimeVersionSource rubyVersion(RuntimeSources runtimes) {
    return ctx -> runtimes.versions().ruby(ctx).map(v -> v.known() ? Optional.of(v.version()) : Optional.empty());
  }

  static Optional<Language> byExtension(String localPath) {
    return Language.byExtension(localPath);
  }
}
