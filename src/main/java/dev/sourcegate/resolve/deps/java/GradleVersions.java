package dev.sourcegate.resolve.deps.java;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.sourcegate.resolve.runtime.Toml;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gradle's two files that name exact versions. {@code gradle.lockfile} (dependency locking) lists every
 * resolved module, transitive ones included, one per line: {@code group:artifact:version=configurations}.
 * A version catalog ({@code gradle/libs.versions.toml}) names libraries as {@code "g:a:v"}, or a table with
 * {@code module = "g:a"} (or {@code group} and {@code name}) and {@code version} (a string,
 * {@code version.ref} into {@code [versions]}, or a rich version's {@code strictly}, {@code require} or
 * {@code prefer}). A build script ({@code build.gradle.kts}, {@code build.gradle}) is a program: only the
 * coordinates it spells out as strings are read. A file that does not parse tells nothing.
 */
final class GradleVersions {
  private static final String BOOT_PLUGIN = "org.springframework.boot";
  private static final Pattern COORDINATES = Pattern.compile(
      "[\"']([A-Za-z0-9_][A-Za-z0-9_.-]*):([A-Za-z0-9_][A-Za-z0-9_.-]*):([0-9][A-Za-z0-9_.+-]*)[\"']");
  private static final Pattern BOOT_IN_SCRIPT = Pattern.compile(
      "id\\s*\\(?\\s*[\"']org\\.springframework\\.boot[\"']\\s*\\)?\\s*version\\s*[\"']([^\"'$]+)[\"']");
  private static final Pattern COMMENTS = Pattern.compile("//[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);

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

  /**
   * A Gradle build script's coordinates written as string literals, {@code "group:artifact:version"}
   * ({@code implementation("org.slf4j:slf4j-api:2.0.12")}, {@code platform('g:a:v')}); a version that is an
   * expression ({@code $springVersion}) pins nothing. Scripts are programs: this reads what they spell out.
   */
  static Map<MavenArtifact, String> script(String text) {
    Map<MavenArtifact, String> out = new LinkedHashMap<>();
    Matcher m = COORDINATES.matcher(COMMENTS.matcher(text).replaceAll(" "));
    while (m.find()) {
      if (EffectivePom.exact(m.group(3))) {
        out.putIfAbsent(new MavenArtifact(m.group(1), m.group(2)), m.group(3));
      }
    }
    return out;
  }

  /**
   * The BOMs a Gradle build imports, as far as it names them: a library or a coordinate whose artifactId
   * ends in {@code -bom} or {@code -dependencies} (used with {@code platform(...)}), and Spring Boot's plugin,
   * which imports {@code org.springframework.boot:spring-boot-dependencies} at the plugin's version (in a
   * catalog's {@code [plugins]} or a script's {@code id("org.springframework.boot") version "3.2.4"}).
   */
  static Map<MavenArtifact, String> boms(Map<MavenArtifact, String> pinned, String text, boolean catalog) {
    Map<MavenArtifact, String> out = new LinkedHashMap<>();
    pinned.forEach((a, v) -> {
      if (a.artifactId().endsWith("-bom") || a.artifactId().endsWith("-dependencies")) {
        out.put(a, v);
      }
    });
    String boot = catalog ? bootPluginInCatalog(Toml.parse(text)) : bootPluginInScript(text);
    if (EffectivePom.exact(boot)) {
      out.putIfAbsent(new MavenArtifact("org.springframework.boot", "spring-boot-dependencies"), boot);
    }
    return out;
  }

  private static String bootPluginInCatalog(JsonNode root) {
    Iterator<Map.Entry<String, JsonNode>> plugins = root.path("plugins").fields();
    while (plugins.hasNext()) {
      JsonNode p = plugins.next().getValue();
      String id = p.isTextual() ? p.asText().split(":")[0] : p.path("id").asText("");
      if (BOOT_PLUGIN.equals(id)) {
        return p.isTextual() ? (p.asText().contains(":") ? p.asText().substring(p.asText().indexOf(':') + 1) : "")
            : version(p.path("version"), root.path("versions"));
      }
    }
    return "";
  }

  private static String bootPluginInScript(String text) {
    Matcher m = BOOT_IN_SCRIPT.matcher(COMMENTS.matcher(text).replaceAll(" "));
    return m.find() ? m.group(1) : "";
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
