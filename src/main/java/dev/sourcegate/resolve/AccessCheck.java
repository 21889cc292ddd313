package dev.sourcegate.resolve;

/**
 * Whether a token is known, without asking GitHub, to be allowed to read a repository (it is public, or
 * GitHub served this token content of it a short while ago), and until when that knowledge holds. The
 * fetcher keeps that knowledge.
 */
@FunctionalInterface
public interface AccessCheck {
  /**
   * The System.nanoTime() instant until which the token is known to be allowed to read the repository;
   * at or before nowNanos when it is not known to be. The knowledge is never dropped before that instant
   * but by the bound on its size, so a caller may rely on it until then without asking again.
   * tokenHash: the session's {@code TokenHash} digest, so that no check digests the token again;
   * repoKey: {@code RepoRef.key(owner, repo)}, made once when the answer was cached.
   */
  long knownAllowedUntil(String tokenHash, String repoKey, long nowNanos);

  /** Whether the token is known now to be allowed to read the repository. */
  default boolean knownAllowed(String tokenHash, String repoKey) {
    long now = System.nanoTime();
    return knownAllowedUntil(tokenHash, repoKey, now) - now > 0;
  }
}
