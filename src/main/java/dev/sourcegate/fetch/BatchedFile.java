package dev.sourcegate.fetch;

import dev.sourcegate.fetch.graphql.RootListing;
import dev.sourcegate.source.SourceFile;

/**
 * What a provider's batched read learnt about one file: the commit its ref names (null when the ref
 * names no commit the host shows), whether the caller's token could read the repository (the host
 * answered it, so the access is known), and the file, or that there is no such file at the ref. Neither
 * file nor missing: the batch cannot tell, and a single read must ask. root: the top of that commit's
 * tree when the same answer gave it whole (null otherwise), so later look-ups at the commit that cannot
 * exist need not be asked.
 */
record BatchedFile(String commitSha, boolean readable, SourceFile file, boolean missing, RootListing root) {
  static BatchedFile unknown() {
    return new BatchedFile(null, false, null, false, null);
  }

  /** The host said whether the file exists, to a token that may read the repository. */
  boolean answered() {
    return readable && (file != null || missing);
  }
}
