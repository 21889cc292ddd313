package dev.sourcegate.resolve.deps.python;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a repository's Python lock files say at one ref: each distribution's (PEP 503 name) exact version
 * and the file that said it, plus the files that were looked for and the ones found, for a message that
 * tells a person where a version was expected.
 */
public record LockedVersions(Map<String, Pin> pins, List<String> tried, List<String> found) {
  /** One distribution's version and the lock file (a path in the repository) that pins it. */
  public record Pin(String version, String file) {}

  public LockedVersions {
    pins = Map.copyOf(pins);
    tried = List.copyOf(tried);
    found = List.copyOf(found);
  }

  public Optional<Pin> of(String normalisedName) {
    return Optional.ofNullable(pins.get(normalisedName));
  }

  /** "lock files read: uv.lock, requirements.txt", or which names were looked for (short: no directories). */
  public String describeRead() {
    if (!found.isEmpty()) {
      return "lock files read: " + String.join(", ", found);
    }
    List<String> names = tried.stream().map(p -> p.substring(p.lastIndexOf('/') + 1)).distinct().toList();
    boolean underRoot = tried.stream().anyMatch(p -> p.contains("/"));
    return "no lock file was found (looked for " + String.join(", ", names) + (underRoot ? " under rootPath and" : " at")
        + " the repository root)";
  }
}
