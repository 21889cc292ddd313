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
   * at or before nowNanos when it is not known to be. The knowledge is kept until that instant unless
   * dropped by the bound on its size, which {@link #droppedSoFar} tells: a caller may rely on it until
   * then without asking again, as long as that count has not moved.
   * tokenHash: the session's {@code TokenHash} digest, so that no check digests the token again;
   * repoKey: {@code RepoRef.key(owner, repo)}, made once when the answer was cached.
   */
  long knownAllowedUntil(String tokenHash, String repoKey, long nowNanos);

  /**
   * A count that moves whenever knowledge was dropped before its end (by a bound on its size): what was
   * told by {@link #knownAllowedUntil} before it moved may no longer hold until the instant told. Never
   * moves by default (knowledge kept in full until its end).
   */
  default long droppedSoFar() {
    return 0;
  }

  /** Whether the token is known now to be allowed to read the repository. */
  default boolean knownAllowed(String tokenHash, String repoKey) {
    long now = System.nanoTime();
    return knownAllowedUntil(tokenHash, repoKey, now) - now > 0;
  }
}
