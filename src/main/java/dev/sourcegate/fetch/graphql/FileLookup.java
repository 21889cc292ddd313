package dev.sourcegate.fetch.graphql;

import java.util.List;

/** One file the rules may need: path in owner/repo at ref (a branch, tag or commit SHA). */
public record FileLookup(String owner, String repo, String ref, String path) implements Lookup {
  @Override
  public Object sameAsKey() {
    return List.of("path", repoKey(), ref, path);
  }
}
