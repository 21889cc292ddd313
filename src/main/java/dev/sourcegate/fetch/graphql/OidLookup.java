package dev.sourcegate.fetch.graphql;

import java.util.List;

/**
 * A blob's bytes by its oid in owner/repo ({@code object(oid:)}): for a file whose look-up asked only its
 * oid and found one whose bytes are not held. Asked inside the repository the file's answer named, so
 * only a token that can read that repository gets them.
 */
public record OidLookup(String owner, String repo, String oid) implements Lookup {
  @Override
  public Object sameAsKey() {
    return List.of("oid", repoKey(), oid);
  }
}
