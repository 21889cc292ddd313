package dev.sourcegate.resolve;

import dev.sourcegate.resolve.deps.java.JavaDependencies;
import dev.sourcegate.resolve.rules.Lookups;
import dev.sourcegate.resolve.rules.MappingReader;
import dev.sourcegate.resolve.rules.ResolveContext;
import dev.sourcegate.resolve.runtime.JvmClass;
import dev.sourcegate.resolve.runtime.RuntimeSources;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.MappingMatch;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The rules shared by Java and Kotlin frames (docs/resolution.md §6, §9.2, §9.3): the class's file through
 * each matching mapping (best mapping first; within one, {@code .java} then {@code .kt}, or for a Kotlin
 * file facade {@code FooKt} first {@code Foo.kt}); then, for a JDK or Kotlin-library class, that runtime's
 * repository, whose answer is final; else the application's file that ends in the class's path in the
 * repository's file tree ({@link AppClassFiles}); else what the language does when nothing says where the
 * class is; when that finds nothing either, the sources jar of the dependency that holds the class at the
 * version the build pins ({@link JavaDependencies}, §17).
 */
final class JvmFrames {
  private final RuntimeSources runtimes;
  private final JavaDependencies dependencies;

  JvmFrames(RuntimeSources runtimes) {
    this.runtimes = runtimes;
    this.dependencies = new JavaDependencies(runtimes.versions().refTtl());
  }

  Future<SourceFile> find(ResolveContext ctx, Supplier<Future<SourceFile>> otherwise) {
    String functionName = ctx.query().functionName();
    Optional<JvmClass> cls = JvmClass.parse(functionName);
    if (cls.isEmpty()) {
      return otherwise.get();
    }
    return Lookups.orElseIfNotFound(throughMappings(ctx, cls.get()), () -> {
      var jdk = runtimes.jdk().recognise(functionName);
      if (jdk.isPresent()) {
        return runtimes.jdk().read(ctx, jdk.get());
      }
      var kotlin = runtimes.kotlin().recognise(functionName);
      if (kotlin.isPresent()) {
        return runtimes.kotlin().read(ctx, kotlin.get());
      }
      // a class the application does not have may be a dependency's: looked for last, so that every frame
      // answered before dependencies were read is answered the same way
      return AppClassFiles.find(ctx, cls.get(), otherwise).recover(t -> RpcException.isNotFound(t)
          && !cls.get().packagePath().isEmpty()
          ? dependencies.find(ctx, cls.get(), files(cls.get()), t.getMessage()) : Future.failedFuture(t));
    });
  }

  /** A JDK or Kotlin-library class: the frames that need no mapping to be found. */
  boolean isRuntimeFrame(String functionName) {
    return runtimes.jdk().recognise(functionName).isPresent() || runtimes.kotlin().recognise(functionName).isPresent();
  }

  /**
   * An application class of a JVM profile: a class name (upper-case first letter, as Java names classes)
   * and a localPath that is empty or the bare source-file name a class file records ({@code Cart.java}).
   * A localPath with directories is a path, for the application's path walk.
   */
  static boolean isApplicationClass(String localPath, String functionName) {
    boolean bareSource = localPath.isEmpty() || localPath.endsWith(".java") && localPath.indexOf('/') < 0;
    return bareSource && JvmClass.parse(functionName)
        .filter(c -> Character.isUpperCase(c.className().charAt(0)) && !c.packagePath().isEmpty()).isPresent();
  }

  private static Future<SourceFile> throughMappings(ResolveContext ctx, JvmClass cls) {
    record Attempt(MappingMatch match, String file) {}
    List<Attempt> attempts = new ArrayList<>();
    for (MappingMatch m : ctx.matches()) {
      for (String file : files(cls)) {
        attempts.add(new Attempt(m, file));
      }
    }
    return Lookups.firstFound(attempts, a -> MappingReader.read(a.match().mapping(), a.file(), ctx),
        () -> RpcException.notFound(JavaFinder.NO_MAPPING));
  }

  /** The files a class may be written in, most likely first. */
  static List<String> files(JvmClass cls) {
    String java = cls.file(".java");
    String kt = cls.kotlinFile();
    boolean facade = cls.className().endsWith("Kt") || cls.className().contains("__");
    return facade ? List.of(kt, java) : List.of(java, kt);
  }
}
