package dev.sourcegate.fetch.graphql;

import dev.sourcegate.source.RepoRef;

/** One blob a {@link BlobQuery} asks inside a repository: a file at a ref ({@link FileLookup}) or a blob by its oid ({@link OidLookup}). */
public sealed interface Lookup permits FileLookup, OidLookup {
  String owner();

  String repo();

  /** The repository as the caches and access checks file it ({@link RepoRef#key}). */
  default String repoKey() {
    return RepoRef.key(owner(), repo());
  }

  /** Two look-ups with the same key ask the same thing of GitHub, so one query asks it once. */
  Object sameAsKey();
}
