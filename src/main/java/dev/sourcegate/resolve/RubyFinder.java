package dev.sourcegate.resolve;

import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.resolve.rules.AppPathWalk;
import dev.sourcegate.resolve.rules.LanguageRules;
import dev.sourcegate.resolve.rules.Lookups;
import dev.sourcegate.resolve.rules.MappingReader;
import dev.sourcegate.resolve.rules.ResolveContext;
import dev.sourcegate.resolve.rules.RuntimeVersionSource;
import dev.sourcegate.source.Language;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * Ruby (docs/resolution.md §9), in order: mappings; an installed gem (not resolved yet: NOT_FOUND, never a
 * guess); a core method written in Ruby ({@code <internal:kernel>} -> ruby/ruby {@code kernel.rb} at the
 * version the application runs); the standard library ({@code .../lib/ruby/3.3.0/net/http.rb} -> ruby/ruby
 * {@code lib/net/http.rb}); the application's own path walk. The runtime rules are final: a file ruby/ruby
 * lacks is NOT_FOUND, it is not looked for in the application's repository.
 */
final class RubyFinder implements LanguageRules {
  static final String RUBY_OWNER = "ruby";
  static final String RUBY_REPO = "ruby";

  private final RuntimeVersionSource versions;

  RubyFinder(RuntimeVersionSource versions) {
    this.versions = versions;
  }

  @Override
  public Language language() {
    return Language.RUBY;
  }

  @Override
  public Future<SourceFile> find(ResolveContext ctx) {
    return MappingReader.mappingsThen(ctx, () -> byRecognisedPath(ctx, ctx.localPath()));
  }

  private Future<SourceFile> byRecognisedPath(ResolveContext ctx, String localPath) {
    Optional<String> gem = RubyPaths.gem(localPath);
    if (gem.isPresent()) {
      return Future.failedFuture(RpcException.notFound("Ruby gem files are not resolved yet (" + Lookups.shown(gem.get())
          + "): add a .pyroscope.yaml mapping for its path"));
    }
    Optional<String> internal = RubyPaths.internalFile(localPath);
    if (internal.isPresent()) {
      return coreFile(ctx, internal.get());
    }
    Optional<RubyPaths.StdFile> std = RubyPaths.standardLibrary(localPath);
    if (std.isPresent()) {
      return standardLibrary(ctx, std.get());
    }
    return AppPathWalk.localPath(ctx);
  }

  /** {@code <internal:NAME>} names no version: the one the application runs decides. */
  private Future<SourceFile> coreFile(ResolveContext ctx, String file) {
    return versions.ruby(ctx).compose(version -> {
      Optional<String> tag = version.flatMap(RubyPaths::tag);
      if (tag.isEmpty()) {
        return Future.failedFuture(RpcException.notFound("Ruby core file " + file + ": the Ruby version is unknown ("
            + Lookups.shown(version.orElse("none")) + ")"));
      }
      return Lookups.notFoundAs(ctx.reader().githubFile(RUBY_OWNER, RUBY_REPO, tag.get(), file),
          "Ruby core file not found: " + file + " at " + tag.get());
    });
  }

  /**
   * {@code lib/<file>} of ruby/ruby; a default gem with a C extension keeps its Ruby files in
   * {@code ext/<gem>/lib/} instead ({@code json/common.rb} -> {@code ext/json/lib/json/common.rb}). The
   * running version only refines the patch release: without it, the ABI directory's X.Y.0.
   */
  private Future<SourceFile> standardLibrary(ResolveContext ctx, RubyPaths.StdFile std) {
    Future<Optional<String>> running = versions.ruby(ctx).otherwise(Optional.empty());
    return running.compose(version -> {
      String tag = RubyPaths.stdlibTag(std, version);
      String file = std.file();
      int slash = file.indexOf('/');
      String gem = (slash < 0 ? file : file.substring(0, slash)).replaceFirst("\\.rb$", "");
      List<String> paths = List.of("lib/" + file, "ext/" + gem + "/lib/" + file);
      return Lookups.firstFound(paths, p -> ctx.reader().githubFile(RUBY_OWNER, RUBY_REPO, tag, p),
          () -> RpcException.notFound("Ruby standard library file not found: lib/" + Lookups.shown(file) + " at " + tag));
    });
  }
}
