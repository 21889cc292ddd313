package dev.sourcegate.resolve.runtime;

import dev.sourcegate.resolve.rules.Lookups;
import dev.sourcegate.resolve.rules.SourceReader;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import java.util.List;

/**
 * Where a runtime frame's source lives: a runtime repository, a ref, and the paths it may have, best
 * first (the JDK's share/ directory before unix/, Kotlin's common sources before the JVM ones). The first
 * path found is the answer; when none is, NOT_FOUND naming the repository and ref, never a file of
 * another repository (docs/resolution.md §3.3).
 */
public record RuntimeFile(String owner, String repo, String ref, List<String> paths) {
  /** Two candidates in flight at once: most frames are found at the first, the rest mostly at the second. */
  private static final int WINDOW = 2;

  public RuntimeFile {
    paths = List.copyOf(paths);
  }

  public Future<SourceFile> read(SourceReader reader) {
    return Lookups.firstFoundSpeculatively(paths, p -> reader.githubFile(owner, repo, ref, p),
        () -> RpcException.notFound("runtime source not found: " + Lookups.shown(paths.isEmpty() ? "" : paths.get(0))
            + " in " + owner + "/" + repo + " at " + ref),
        WINDOW);
  }
}
