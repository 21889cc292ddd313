package dev.sourcegate.settings;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * conf/sourcegate.yaml as a tree of settings: it must be a mapping whose every leaf is a known setting's
 * dotted key, each with a single value.
 */
final class SettingsFile {
  private final JsonNode root;

  private SettingsFile(JsonNode root) {
    this.root = root;
  }

  /** The file's settings; {@code text} may be null or blank (no file). */
  static SettingsFile parse(String text) {
    SettingsFile file = new SettingsFile(parseYaml(text));
    file.rejectUnknownKeys();
    return file;
  }

  /** The text the file gives {@code s}, or null when it does not set it. */
  String valueOf(Setting s) {
    JsonNode node = at(s.yamlKey());
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isContainerNode()) {
      throw new ConfigException(s.label() + ": expected a single value, found a " + node.getNodeType());
    }
    return node.asText();
  }

  private static JsonNode parseYaml(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      JsonNode node = new ObjectMapper(new YAMLFactory()).readTree(text);
      if (node != null && !node.isNull() && !node.isObject()) {
        throw new ConfigException("configuration file: the top level must be a mapping of settings");
      }
      return node;
    } catch (JsonProcessingException e) {
      // the parser's full message quotes the offending lines, which may hold a secret: say where, not what
      String problem = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
      JsonLocation at = e.getLocation();
      throw new ConfigException("configuration file is not valid YAML: " + problem
          + (at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    }
  }

  private JsonNode at(String dottedKey) {
    JsonNode node = root;
    for (String part : dottedKey.split("\\.")) {
      if (node == null || !node.isObject()) {
        return null;
      }
      node = node.get(part);
    }
    return node;
  }

  /** A misspelt key would otherwise be silently ignored and its default used. */
  private void rejectUnknownKeys() {
    if (root == null || root.isNull()) {
      return;
    }
    Set<String> known = new TreeSet<>();
    for (Setting s : Setting.values()) {
      known.add(s.yamlKey());
    }
    List<String> unknown = new ArrayList<>();
    collectLeaves(root, "", known, unknown);
    if (!unknown.isEmpty()) {
      throw new ConfigException("configuration file: unknown setting(s) " + unknown + "; known: " + known);
    }
  }

  private static void collectLeaves(JsonNode node, String prefix, Set<String> known, List<String> unknown) {
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      if (known.contains(key)) {
        continue;
      }
      boolean isGroup = e.getValue().isObject() && known.stream().anyMatch(k -> k.startsWith(key + "."));
      if (isGroup) {
        collectLeaves(e.getValue(), key, known, unknown);
      } else {
        unknown.add(key);
      }
    }
  }
}
