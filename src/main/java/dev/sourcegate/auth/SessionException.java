package dev.sourcegate.auth;

/** A session cookie or token that cannot be used; the message is safe to show (it holds no secret). */
public final class SessionException extends RuntimeException {
  private final boolean decrypted;

  public SessionException(String message) {
    this(message, false);
  }

  private SessionException(String message, boolean decrypted) {
    super(message, null, false, false);
    this.decrypted = decrypted;
  }

  /**
   * A token that decrypted with the session secret yet cannot be used: only a holder of the secret could
   * have sealed it, so it is worth a log line, unlike the garbage any client can send.
   */
  static SessionException unusableToken(String message) {
    return new SessionException(message, true);
  }

  public boolean decrypted() {
    return decrypted;
  }
}
