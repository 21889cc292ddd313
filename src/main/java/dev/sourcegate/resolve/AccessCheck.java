package dev.sourcegate.resolve;

/**
 * Whether a token is known, without asking GitHub, to be allowed to read a repository (it is public, or
 * GitHub served this token content of it a short while ago). The fetcher keeps that knowledge.
 */
@FunctionalInterface
public interface AccessCheck {
  boolean knownAllowed(String token, String owner, String repo);
}
