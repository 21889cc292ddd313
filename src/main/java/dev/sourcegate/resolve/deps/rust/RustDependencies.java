package dev.sourcegate.resolve.deps.rust;

import dev.sourcegate.resolve.rules.AppPathWalk;
import dev.sourcegate.resolve.rules.FileQuery;
import dev.sourcegate.resolve.rules.PerRefCache;
import dev.sourcegate.resolve.rules.SourceReader;
import dev.sourcegate.resolve.rules.Lookups;
import dev.sourcegate.resolve.rules.ResolveContext;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.InvalidSourceInput;
import dev.sourcegate.source.RepoUrl;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Frames in crates Cargo unpacked (docs/resolution.md §16). A registry crate's directory carries its
 * version; the repository's Cargo.lock adds the SHA-256 its .crate must have, and the file is read from
 * the crate registry ({@link CrateSource}). A git dependency's checkout names its repository and a short
 * commit; the Cargo.lock entry whose git source matches both gives the repository's URL and full commit,
 * and a repository on GitHub is read there at that commit through the usual GitHub reads. A crate
 * {@code cargo vendor} copied is the repository's committed copy, else the registry's.
 */
public final class RustDependencies {
  private static final Set<String> GITHUB = Set.of("github.com");
  private final CargoLockFiles lockFiles;

  public RustDependencies(Duration refTtl) {
    this.lockFiles = new CargoLockFiles(refTtl);
  }

  /** The crate frame of a path, when it is one of Cargo's. */
  public Optional<CargoFrame> recognise(String localPath) {
    return CargoFrame.parse(localPath);
  }

  /**
   * Starts reading the Cargo.lock files a crate frame will ask for, beside the .pyroscope.yaml: a cold
   * frame then waits for them in the same round trip (a mapping that wins makes them unneeded).
   */
  public void prefetch(FileQuery q, SourceReader reader) {
    if (q.localPath() != null && recognise(q.localPath()).isPresent()) {
      PerRefCache.readAll(q, reader, CargoLockFiles.paths(q)).otherwiseEmpty();
    }
  }

  public Future<SourceFile> read(ResolveContext ctx, CargoFrame frame) {
    return lockFiles.locks(ctx.query(), ctx.reader()).compose(locks -> {
      if (frame instanceof CargoFrame.Registry r) {
        return CrateSource.read(ctx, r.crate(), r.version(), checksum(locks, r.crate(), r.version()), r.member());
      }
      if (frame instanceof CargoFrame.Vendored v) {
        return vendored(ctx, v, locks);
      }
      return fromGit(ctx, (CargoFrame.GitCheckout) frame, locks);
    });
  }

  private static String checksum(CargoLocks locks, String crate, String version) {
    return locks.first(lock -> lock.checksum(crate, version)).orElse(null);
  }

  /**
   * {@code vendor/<dir>/}: a crate when dir carries a version, or when the lock holds exactly one registry
   * version of the name dir is; otherwise the application's own directory, walked as usual (§12). A crate
   * is the repository's own copy when it commits its vendor directory (under rootPath, then at the root),
   * else the registry's at that version.
   */
  private static Future<SourceFile> vendored(ResolveContext ctx, CargoFrame.Vendored v, CargoLocks locks) {
    Optional<String> version = v.version() != null ? Optional.of(v.version()) : locks.first(lock -> lock.onlyVersion(v.crate()));
    if (version.isEmpty()) {
      return AppPathWalk.localPath(ctx);
    }
    String root = ctx.query().rootPath() == null ? "" : ctx.query().rootPath();
    Future<SourceFile> own = ctx.readUnderRoot(v.vendoredPath());
    Future<SourceFile> copy = root.isEmpty() ? own : Lookups.orElseIfNotFound(own, () -> ctx.readOwn(v.vendoredPath()));
    return Lookups.orElseIfNotFound(copy,
        () -> CrateSource.read(ctx, v.crate(), version.get(), checksum(locks, v.crate(), version.get()), v.member()));
  }

  private static Future<SourceFile> fromGit(ResolveContext ctx, CargoFrame.GitCheckout g, CargoLocks locks) {
    Optional<CargoLock.GitSource> source = locks.first(lock -> lock.gitCheckout(g.repoName(), g.shortSha()));
    if (source.isEmpty()) {
      return Future.failedFuture(RpcException.notFound("the git dependency " + Lookups.shown(g.repoName()) + " at "
          + g.shortSha() + " is in no Cargo.lock; " + locks.read()));
    }
    RepoUrl repo;
    try {
      repo = RepoUrl.parse(source.get().url(), GITHUB);
    } catch (InvalidSourceInput e) {
      return Future.failedFuture(RpcException.notFound("the git dependency " + Lookups.shown(g.repoName())
          + " is not on GitHub; only GitHub repositories are read"));
    }
    String commit = source.get().commit();
    return Lookups.notFoundAs(ctx.reader().githubFile(repo.owner(), repo.repo(), commit, g.path()),
        "Rust git dependency file not found: " + Lookups.shown(g.path()) + " in " + repo.owner() + "/" + repo.repo()
            + " at " + commit);
  }
}
