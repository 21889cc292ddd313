package dev.sourcegate.fetch;

import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;

/**
 * A file of a GitHub repository read the normal way (the fetcher's cache, coalescing and access checks,
 * GraphQL or REST), on behalf of the call a provider serves: how a package registry's provider learns
 * whether the package's own repository holds a file, to link to it.
 */
@FunctionalInterface
public interface GitHubFiles {
  Future<SourceFile> file(ProviderCall call, RepoRef repository, String ref, String path);
}
