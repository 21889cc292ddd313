package dev.sourcegate.config;

/** A setting with a bad value; the message names the setting and says what is wrong. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message, null, false, false);
  }
}
