package dev.sourcegate.resolve.runtime;

import dev.sourcegate.resolve.rules.ResolveContext;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * JDK frames (docs/resolution.md §9.2): a class of a JDK package under java/, javax/, jdk/, sun/ or
 * com/sun/ is read from OpenJDK at the application's JDK version. Feature releases up to
 * {@link #NEWEST_UPDATE_REPOSITORY} have an update repository, openjdk/jdk{N}u (jdk8u for 8); a release
 * (21.0.5) is its tag {@code jdk-21.0.5-ga} ({@code jdk8u392-ga}), a feature release alone the
 * repository's default branch. A newer feature release is still in openjdk/jdk, read at its default
 * branch. The file is {@code src/<module>/share/classes/<package>/<Class>.java}, then the unix, linux,
 * macosx and windows directories for platform classes (sun/nio/fs/UnixPath); JDK 8 has no modules:
 * {@code jdk/src/share/classes/...}, then solaris (its unix), windows, macosx.
 */
public final class JdkSource {
  /** The newest JDK whose data tools/gen-runtime-data.sh was run on; later ones are read from openjdk/jdk. */
  static final int NEWEST_UPDATE_REPOSITORY = 25;
  private static final List<String> PREFIXES = List.of("java/", "javax/", "jdk/", "sun/", "com/sun/");
  private static final List<String> PLATFORMS = List.of("share", "unix", "linux", "macosx", "windows");
  private static final List<String> JDK8_PLATFORMS = List.of("share", "solaris", "windows", "macosx");

  /** A frame's class and the module that holds its package. */
  public record JdkClass(JvmClass cls, String module) {}

  private final JdkModules modules;
  private final RuntimeVersions versions;

  public JdkSource(JdkModules modules, RuntimeVersions versions) {
    this.modules = modules;
    this.versions = versions;
  }

  /** The frame's JDK class, when its package is under one of the JDK's prefixes and the JDK has it. */
  public Optional<JdkClass> recognise(String functionName) {
    return JvmClass.parse(functionName)
        .filter(c -> PREFIXES.stream().anyMatch(p -> (c.packagePath() + "/").startsWith(p)))
        .flatMap(c -> modules.moduleOf(c.packageName()).map(m -> new JdkClass(c, m)));
  }

  public Future<SourceFile> read(ResolveContext ctx, JdkClass jdk) {
    return versions.jdk(ctx).compose(v -> locate(v, jdk).read(ctx.reader()));
  }

  static RuntimeFile locate(RuntimeVersion v, JdkClass jdk) {
    int major = v.major();
    String file = jdk.cls().file(".java");
    List<String> paths = new ArrayList<>();
    if (major <= 8) {
      JDK8_PLATFORMS.forEach(p -> paths.add("jdk/src/" + p + "/classes/" + file));
      return new RuntimeFile("openjdk", "jdk8u", v.full() ? "jdk" + v.version() + "-ga" : "HEAD", paths);
    }
    PLATFORMS.forEach(p -> paths.add("src/" + jdk.module() + "/" + p + "/classes/" + file));
    if (major > NEWEST_UPDATE_REPOSITORY) {
      return new RuntimeFile("openjdk", "jdk", "HEAD", paths);
    }
    return new RuntimeFile("openjdk", "jdk" + major + "u", v.full() ? "jdk-" + v.version() + "-ga" : "HEAD", paths);
  }
}
