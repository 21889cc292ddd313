package dev.sourcegate.resolve;

import dev.sourcegate.source.SourceFile;

import dev.sourcegate.resolve.rules.AppPathWalk;
import dev.sourcegate.resolve.rules.LanguageRules;
import dev.sourcegate.resolve.rules.Lookups;
import dev.sourcegate.resolve.rules.MappingReader;
import dev.sourcegate.resolve.rules.ResolveContext;
import dev.sourcegate.source.Language;
import io.vertx.core.Future;

/**
 * JavaScript and TypeScript (docs/resolution.md §7): mappings, then the path and its suffixes under the
 * service's root (AppPathWalk: services record /usr/src/app/server.js). There is no standard library to recognise: Node's built-ins do not appear as file paths.
 */
final class JsFinder implements LanguageRules {
  @Override
  public Language language() {
    return Language.JAVASCRIPT;
  }

  @Override
  public Future<SourceFile> find(ResolveContext ctx) {
    return Lookups.orElseIfNotFound(
        MappingReader.readCut(ctx.matches(), ctx.localPath(), ctx), () -> AppPathWalk.localPath(ctx));
  }
}
