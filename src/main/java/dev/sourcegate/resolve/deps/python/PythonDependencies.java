package dev.sourcegate.resolve.deps.python;

import dev.sourcegate.resolve.rules.AppPathWalk;
import dev.sourcegate.resolve.rules.Lookups;
import dev.sourcegate.resolve.rules.ResolveContext;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Dependency frames of Python (docs/resolution.md §13), then the application's path walk (§12): the
 * distribution that installs the frame's module ({@link ImportNames}) at the version the repository's lock
 * files pin ({@link PythonLockFiles}), read from the package registry's wheel ({@code RepoRef.pypi}; the
 * fetcher caches it for good).
 *
 * <p>An installed path (site-packages) no lock pins goes to the path walk (a repository may commit its
 * virtualenv), and when that finds nothing the answer names the lock files read. A relative path is the
 * application's own module when the repository has that file as given, as Python's import finds it first
 * (the script's directory leads {@code sys.path}, §9.5 reads the same way); else the locked distribution's;
 * else the rest of the walk.
 */
public final class PythonDependencies {
  private final PythonLockFiles locks;

  public PythonDependencies(PythonLockFiles locks) {
    this.locks = locks;
  }

  /** The frame's file: from its distribution when it is a dependency's, else the application's path walk. */
  public Future<SourceFile> find(ResolveContext ctx) {
    Optional<DependencyFrame> frame = DependencyFrame.of(ctx.localPath());
    if (frame.isEmpty()) {
      return AppPathWalk.localPath(ctx);
    }
    DependencyFrame f = frame.get();
    if (f.installed()) {
      return installed(ctx, f);
    }
    List<String> walk = AppPathWalk.appSuffixes(ctx.localPath());
    String missing = "file not found: " + Lookups.shown(ctx.localPath());
    Future<SourceFile> own = AppPathWalk.firstUnderRoot(ctx, walk.subList(0, 1), missing, 1);
    return Lookups.orElseIfNotFound(own, () -> locks.versions(ctx.query(), ctx.reader()).compose(locked ->
        Lookups.orElseIfNotFound(locked(ctx, f, locked).orElse(Future.failedFuture(RpcException.notFound(missing))),
            () -> AppPathWalk.firstUnderRoot(ctx, walk.subList(1, walk.size()), missing, ctx.lookupWindow()))));
  }

  private Future<SourceFile> installed(ResolveContext ctx, DependencyFrame f) {
    return locks.versions(ctx.query(), ctx.reader()).compose(locked -> locked(ctx, f, locked).map(read ->
            read.recover(t -> RpcException.isNotFound(t)
                ? Future.failedFuture(RpcException.notFound("Python dependency file " + Lookups.shown(f.member())
                    + " not read from " + t.getMessage()))
                : Future.failedFuture(t)))
        .orElseGet(() -> Lookups.orElseIfNotFound(AppPathWalk.localPath(ctx), () -> Future.failedFuture(
            RpcException.notFound("Python dependency " + Lookups.shown(f.member())
                + " is installed but not pinned by any lock file: " + locked.describeRead())))));
  }

  /** The member read from the first candidate distribution a lock pins; empty when none is pinned. */
  private static Optional<Future<SourceFile>> locked(ResolveContext ctx, DependencyFrame f, LockedVersions locked) {
    for (String distribution : ImportNames.candidates(f.member())) {
      Optional<LockedVersions.Pin> pin = locked.of(distribution);
      if (pin.isPresent()) {
        String which = distribution + " " + pin.get().version() + " (pinned by " + pin.get().file() + ")";
        return Optional.of(ctx.reader().file(RepoRef.pypi(distribution), pin.get().version(), f.member())
            .recover(t -> Future.failedFuture(RpcException.isNotFound(t)
                ? RpcException.notFound(which + ": " + t.getMessage()) : t)));
      }
    }
    return Optional.empty();
  }
}
