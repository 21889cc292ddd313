package dev.sourcegate.resolve.runtime;

import java.util.Map;
import java.util.Set;

/**
 * A file that holds only a version: .java-version, .nvmrc, .node-version, .python-version, .ruby-version,
 * and rust-toolchain in its legacy one-line form. The first line that is not a comment counts.
 */
record PlainVersionFile(String fileName, Runtime runtime) implements VersionSource {
  @Override
  public Set<Runtime> tells() {
    return Set.of(runtime);
  }

  @Override
  public Map<Runtime, String> read(String text) {
    return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .findFirst().map(l -> Map.of(runtime, l)).orElse(Map.of());
  }
}
