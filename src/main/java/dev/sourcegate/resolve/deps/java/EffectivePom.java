package dev.sourcegate.resolve.deps.java;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pom with what it inherits and imports applied: its properties (its own over its parent's), the
 * versions its dependency management sets (its own entries, then the BOMs it imports in order, then its
 * parent's: the first that names an artifact wins) and its dependencies (its own, then its parent's),
 * every {@code ${...}} interpolated.
 */
public record EffectivePom(Map<String, String> properties, Map<MavenArtifact, String> managed,
    List<PomFile.Dependency> dependencies) {
  static final EffectivePom NONE = new EffectivePom(Map.of(), Map.of(), List.of());
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]{1,200})}");
  /** ${a} may name ${b}: a few rounds resolve any real chain and stop a cycle. */
  private static final int ROUNDS = 8;

  /** text with every property it names replaced, as far as they are known. */
  static String interpolate(String text, Map<String, String> properties) {
    String out = text;
    for (int round = 0; round < ROUNDS && out.contains("${"); round++) {
      Matcher m = REFERENCE.matcher(out);
      StringBuilder sb = new StringBuilder();
      boolean changed = false;
      while (m.find()) {
        String value = properties.get(m.group(1));
        changed |= value != null;
        m.appendReplacement(sb, Matcher.quoteReplacement(value != null ? value : m.group()));
      }
      m.appendTail(sb);
      out = sb.toString();
      if (!changed) {
        break;
      }
    }
    return out;
  }

  /**
   * An exact version: not a property left unknown, not a range ({@code [1.0,2.0)}), not empty. A SNAPSHOT
   * is exact here; the repository refuses to read it (its files change) and says so.
   */
  static boolean exact(String version) {
    return !version.isEmpty() && !version.contains("${") && !version.startsWith("[") && !version.startsWith("(")
        && !version.contains(",");
  }

  /** The versions this pom pins: each dependency's (written, else managed), then every managed one. */
  Map<MavenArtifact, Pinned> versions() {
    Map<MavenArtifact, Pinned> out = new LinkedHashMap<>();
    for (PomFile.Dependency d : dependencies) {
      MavenArtifact a = new MavenArtifact(d.groupId(), d.artifactId());
      String v = exact(d.version()) ? d.version() : managed.get(a);
      if (v != null && exact(v)) {
        out.putIfAbsent(a, new Pinned(v, true));
      }
    }
    managed.forEach((a, v) -> out.putIfAbsent(a, new Pinned(v, false)));
    return out;
  }

  /** A version and whether the build declares the artifact itself (else only its management names it). */
  record Pinned(String version, boolean declared) {}
}
