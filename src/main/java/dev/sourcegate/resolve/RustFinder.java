package dev.sourcegate.resolve;

import dev.sourcegate.resolve.deps.rust.CargoFrame;
import dev.sourcegate.resolve.deps.rust.RustDependencies;
import dev.sourcegate.resolve.runtime.RuntimeSources;
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
import dev.sourcegate.source.Language;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rust (docs/resolution.md §11), in order: mappings; a crate from Cargo's registry or git checkouts (§16:
 * the registry's .crate at the version in the path, a git dependency at the commit Cargo.lock pins; never
 * the application's files); the standard library as rustc records it,
 * {@code /rustc/<commit>/library/std/src/...} (or {@code /rustc/<commit>/src/libstd/...} before 1.47) ->
 * rust-lang/rust at exactly that commit; a crate {@code cargo vendor} copied, when the lock names it
 * (§16); the application's own path walk.
 */
final class RustFinder implements LanguageRules {
  /** rustc remaps its own source tree to /rustc/<commit hash>: whatever follows is a path of rust-lang/rust. */
  private static final Pattern RUSTC = Pattern.compile("/?rustc/([0-9a-f]{40})/(.+)");
  /** $CARGO_HOME/registry/src/<index>/<crate>-<version>/ or git/checkouts/ (~/.cargo, or /usr/local/cargo in Docker). */
  private static final Pattern CARGO = Pattern.compile("(?:^|/)\\.?cargo/(?:registry/src|git/checkouts)/");

  private final RustDependencies crates;

  /** A file of rust-lang/rust at a commit. */
  record RustcFile(String commit, String path) {}

  RustFinder() {
    this(RuntimeSources.withDefaultSettings());
  }

  /** runtimes: for the ref TTL the Cargo.lock cache shares with every fact read from a repository. */
  RustFinder(RuntimeSources runtimes) {
    this.crates = new RustDependencies(runtimes.versions().refTtl());
  }

  @Override
  public Language language() {
    return Language.RUST;
  }

  /** A crate frame's Cargo.lock is read beside the .pyroscope.yaml. */
  @Override
  public void prefetch(FileQuery q, Future<PyroscopeConfig> config, SourceReader reader, Predicate<PyroscopeConfig> chosen) {
    crates.prefetch(q, reader);
  }

  @Override
  public Future<SourceFile> find(ResolveContext ctx) {
    return MappingReader.mappingsThen(ctx, () -> byRecognisedPath(ctx, ctx.localPath()));
  }

  private Future<SourceFile> byRecognisedPath(ResolveContext ctx, String localPath) {
    Optional<CargoFrame> crate = crates.recognise(localPath);
    boolean vendored = crate.isPresent() && crate.get() instanceof CargoFrame.Vendored;
    if (crate.isPresent() && !vendored) {
      return crates.read(ctx, crate.get());
    }
    if (CARGO.matcher(localPath).find()) {
      // Cargo's directory, but not a crate directory it writes: another project's code, never the application's
      return Future.failedFuture(RpcException.notFound("not a crate directory of Cargo's registry or git checkouts"
          + " (<crate>-<version>/ or <name>-<hash>/<commit>/): " + Lookups.shown(localPath)));
    }
    Optional<RustcFile> std = rustcFile(localPath);
    if (std.isPresent()) {
      RustcFile f = std.get();
      return Lookups.notFoundAs(ctx.reader().githubFile("rust-lang", "rust", f.commit(), f.path()),
          "Rust source file not found: " + Lookups.shown(f.path()) + " at " + f.commit());
    }
    // a vendored crate's directory is the application's unless the lock file names the crate (§16)
    return vendored ? crates.read(ctx, crate.get()) : AppPathWalk.localPath(ctx);
  }

  static Optional<RustcFile> rustcFile(String localPath) {
    Matcher m = RUSTC.matcher(localPath);
    return m.matches() ? Optional.of(new RustcFile(m.group(1), m.group(2))) : Optional.empty();
  }
}
