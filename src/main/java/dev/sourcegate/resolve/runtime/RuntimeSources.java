package dev.sourcegate.resolve.runtime;

import dev.sourcegate.settings.GatewayConfig;
import dev.sourcegate.settings.Setting;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import dev.sourcegate.source.Language;

/** Everything the language rules need to read runtime frames, sharing one version detector and its cache. */
public record RuntimeSources(RuntimeVersions versions, JdkSource jdk, KotlinSource kotlin, NodeCoreSource node,
    CPythonSource python) {
  /** Version answers cached at most: one per repository, ref, rootPath and runtime. */
  static final long CACHE_ENTRIES = 50_000;

  public static RuntimeSources of(RuntimeVersions versions) {
    return new RuntimeSources(versions, new JdkSource(JdkModules.load(), versions), new KotlinSource(versions),
        new NodeCoreSource(versions), new CPythonSource(versions));
  }

  public static RuntimeSources of(GatewayConfig.RuntimeDefaults defaults, Duration refTtl) {
    return of(new RuntimeVersions(Map.of(Runtime.JDK, defaults.jdk(), Runtime.NODE, defaults.node(),
        Runtime.PYTHON, defaults.python(), Runtime.RUBY, defaults.ruby()), refTtl, CACHE_ENTRIES));
  }

  /** The settings' own defaults; for resolvers built without a configuration (tests, tools). */
  public static RuntimeSources withDefaultSettings() {
    return of(new GatewayConfig.RuntimeDefaults(Setting.DEFAULT_JDK.defaultValue(), Setting.DEFAULT_NODE.defaultValue(),
        Setting.DEFAULT_PYTHON.defaultValue(), Setting.DEFAULT_RUBY.defaultValue()), Duration.ofMinutes(1));
  }

  /**
   * The runtime whose version reading a frame of this language needs, when its rules will read the
   * runtime's repository (a JDK or Kotlin-library class, a Node.js core module, a CPython module): what
   * SourceResolver.prefetch starts reading with the .pyroscope.yaml, so the version costs no round trip
   * of its own.
   */
  public Optional<Runtime> versionNeeded(Language language, String localPath, String functionName) {
    return switch (language) {
      case JAVA, KOTLIN -> jdk.recognise(functionName).isPresent() ? Optional.of(Runtime.JDK)
          : kotlin.recognise(functionName).filter(kotlin::versioned).map(c -> Runtime.KOTLIN);
      case JAVASCRIPT -> node.recognise(localPath).map(lib -> Runtime.NODE);
      case PYTHON -> python.recognise(localPath).map(p -> Runtime.PYTHON);
      default -> Optional.empty();
    };
  }
}
