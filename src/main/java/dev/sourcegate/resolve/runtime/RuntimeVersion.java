package dev.sourcegate.resolve.runtime;

/**
 * A runtime's version and where it came from: the repository path that told it (".nvmrc",
 * "service/pom.xml") or the setting whose default was used ("SOURCEGATE_DEFAULT_NODE"). The version is
 * normalised by {@link VersionText}; it is empty when nothing told it and the runtime has no default
 * (Kotlin, Rust), which the rules read as the runtime repository's default branch.
 */
public record RuntimeVersion(Runtime runtime, String version, String source) {
  public boolean known() {
    return !version.isEmpty();
  }

  /** Major.minor.patch (or JDK 8's "8u392"): a release with a tag of its own. */
  public boolean full() {
    return version.matches("\\d+\\.\\d+\\.\\d+.*") || version.matches("\\d+u\\d+");
  }

  /** The leading number: "21" of "21.0.5", "8" of "8u392". */
  public int major() {
    String digits = version.replaceFirst("^(\\d+).*", "$1");
    return digits.isEmpty() || !Character.isDigit(digits.charAt(0)) ? -1 : Integer.parseInt(digits);
  }

  /** "3.12" of "3.12.4"; the version itself when it has no second number. */
  public String majorMinor() {
    return version.replaceFirst("^(\\d+\\.\\d+).*", "$1");
  }
}
