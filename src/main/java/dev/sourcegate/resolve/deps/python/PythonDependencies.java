package dev.sourcegate.resolve.deps.python;

import dev.sourcegate.resolve.rules.Lookups;
import dev.sourcegate.resolve.rules.ResolveContext;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Dependency frames of Python (docs/resolution.md §13): the distribution that installs the frame's module
 * ({@link ImportNames}) at the version the repository's lock files pin ({@link PythonLockFiles}), read
 * from the package registry's wheel ({@code RepoRef.pypi}; the fetcher caches it for good). An installed
 * path (site-packages) whose distribution no lock pins is not_found, naming the lock files read; a
 * relative path whose import name no lock pins, or whose member the wheel lacks, is not (known to be) a
 * dependency's, and the next rule gets it.
 */
public final class PythonDependencies {
  private final PythonLockFiles locks;

  public PythonDependencies(PythonLockFiles locks) {
    this.locks = locks;
  }

  /** The frame's file from its distribution, or otherwise's answer when the frame is not a dependency's. */
  public Future<SourceFile> find(ResolveContext ctx, Supplier<Future<SourceFile>> otherwise) {
    Optional<DependencyFrame> frame = DependencyFrame.of(ctx.localPath());
    if (frame.isEmpty()) {
      return otherwise.get();
    }
    DependencyFrame f = frame.get();
    return locks.versions(ctx.query(), ctx.reader()).compose(locked -> {
      for (String distribution : ImportNames.candidates(f.member())) {
        Optional<LockedVersions.Pin> pin = locked.of(distribution);
        if (pin.isPresent()) {
          String version = pin.get().version();
          String which = distribution + " " + version + " (pinned by " + pin.get().file() + ")";
          Future<SourceFile> read = ctx.reader().file(RepoRef.pypi(distribution), version, f.member());
          if (!f.installed()) {
            // an application module named like a dependency (a relative path says nothing of where it lives)
            return Lookups.orElseIfNotFound(read, otherwise);
          }
          return read.recover(t -> RpcException.isNotFound(t)
              ? Future.failedFuture(RpcException.notFound("Python dependency file " + Lookups.shown(f.member())
                  + " not read from " + which + ": " + t.getMessage()))
              : Future.failedFuture(t));
        }
      }
      if (!f.installed()) {
        return otherwise.get();
      }
      return Future.failedFuture(RpcException.notFound("Python dependency " + Lookups.shown(f.member())
          + " is installed but not pinned by any lock file: " + locked.describeRead()));
    });
  }
}
