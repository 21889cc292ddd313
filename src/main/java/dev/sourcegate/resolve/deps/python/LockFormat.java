package dev.sourcegate.resolve.deps.python;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sourcegate.resolve.runtime.Toml;
import dev.sourcegate.source.RepoRef;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Python lock files read, by file name, and how each tells the exact version of every distribution
 * (keys: PEP 503 names). uv.lock, poetry.lock and pdm.lock share one shape: TOML {@code [[package]]}
 * tables with {@code name} and {@code version}. Pipfile.lock is JSON whose {@code default} and
 * {@code develop} maps give {@code "version": "==X"}. requirements files pin with {@code name==X}.
 * A file that does not parse tells nothing.
 */
public enum LockFormat {
  UV("uv.lock"),
  POETRY("poetry.lock"),
  PDM("pdm.lock"),
  PIPFILE("Pipfile.lock"),
  REQUIREMENTS("requirements.txt"),
  REQUIREMENTS_LOCK("requirements-lock.txt"),
  REQUIREMENTS_PROD("requirements-prod.txt");

  private static final ObjectMapper JSON = new ObjectMapper();
  private final String fileName;

  LockFormat(String fileName) {
    this.fileName = fileName;
  }

  public String fileName() {
    return fileName;
  }

  /** Every file name, in the order a distribution's version is looked for. */
  public static List<String> fileNames() {
    return Arrays.stream(values()).map(LockFormat::fileName).toList();
  }

  /** normalised name -> version, in the file's order. */
  public Map<String, String> versions(String text) {
    return switch (this) {
      case UV, POETRY, PDM -> tomlPackages(Toml.parse(text));
      case PIPFILE -> pipfile(text);
      default -> RequirementsPins.parse(text);
    };
  }

  private static Map<String, String> tomlPackages(JsonNode root) {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode p : root.path("package")) {
      String name = p.path("name").asText("");
      String version = p.path("version").asText("");
      if (!name.isEmpty() && !version.isEmpty()) {
        out.putIfAbsent(RepoRef.pep503(name), version);
      }
    }
    return out;
  }

  private static Map<String, String> pipfile(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (IOException e) {
      return out;
    }
    if (root == null) {
      return out;
    }
    for (String section : List.of("default", "develop")) {
      Iterator<Map.Entry<String, JsonNode>> fields = root.path(section).fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        String pin = f.getValue().path("version").asText("");
        if (pin.startsWith("==") && pin.length() > 2) {
          out.putIfAbsent(RepoRef.pep503(f.getKey()), pin.substring(2).trim());
        }
      }
    }
    return out;
  }
}
