package dev.sourcegate.resolve.deps.java;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a repository's build files pin at one ref: each artifact's exact version, the file that pinned it
 * and whether the build declares it (a dependency, a lockfile or catalog entry) or only manages it (a
 * {@code <dependencyManagement>} or imported BOM entry, which sets the version of a transitive
 * dependency); plus the files looked for and the ones found, for a message that says where a version was
 * expected.
 */
public record LockedArtifacts(Map<MavenArtifact, Pin> pins, List<String> tried, List<String> found) {
  /** Candidate artifacts checked for one class at most: a BOM manages hundreds. */
  static final int MAX_CANDIDATES = 40;

  public record Pin(MavenArtifact artifact, String version, String file, boolean declared) {
    @Override
    public String toString() {
      return artifact + ":" + version;
    }
  }

  public LockedArtifacts {
    pins = Map.copyOf(pins);
    tried = List.copyOf(tried);
    found = List.copyOf(found);
  }

  /**
   * The pinned artifacts whose groupId is the package or a parent of it, most likely first: declared ones
   * before managed ones, the longest groupId first, then those whose artifactId names more of the
   * package's segments ({@code org.springframework.web.servlet}: {@code spring-web} and
   * {@code spring-webmvc} name "web"), then by name. After them, the artifacts whose groupId's parent holds
   * the package ({@link MavenArtifact#groupParentHolds}: guava, jackson), in the same order.
   */
  public List<Pin> candidates(String packageName) {
    List<Pin> out = new ArrayList<>();
    for (Pin p : pins.values()) {
      if (p.artifact().groupHolds(packageName) || p.artifact().groupParentHolds(packageName)) {
        out.add(p);
      }
    }
    out.sort(Comparator.comparing((Pin p) -> !p.artifact().groupHolds(packageName))
        .thenComparing(p -> !p.declared())
        .thenComparing(p -> -p.artifact().groupId().length())
        .thenComparing(p -> -named(p.artifact(), packageName))
        .thenComparing(p -> p.artifact().toString()));
    return out.size() > MAX_CANDIDATES ? List.copyOf(out.subList(0, MAX_CANDIDATES)) : out;
  }

  private static int named(MavenArtifact a, String packageName) {
    String artifact = a.artifactId().toLowerCase(Locale.ROOT);
    int n = 0;
    for (String segment : packageName.split("\\.")) {
      if (!segment.isEmpty() && artifact.contains(segment.toLowerCase(Locale.ROOT))) {
        n++;
      }
    }
    return n;
  }

  /** The memory the answer holds, roughly: a pin with its strings some 250 bytes. */
  int weight() {
    long w = 256L + pins.size() * 256L;
    for (String t : tried) {
      w += t.length() * 2L + 48;
    }
    return (int) Math.min(Integer.MAX_VALUE, w);
  }

  /** "build files read: pom.xml, gradle.lockfile", or which names were looked for. */
  public String describeRead() {
    if (!found.isEmpty()) {
      return "build files read: " + String.join(", ", found);
    }
    List<String> names = tried.stream().distinct().toList();
    return "no build file was found (looked for " + String.join(", ", names) + ")";
  }
}
