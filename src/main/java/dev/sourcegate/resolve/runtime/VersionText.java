package dev.sourcegate.resolve.runtime;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the many ways a version is written into one form per runtime. Vendor prefixes and build suffixes
 * go ("temurin-21.0.5+11" is 21.0.5, "ruby-3.3.0" is 3.3.0, "v20.11.1" is 20.11.1); the legacy JDK
 * spellings become the feature release ("1.8" is 8, "1.8.0_392" is 8u392). Names that are not numbers
 * ("lts/iron", "system", "stable") tell nothing, except for Rust whose channel names are refs of their own.
 */
public final class VersionText {
  private static final Pattern NUMBERS = Pattern.compile("(\\d+(?:\\.\\d+){0,2})(?:_(\\d+))?");

  /** "8u392", "jdk8u392-b08": JDK 8's own way of naming an update release. */
  private static final Pattern JDK8_UPDATE = Pattern.compile("(?<!\\d)(8)u(\\d+)");

  private VersionText() {}

  public static Optional<String> normalize(Runtime runtime, String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String text = raw.strip();
    Matcher legacy = JDK8_UPDATE.matcher(text);
    if (runtime == Runtime.JDK && legacy.find()) {
      return Optional.of(legacy.group(1) + "u" + legacy.group(2));
    }
    if (runtime == Runtime.RUST) {
      return text.matches("[A-Za-z0-9._-]{1,64}") ? Optional.of(text) : Optional.empty();
    }
    Matcher m = NUMBERS.matcher(text);
    if (!m.find()) {
      return Optional.empty();
    }
    String version = m.group(1);
    if (runtime == Runtime.JDK) {
      return jdk(version, m.group(2));
    }
    return Optional.of(version);
  }

  private static Optional<String> jdk(String version, String update) {
    if (version.startsWith("1.")) {
      String[] parts = version.split("\\.");
      String major = parts[1];
      return Optional.of(update != null ? major + "u" + update : major);
    }
    String[] parts = version.split("\\.");
    if (parts.length == 3 && parts[0].equals("8")) {
      return Optional.of("8u" + parts[2]); // SDKMAN's and Corretto's "8.0.392" is update 392 of JDK 8
    }
    if (parts.length == 2) {
      return Optional.of(parts[0]); // "17.0" names no update release
    }
    return Optional.of(version);
  }
}
