package dev.sourcegate.resolve;

import dev.sourcegate.bus.Messages.FileAt;
import dev.sourcegate.resolve.rules.FileQuery;
import dev.sourcegate.resolve.rules.SourceReader;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.FileTree;
import dev.sourcegate.source.PathGuard;
import dev.sourcegate.source.PyroscopeConfig;
import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A reader for a dry run of the rules: every file is missing, at once, and every GitHub file asked is
 * noted. The rules try their candidates in order until one is found, so a run where nothing is found
 * lists every candidate they could need (mapping candidates, the standard-library file, each step of
 * the path walk, go.mod, a module's file in its own repository, the runtime's version files, lock
 * files), without a second copy of any rule. Its .pyroscope.yaml is the one it is given (the
 * repository's last known, or none), and the real file's path is noted too. The files whose content
 * steers the rules (go.mod, lock files) and Go vanity pages are answered with what the real rules last
 * read of them ({@link LastKnownContent}), so the file they point to is listed too; the read itself is
 * still noted, so the real run's read of the steering file is in the batch. It is {@link #speculative}:
 * the rules' caches keep nothing learnt through it. Used by one request on one event loop.
 */
final class DryRunReader implements SourceReader {
  private static final String CONFIG_FILE = ".pyroscope.yaml";

  private final PyroscopeConfig lastKnownConfig;
  private final String callerKey;
  private final FileQuery query;
  private final LastKnownContent lastKnown;
  private final Set<FileAt> asked = new LinkedHashSet<>();

  /** q: the request the dry run is of (its own steering files are the ones answered from lastKnown). */
  DryRunReader(PyroscopeConfig lastKnownConfig, String callerKey, FileQuery q, LastKnownContent lastKnown) {
    this.lastKnownConfig = lastKnownConfig;
    this.callerKey = callerKey;
    this.query = q;
    this.lastKnown = lastKnown;
  }

  /** The GitHub files the rules asked for, first asked first, each once. */
  List<FileAt> asked() {
    return List.copyOf(asked);
  }

  @Override
  public Future<SourceFile> githubFile(String owner, String repo, String ref, String path) {
    return file(RepoRef.github(owner, repo), ref, path);
  }

  @Override
  public Future<SourceFile> googleSourceFile(String project, String ref, String path) {
    return missing();
  }

  /**
   * Noted as the real read would send it (the path normalised, the ref checked); a read it refuses is not
   * noted, and answered missing. A steering file's answer is its last known content, if any.
   */
  @Override
  public Future<SourceFile> file(RepoRef where, String ref, String path) {
    if (RepoRef.GITHUB.equals(where.host())) {
      try {
        CheckedInput.ref(ref);
        asked.add(new FileAt(where, ref, PathGuard.normalize(CheckedInput.path("path", path))));
      } catch (RuntimeException refused) {
        // the real read refuses it too, before anything leaves
        return missing();
      }
      SourceFile known = lastKnown.file(query, callerKey, where, ref, path);
      if (known != null) {
        return Future.succeededFuture(known);
      }
    }
    return missing();
  }

  /** No tree: the rules go on as they do for a reader without trees. */
  @Override
  public Future<FileTree> githubTree(String owner, String repo, String ref) {
    return Future.failedFuture(new RpcException(Code.UNIMPLEMENTED, "a dry run has no file trees"));
  }

  /** A dry run reads no pages: the one last read for the import path, if any, else missing. */
  @Override
  public Future<String> goGetPage(String importPath) {
    String known = lastKnown.page(importPath);
    return known != null ? Future.succeededFuture(known)
        : Future.failedFuture(RpcException.notFound("a dry run reads no pages"));
  }

  /** The config-loader reads {@code <rootPath>/.pyroscope.yaml} as given; noted under that same path. */
  @Override
  public Future<PyroscopeConfig> pyroscopeConfig(String owner, String repo, String ref, String rootPath) {
    try {
      CheckedInput.ref(ref);
      asked.add(new FileAt(RepoRef.github(owner, repo), ref, PathGuard.join(rootPath, CONFIG_FILE)));
    } catch (RuntimeException refused) {
      // not noted: the config-loader's read is refused the same way
    }
    return Future.succeededFuture(lastKnownConfig);
  }

  @Override
  public String callerKey() {
    return callerKey;
  }

  @Override
  public boolean speculative() {
    return true;
  }

  private static <T> Future<T> missing() {
    return Future.failedFuture(RpcException.notFound("a dry run finds nothing"));
  }
}
