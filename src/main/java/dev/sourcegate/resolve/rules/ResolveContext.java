package dev.sourcegate.resolve.rules;

import dev.sourcegate.source.PathGuard;
import dev.sourcegate.source.SourceFile;

import dev.sourcegate.source.MappingMatch;
import dev.sourcegate.source.PyroscopeConfig;
import io.vertx.core.Future;
import java.util.List;

/**
 * Everything one GetFile resolution works with: the request, the reader bound to the caller, the
 * repository's .pyroscope.yaml, the mappings that matched the request (highest score first), and how many
 * reads of a chain of guesses may be in flight at once (lookupWindow, at least 1).
 */
public record ResolveContext(
    FileQuery query, SourceReader reader, PyroscopeConfig config, List<MappingMatch> matches, int lookupWindow) {

  public ResolveContext {
    matches = List.copyOf(matches);
    lookupWindow = Math.max(1, lookupWindow);
  }

  public String localPath() {
    return query.localPath() == null ? "" : query.localPath();
  }

  /** A path of the request's repository at the request's ref, as given (relative to the repository root). */
  public Future<SourceFile> readOwn(String path) {
    return reader.githubFile(query.owner(), query.repo(), query.ref(), path);
  }

  /** A path relative to the service's root (rootPath) of the request's repository. */
  public Future<SourceFile> readUnderRoot(String path) {
    return readOwn(PathGuard.join(query.rootPath() == null ? "" : query.rootPath(), path));
  }
}
