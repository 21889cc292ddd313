package dev.sourcegate.resolve;

import dev.sourcegate.resolve.rules.AppPathWalk;
import dev.sourcegate.resolve.rules.LanguageRules;
import dev.sourcegate.resolve.rules.ResolveContext;
import dev.sourcegate.resolve.runtime.JvmClass;
import dev.sourcegate.resolve.runtime.RuntimeSources;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.Language;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * Java (docs/resolution.md §6). JVM profiles name classes, not files, so the file comes from the
 * function name: mappings say where application and library classes are, the JDK's and Kotlin's own
 * classes are found in their repositories (§9.2, §9.3), an application class by its path in the
 * repository's file tree (§6); with no mapping matched, a recorded file name is then read as the
 * application's path walk reads any path; anything else is not resolvable.
 */
final class JavaFinder implements LanguageRules {
  static final String NO_MAPPING = "no mappings provided, file not resolvable";
  private final JvmFrames frames;

  JavaFinder() {
    this(RuntimeSources.withDefaultSettings());
  }

  JavaFinder(RuntimeSources runtimes) {
    this.frames = new JvmFrames(runtimes);
  }

  @Override
  public Language language() {
    return Language.JAVA;
  }

  @Override
  public Future<SourceFile> find(ResolveContext ctx) {
    return frames.find(ctx, () -> ctx.matches().isEmpty() && !ctx.localPath().isEmpty()
        ? AppPathWalk.localPath(ctx) : Future.failedFuture(RpcException.notFound(NO_MAPPING)));
  }

  /** {@code org/example/App$Inner.method} -> {@code org/example/App.java} (see {@link JvmClass}). */
  static Optional<String> sourceFileOf(String functionName) {
    return JvmClass.parse(functionName).map(c -> c.file(".java"));
  }
}
