package dev.sourcegate.fetch.graphql;

import dev.sourcegate.source.RepoRef;

/** One file the rules may need: path in owner/repo at ref (a branch, tag or commit SHA). */
public record FileLookup(String owner, String repo, String ref, String path) {
  /** The repository as the caches and access checks file it ({@link RepoRef#key}). */
  public String repoKey() {
    return RepoRef.key(owner, repo);
  }
}
