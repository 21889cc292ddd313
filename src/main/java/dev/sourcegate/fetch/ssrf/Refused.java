package dev.sourcegate.fetch.ssrf;

/**
 * A look-up this package would not make. The message is for the gateway's log only (it may name a
 * resolved internal address); callers answer with their own generic message.
 */
public final class Refused extends RuntimeException {
  public Refused(String reason) {
    super(reason, null, false, false);
  }

  public String reason() {
    return getMessage();
  }
}
