package dev.sourcegate.resolve;

/**
 * Whether a token is known, without asking GitHub, to be allowed to read a repository (it is public, or
 * GitHub served this token content of it a short while ago). The fetcher keeps that knowledge.
 */
@FunctionalInterface
public interface AccessCheck {
  /**
   * tokenHash: the session's {@code TokenHash} digest, so that no check digests the token again;
   * repoKey: {@code RepoRef.key(owner, repo)}, made once when the answer was cached.
   */
  boolean knownAllowed(String tokenHash, String repoKey);
}
