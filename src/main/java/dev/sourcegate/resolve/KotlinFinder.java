package dev.sourcegate.resolve;

import dev.sourcegate.resolve.rules.LanguageRules;
import dev.sourcegate.resolve.rules.AppPathWalk;
import dev.sourcegate.resolve.rules.ResolveContext;
import dev.sourcegate.resolve.runtime.RuntimeSources;
import dev.sourcegate.source.Language;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;

/**
 * Kotlin (docs/resolution.md §9.3): the Java rules, which already try {@code .kt} files; a class nothing
 * says where to find is read at localPath, as any file of an extension without rules was before Kotlin
 * had its own.
 */
final class KotlinFinder implements LanguageRules {
  private final JvmFrames frames;

  KotlinFinder(RuntimeSources runtimes) {
    this.frames = new JvmFrames(runtimes);
  }

  @Override
  public Language language() {
    return Language.KOTLIN;
  }

  @Override
  public Future<SourceFile> find(ResolveContext ctx) {
    return frames.find(ctx, () -> AppPathWalk.localPath(ctx));
  }
}
