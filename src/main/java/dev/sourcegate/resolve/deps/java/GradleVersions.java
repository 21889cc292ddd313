package dev.sourcegate.resolve.deps.java;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.sourcegate.resolve.runtime.Toml;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gradle's two files that name exact versions. {@code gradle.lockfile} (dependency locking) lists every
 * resolved module, transitive ones included, one per line: {@code group:artifact:version=configurations}.
 * A version catalog ({@code gradle/libs.versions.toml}) names libraries as {@code "g:a:v"}, or a table with
 * {@code module = "g:a"} (or {@code group} and {@code name}) and {@code version} (a string,
 * {@code version.ref} into {@code [versions]}, or a rich version's {@code strictly}, {@code require} or
 * {@code prefer}). A file that does not parse tells nothing.
 */
final class GradleVersions {
  private GradleVersions() {}

  static Map<MavenArtifact, String> lockfile(String text) {
    Map<MavenArtifact, String> out = new LinkedHashMap<>();
    for (String raw : text.split("\r?\n")) {
      String line = raw.strip();
      int eq = line.indexOf('=');
      if (line.isEmpty() || line.startsWith("#") || eq < 0) {
        continue;
      }
      String[] gav = line.substring(0, eq).split(":");
      if (gav.length == 3 && !gav[0].isEmpty() && !gav[1].isEmpty() && EffectivePom.exact(gav[2])) {
        out.putIfAbsent(new MavenArtifact(gav[0], gav[1]), gav[2]);
      }
    }
    return out;
  }

  static Map<MavenArtifact, String> catalog(String text) {
    Map<MavenArtifact, String> out = new LinkedHashMap<>();
    JsonNode root = Toml.parse(text);
    JsonNode versions = root.path("versions");
    Iterator<Map.Entry<String, JsonNode>> libraries = root.path("libraries").fields();
    while (libraries.hasNext()) {
      JsonNode lib = libraries.next().getValue();
      String group;
      String name;
      String version;
      if (lib.isTextual()) {
        String[] gav = lib.asText().split(":");
        if (gav.length != 3) {
          continue;
        }
        group = gav[0];
        name = gav[1];
        version = gav[2];
      } else {
        String[] module = lib.path("module").asText("").split(":");
        group = module.length == 2 ? module[0] : lib.path("group").asText("");
        name = module.length == 2 ? module[1] : lib.path("name").asText("");
        version = version(lib.path("version"), versions);
      }
      if (!group.isEmpty() && !name.isEmpty() && EffectivePom.exact(version)) {
        out.putIfAbsent(new MavenArtifact(group, name), version);
      }
    }
    return out;
  }

  /** A catalog version: a string, a reference into [versions], or a rich version (the one it resolves to). */
  private static String version(JsonNode v, JsonNode versions) {
    if (v.isTextual()) {
      return v.asText();
    }
    if (v.has("ref")) { // [versions] entries do not refer to each other
      return version(versions.path(v.path("ref").asText("")), MissingNode.getInstance());
    }
    for (String field : new String[] {"strictly", "require", "prefer"}) {
      if (v.path(field).isTextual()) {
        return v.path(field).asText();
      }
    }
    return "";
  }
}
