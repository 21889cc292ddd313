package dev.sourcegate.resolve.runtime;

import dev.sourcegate.settings.GatewayConfig;
import dev.sourcegate.settings.Setting;
import java.time.Duration;
import java.util.Map;

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
}
