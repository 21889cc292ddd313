package dev.sourcegate.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of one setting's text. A bad value adds an error naming the setting (its value redacted when
 * secret) and yields a stand-in, so that one start-up reports every wrong setting instead of the first.
 */
record SettingValues(Map<Setting, String> raw, List<String> errors) {
  int integer(Setting s, int min, int max) {
    long n = longValue(s, min, max);
    return n < min || n > max ? min : (int) n;
  }

  long longValue(Setting s, long min, long max) {
    String text = raw.get(s);
    try {
      long n = Long.parseLong(text);
      if (n < min || n > max) {
        errors.add(s.label() + ": " + n + " is outside " + min + ".." + max);
      }
      return n;
    } catch (NumberFormatException e) {
      errors.add(s.label() + ": \"" + Redact.value(s, text) + "\" is not a whole number");
      return min;
    }
  }

  /** Empty (off) or redis://[user:pass@]host[:port][/db] (rediss:// for TLS). */
  String redisUrl(Setting s) {
    String text = raw.get(s);
    if (text.isEmpty()) {
      return "";
    }
    try {
      URI uri = new URI(text);
      if (!("redis".equalsIgnoreCase(uri.getScheme()) || "rediss".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
        errors.add(s.label() + ": expected redis://host:port or rediss://host:port");
      }
    } catch (URISyntaxException e) {
      errors.add(s.label() + ": not a URL");
    }
    return text;
  }

  /** A value that must match {@code regex} whole; {@code expected} says in the message what would. */
  String matching(Setting s, String regex, String expected) {
    String text = raw.get(s);
    if (!text.matches(regex)) {
      errors.add(s.label() + ": \"" + Redact.value(s, text) + "\" is not " + expected);
    }
    return text;
  }

  boolean bool(Setting s) {
    String text = raw.get(s);
    if (text.equalsIgnoreCase("true")) {
      return true;
    }
    if (!text.equalsIgnoreCase("false")) {
      errors.add(s.label() + ": \"" + Redact.value(s, text) + "\" is neither true nor false");
    }
    return false;
  }

  URI url(Setting s) {
    String text = raw.get(s);
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme();
      if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
        errors.add(s.label() + ": \"" + Redact.value(s, text) + "\" is not an http(s) URL with a host");
        return null;
      }
      return uri;
    } catch (URISyntaxException e) {
      errors.add(s.label() + ": \"" + Redact.value(s, text) + "\" is not a URL");
      return null;
    }
  }
}
