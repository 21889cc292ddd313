package dev.sourcegate.auth;

/** A session cookie or token that cannot be used; the message is safe to show (it holds no secret). */
public final class SessionException extends RuntimeException {
  public SessionException(String message) {
    super(message, null, false, false);
  }
}
