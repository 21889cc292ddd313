package dev.sourcegate.resolve.runtime;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lowest concrete version a range allows, for package.json's engines.node (npm's semver ranges:
 * "&gt;=18", "^20.11.0", "18.x || 20.x", "&gt;=18 &lt;21") and Python's version specifiers ("&gt;=3.10,&lt;4",
 * "~=3.11", Poetry's "^3.12"). A range names what the code accepts, not what it runs on; its floor is
 * the one version the authors say they support, and a repository with an exact version file says more
 * (those files come first). Upper bounds ("&lt;21") and exclusions ("!=3.9") set no floor and are skipped;
 * "&gt;18" is read as 18, the line the floor lies in. Wildcards end the version ("18.x" is 18).
 */
final class VersionRanges {
  /** A comparator (or none) and the version it applies to. */
  private static final Pattern BOUND = Pattern.compile("(>=|<=|~=|==|!=|===|>|<|\\^|~|=)?\\s*v?(\\d+(?:\\.\\d+){0,2})");

  private VersionRanges() {}

  static Optional<String> lowest(String range) {
    return Arrays.stream(range.split("\\|\\|"))
        .map(VersionRanges::floorOf)
        .flatMap(Optional::stream)
        .min(Comparator.comparing(VersionRanges::numbers, Arrays::compare));
  }

  private static Optional<String> floorOf(String alternative) {
    Matcher m = BOUND.matcher(alternative);
    while (m.find()) {
      String op = m.group(1) == null ? "" : m.group(1);
      if (!op.startsWith("<") && !op.equals("!=")) {
        return Optional.of(m.group(2));
      }
    }
    return Optional.empty();
  }

  private static int[] numbers(String version) {
    return Arrays.stream(version.split("\\.")).mapToInt(Integer::parseInt).toArray();
  }
}
