package dev.sourcegate.resolve;

import dev.sourcegate.resolve.deps.ruby.GemFrame;
import dev.sourcegate.resolve.deps.ruby.RubyDependencies;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.resolve.rules.AppPathWalk;
import dev.sourcegate.resolve.rules.FileQuery;
import dev.sourcegate.resolve.rules.SourceReader;
import dev.sourcegate.source.PyroscopeConfig;
import java.util.function.Predicate;
import dev.sourcegate.resolve.rules.LanguageRules;
import dev.sourcegate.resolve.rules.Lookups;
import dev.sourcegate.resolve.rules.MappingReader;
import dev.sourcegate.resolve.rules.ResolveContext;
import dev.sourcegate.resolve.rules.RuntimeVersionSource;
import dev.sourcegate.source.Language;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Ruby (docs/resolution.md §9, §15), in order: mappings; a file of an installed gem (from RubyGems at the
 * version its directory names, or from the GitHub repository and revision Gemfile.lock gives a git-sourced
 * gem: RubyDependencies); a core method written in Ruby ({@code <internal:kernel>} -> ruby/ruby {@code kernel.rb} at the
 * version the application runs); the standard library ({@code .../lib/ruby/3.3.0/net/http.rb} -> ruby/ruby
 * {@code lib/net/http.rb}); the application's own path walk. The runtime rules are final: a file ruby/ruby
 * lacks is NOT_FOUND, it is not looked for in the application's repository.
 */
final class RubyFinder implements LanguageRules {
  static final String RUBY_OWNER = "ruby";
  static final String RUBY_REPO = "ruby";

  private final RuntimeVersionSource versions;
  private final RubyDependencies gems;

  RubyFinder(RuntimeVersionSource versions) {
    this(versions, new RubyDependencies(Duration.ofMinutes(1)));
  }

  RubyFinder(RuntimeVersionSource versions, RubyDependencies gems) {
    this.versions = versions;
    this.gems = gems;
  }

  @Override
  public Language language() {
    return Language.RUBY;
  }

  /** A git-sourced gem's lock files, read with the .pyroscope.yaml: a few small reads, one round trip fewer. */
  @Override
  public void prefetch(FileQuery q, Future<PyroscopeConfig> config, SourceReader reader,
      Predicate<PyroscopeConfig> chosen) {
    gems.prefetch(q, reader);
  }

  @Override
  public Future<SourceFile> find(ResolveContext ctx) {
    return MappingReader.mappingsThen(ctx, () -> byRecognisedPath(ctx, ctx.localPath()));
  }

  private Future<SourceFile> byRecognisedPath(ResolveContext ctx, String localPath) {
    Optional<GemFrame> gem = gems.recognise(localPath);
    if (gem.isPresent()) {
      return gems.read(ctx, gem.get());
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
