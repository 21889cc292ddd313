package dev.sourcegate.settings;

import java.util.regex.Pattern;

/**
 * Keeps credentials out of messages and logs: the userinfo of URLs (http://user:password@host), query
 * parameters named like a password or token, and the whole value of a secret setting. A setting's value
 * is redacted before it is shortened, so that a cut never leaves half a password behind.
 */
public final class Redact {
  static final String HIDDEN = "(hidden)";
  private static final int MAX_SHOWN = 80;
  /** In free text a URL ends at whitespace; greedy, so a password holding '@' is hidden up to the last one. */
  private static final Pattern USERINFO_IN_TEXT = Pattern.compile("([A-Za-z][A-Za-z0-9+.\\-]*://)[^/?#\\s]*@");
  /** One setting's value is one URL, even when a space in its password keeps it from parsing. */
  private static final Pattern USERINFO_IN_VALUE = Pattern.compile("([A-Za-z][A-Za-z0-9+.\\-]*://)[^/?#]*@");
  private static final Pattern SECRET_PARAMETER = Pattern.compile(
      "(?i)([?&;][^=&#\\s]*(?:pass|pwd|secret|token|auth|key)[^=&#\\s]*=)[^&#\\s]*");
  private static final Pattern SECRET_NAME = Pattern.compile("SECRET|PASSWORD|TOKEN|PRIVATE_KEY");

  private Redact() {}

  /** Whether a setting's value must never be shown at all (GITHUB_CLIENT_SECRET, GITHUB_SESSION_SECRET). */
  public static boolean isSecret(Setting s) {
    return SECRET_NAME.matcher(s.envName()).find();
  }

  /** The text with the credentials of every URL in it replaced by ***. */
  public static String text(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = USERINFO_IN_TEXT.matcher(text).replaceAll("$1***@");
    return SECRET_PARAMETER.matcher(out).replaceAll("$1***");
  }

  /** How a message may show a setting's value: hidden for a secret, else without credentials and short. */
  public static String value(Setting s, String value) {
    if (isSecret(s)) {
      return HIDDEN;
    }
    String out = text(USERINFO_IN_VALUE.matcher(value).replaceAll("$1***@"));
    return out.length() > MAX_SHOWN ? out.substring(0, MAX_SHOWN) + "..." : out;
  }
}
