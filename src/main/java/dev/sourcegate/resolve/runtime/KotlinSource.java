package dev.sourcegate.resolve.runtime;

import dev.sourcegate.resolve.rules.ResolveContext;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Kotlin's own libraries (docs/resolution.md §9.3). {@code kotlin/...} is the standard library, in
 * JetBrains/kotlin at tag {@code v<Kotlin version of the build>} (the default branch when the build names
 * none). Its sources are split by platform: common code in {@code libraries/stdlib/src/kotlin/...}, JVM
 * code in {@code libraries/stdlib/jvm/src/kotlin/...}, the generated collection operations
 * ({@code _Collections.kt}, facade parts such as {@code CollectionsKt___CollectionsKt}) flat in
 * {@code libraries/stdlib/common/src/generated/} and {@code libraries/stdlib/jvm/src/generated/}, and the
 * Java runtime classes (kotlin/jvm/internal/Intrinsics) in {@code libraries/stdlib/jvm/runtime/}.
 * {@code kotlinx/coroutines/...} is Kotlin/kotlinx.coroutines' {@code kotlinx-coroutines-core/{common,jvm,
 * concurrent}/src/<rest of the package>}, at its default branch: its version is not Kotlin's, and the
 * build's coroutines version is a dependency (issue 15's rules). Other kotlinx libraries need a mapping.
 */
public final class KotlinSource {
  private static final String STDLIB = "libraries/stdlib/";
  private static final String COROUTINES = "kotlinx/coroutines";
  private final RuntimeVersions versions;

  public KotlinSource(RuntimeVersions versions) {
    this.versions = versions;
  }

  /** The frame's class when it is Kotlin's standard library or kotlinx.coroutines. */
  public Optional<JvmClass> recognise(String functionName) {
    return JvmClass.parse(functionName).filter(c -> isStdlib(c) || isCoroutines(c));
  }

  /** Whether reading the class needs the build's Kotlin version (kotlinx.coroutines is read at its own). */
  public boolean versioned(JvmClass cls) {
    return !isCoroutines(cls);
  }

  public Future<SourceFile> read(ResolveContext ctx, JvmClass cls) {
    if (isCoroutines(cls)) {
      return coroutines(cls).read(ctx.reader());
    }
    return versions.kotlin(ctx).compose(v -> stdlib(v, cls).read(ctx.reader()));
  }

  static RuntimeFile stdlib(RuntimeVersion v, JvmClass cls) {
    String kt = cls.kotlinFile();
    String name = kt.substring(kt.lastIndexOf('/') + 1);
    List<String> paths = new ArrayList<>(List.of(STDLIB + "src/" + kt, STDLIB + "jvm/src/" + kt));
    if (name.startsWith("_")) {
      paths.add(STDLIB + "common/src/generated/" + name);
      paths.add(STDLIB + "jvm/src/generated/" + name);
    }
    paths.add(STDLIB + "jvm/runtime/" + cls.file(".java"));
    paths.add(STDLIB + "jvm/src/" + cls.file(".java"));
    return new RuntimeFile("JetBrains", "kotlin", v.known() ? "v" + v.version() : "HEAD", paths);
  }

  static RuntimeFile coroutines(JvmClass cls) {
    String rest = cls.kotlinFile().substring(COROUTINES.length() + 1);
    List<String> paths = new ArrayList<>();
    for (String platform : List.of("common", "jvm", "concurrent")) {
      paths.add("kotlinx-coroutines-core/" + platform + "/src/" + rest);
    }
    return new RuntimeFile("Kotlin", "kotlinx.coroutines", "HEAD", paths);
  }

  private static boolean isStdlib(JvmClass c) {
    return c.packagePath().equals("kotlin") || c.packagePath().startsWith("kotlin/");
  }

  private static boolean isCoroutines(JvmClass c) {
    return c.packagePath().equals(COROUTINES) || c.packagePath().startsWith(COROUTINES + "/");
  }
}
