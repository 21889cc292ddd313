package dev.sourcegate.resolve;

import dev.sourcegate.source.SourceFile;

import dev.sourcegate.resolve.rules.AppPathWalk;
import dev.sourcegate.resolve.rules.LanguageRules;
import dev.sourcegate.resolve.rules.Lookups;
import dev.sourcegate.resolve.rules.MappingReader;
import dev.sourcegate.resolve.rules.ResolveContext;
import dev.sourcegate.source.Language;
import io.vertx.core.Future;
import java.time.Duration;
import dev.sourcegate.resolve.deps.node.NodeDependencies;
import dev.sourcegate.resolve.deps.node.NodeFrame;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.resolve.runtime.NodeCoreSource;
import dev.sourcegate.resolve.runtime.RuntimeSources;

/**
 * JavaScript and TypeScript (docs/resolution.md §7): mappings; Node.js's own modules (node:fs,
 * internal/timers.js) from nodejs/node (§9.4); a file of an installed npm package (node_modules/...) from
 * the npm registry at its locked version (§13, NodeDependencies); then the path and its suffixes under the service's root
 * (AppPathWalk: services record /usr/src/app/server.js).
 */
final class JsFinder implements LanguageRules {
  private final NodeCoreSource node;
  private final NodeDependencies dependencies;

  JsFinder() {
    this(RuntimeSources.withDefaultSettings());
  }

  JsFinder(RuntimeSources runtimes) {
    this(runtimes, new NodeDependencies(Duration.ofMinutes(1)));
  }

  JsFinder(RuntimeSources runtimes, NodeDependencies dependencies) {
    this.node = runtimes.node();
    this.dependencies = dependencies;
  }

  /**
   * A package with no locked version may still be committed (a vendored node_modules): the path walk
   * reads it; when that misses too, the answer says which lock files were read.
   */
  private Future<SourceFile> dependencyOrCommitted(ResolveContext ctx, NodeFrame dep) {
    return dependencies.read(ctx, dep).recover(e -> RpcException.isNotFound(e)
        ? Lookups.notFoundAs(AppPathWalk.localPath(ctx), e.getMessage())
        : Future.failedFuture(e));
  }

  @Override
  public Language language() {
    return Language.JAVASCRIPT;
  }

  @Override
  public Future<SourceFile> find(ResolveContext ctx) {
    return Lookups.orElseIfNotFound(
        MappingReader.readCut(ctx.matches(), ctx.localPath(), ctx),
        () -> node.recognise(ctx.localPath()).map(lib -> node.read(ctx, lib))
            .or(() -> dependencies.recognise(ctx.localPath()).map(dep -> dependencyOrCommitted(ctx, dep)))
            .orElseGet(() -> AppPathWalk.localPath(ctx)));
  }
}
