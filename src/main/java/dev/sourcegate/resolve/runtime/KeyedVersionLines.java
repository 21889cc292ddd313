package dev.sourcegate.resolve.runtime;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A file of "tool version" lines naming several runtimes: .tool-versions (asdf, mise: {@code nodejs 20.11.1},
 * space-separated, the first version listed is the one in use) and .sdkmanrc ({@code java=21.0.5-tem}).
 */
record KeyedVersionLines(String fileName, String separator, Map<String, Runtime> tools) implements VersionSource {
  static KeyedVersionLines toolVersions() {
    return new KeyedVersionLines(".tool-versions", "\\s+", Map.of("java", Runtime.JDK, "kotlin", Runtime.KOTLIN,
        "nodejs", Runtime.NODE, "node", Runtime.NODE, "python", Runtime.PYTHON, "ruby", Runtime.RUBY,
        "rust", Runtime.RUST));
  }

  static KeyedVersionLines sdkmanrc() {
    return new KeyedVersionLines(".sdkmanrc", "\\s*=\\s*", Map.of("java", Runtime.JDK, "kotlin", Runtime.KOTLIN));
  }

  @Override
  public Set<Runtime> tells() {
    return Set.copyOf(tools.values());
  }

  @Override
  public Map<Runtime, String> read(String text) {
    Map<Runtime, String> found = new HashMap<>();
    text.lines().map(l -> l.replaceFirst("#.*", "").strip()).filter(l -> !l.isEmpty()).forEach(line -> {
      String[] parts = line.split(separator, 3);
      Runtime r = tools.get(parts[0]);
      if (r != null && parts.length > 1 && !parts[1].isEmpty()) {
        found.putIfAbsent(r, parts[1]);
      }
    });
    return found;
  }
}
