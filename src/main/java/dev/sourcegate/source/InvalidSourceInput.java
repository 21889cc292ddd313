package dev.sourcegate.source;

/**
 * A value refused by {@link RepoUrl} or {@link PathGuard}, with a message that names the field and the
 * problem and is safe to show as it is. It is its own type, not the RPC layer's error, so that this package
 * needs nothing of ours; the resolver answers it as invalid_argument. It has no stack trace: it is an
 * answer about the input, not a bug.
 */
public final class InvalidSourceInput extends RuntimeException {
  public InvalidSourceInput(String message) {
    super(message, null, false, false);
  }
}
