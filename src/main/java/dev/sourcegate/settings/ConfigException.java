package dev.sourcegate.settings;

/**
 * A setting with a bad value; the message names the setting and says what is wrong, never a credential
 * (values are shown through {@link Redact}, and the whole message passes through it once more).
 */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(Redact.text(message), null, false, false);
  }
}
