package dev.sourcegate.resolve.deps.node;

import dev.sourcegate.resolve.rules.ResolveContext;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.NpmNames;
import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;

/**
 * Frames in installed npm packages (docs/resolution.md, Node.js dependencies): the innermost
 * {@code node_modules/<name>/} or {@code node_modules/@scope/name/} of the path names the package; its
 * version comes from pnpm's store directory when the path is in it, else from the repository's lock
 * files; the file is read from the npm registry at that version.
 */
public final class NodeDependencies {
  private final NodeLockFiles lockFiles;

  public NodeDependencies(Duration refTtl) {
    this.lockFiles = new NodeLockFiles(refTtl);
  }

  /** The package frame of a path, when it is in node_modules and names a valid package. */
  public Optional<NodeFrame> recognise(String localPath) {
    return NodeFrame.parse(localPath).filter(f -> NpmNames.valid(f.name()));
  }

  public Future<SourceFile> read(ResolveContext ctx, NodeFrame frame) {
    if (frame.storeVersion() != null && NpmNames.validVersion(frame.storeVersion())) {
      return fromRegistry(ctx, frame, frame.storeVersion());
    }
    return lockFiles.locks(ctx.query(), ctx.reader()).compose(locks -> locks.whoKnows(frame)
        .map(found -> fromRegistry(ctx, frame, found.lock().version(frame).orElseThrow()))
        .orElseGet(() -> Future.failedFuture(RpcException.notFound(locks.missing(frame)))));
  }

  private static Future<SourceFile> fromRegistry(ResolveContext ctx, NodeFrame frame, String version) {
    return ctx.reader().file(RepoRef.npm(frame.name()), version, frame.member());
  }
}
