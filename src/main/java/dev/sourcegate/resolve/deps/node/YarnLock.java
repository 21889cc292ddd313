package dev.sourcegate.resolve.deps.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sourcegate.source.NpmNames;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * yarn.lock, v1 (yarn's own format, parsed here: a block per resolution, its header the descriptors
 * {@code "name@^1.0.0", name@^1.1.0:} and an indented {@code version "1.2.3"}) or berry (YAML with a
 * {@code __metadata} key: {@code "name@npm:^1.0.0": version: 1.2.3}). yarn.lock does not record where a
 * copy is installed, so a name answers only when one version of it is installed.
 */
final class YarnLock implements NodeLock {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  /** name -> its one version, or "" when several are installed. */
  private final Map<String, String> single = new HashMap<>();

  static YarnLock parse(String text) throws IOException {
    YarnLock lock = new YarnLock();
    if (text.lines().anyMatch(l -> l.startsWith("__metadata:"))) {
      lock.berry(text);
    } else {
      lock.v1(text);
    }
    return lock;
  }

  private void berry(String text) throws IOException {
    JsonNode root = YAML.readTree(text);
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String descriptors = e.getKey();
      if (descriptors.equals("__metadata") || !descriptors.contains("@npm:")) {
        continue;
      }
      add(nameOf(descriptors.split(",")[0].trim()), e.getValue().path("version").asText(""));
    }
  }

  private void v1(String text) {
    String name = null;
    for (String line : text.split("\r?\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      if (!Character.isWhitespace(line.charAt(0))) {
        String first = line.endsWith(":") ? line.substring(0, line.length() - 1).split(",")[0].trim() : "";
        name = first.isEmpty() ? null : nameOf(unquote(first));
      } else if (name != null && line.startsWith("  version ") && !line.startsWith("   ")) {
        add(name, unquote(line.substring("  version ".length()).trim()));
        name = null;
      }
    }
  }

  /** The name of a descriptor {@code name@range} or {@code @scope/name@npm:range}. */
  static String nameOf(String descriptor) {
    String d = unquote(descriptor);
    int at = d.indexOf('@', d.startsWith("@") ? 1 : 0);
    return at < 0 ? d : d.substring(0, at);
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
  }

  private void add(String name, String version) {
    if (name != null && NpmNames.valid(name) && NpmNames.validVersion(version)) {
      single.merge(name, version, (a, b) -> a.equals(b) ? a : "");
    }
  }

  @Override
  public Optional<String> version(NodeFrame frame) {
    String v = single.get(frame.name());
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
  }
}
