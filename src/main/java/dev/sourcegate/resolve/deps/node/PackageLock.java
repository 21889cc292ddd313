package dev.sourcegate.resolve.deps.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sourcegate.source.NpmNames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * package-lock.json and npm-shrinkwrap.json: v2/v3 {@code packages} (keyed by install path, so
 * {@code node_modules/a/node_modules/b} is b's own copy under a), else v1's nested {@code dependencies}
 * tree, turned into the same keys. A frame's package is looked up as Node would have found it: its own
 * install path (under the directories before node_modules, as a workspace's key has them), then each
 * ancestor's node_modules up to the top.
 */
final class PackageLock implements NodeLock {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, String> byInstallPath;

  private PackageLock(Map<String, String> byInstallPath) {
    this.byInstallPath = byInstallPath;
  }

  static PackageLock parse(String text) throws IOException {
    JsonNode root = JSON.readTree(text);
    Map<String, String> out = new HashMap<>();
    JsonNode packages = root.path("packages");
    if (packages.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = packages.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        keep(out, e.getKey(), e.getValue().path("version").asText(""));
      }
    } else {
      v1(out, "", root.path("dependencies"));
    }
    return new PackageLock(out);
  }

  private static void v1(Map<String, String> out, String under, JsonNode deps) {
    if (!deps.isObject()) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = deps.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = under + "node_modules/" + e.getKey();
      keep(out, key, e.getValue().path("version").asText(""));
      v1(out, key + "/", e.getValue().path("dependencies"));
    }
  }

  /** Only registry versions: a git URL or a file: link names nothing a registry serves. */
  private static void keep(Map<String, String> out, String key, String version) {
    if (!key.isEmpty() && NpmNames.validVersion(version)) {
      out.put(key, version);
    }
  }

  @Override
  public Optional<String> version(NodeFrame frame) {
    for (String key : candidates(frame)) {
      String v = byInstallPath.get(key);
      if (v != null) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /** The frame's install path under each suffix of its prefix (longest first), then hoisted: each ancestor's node_modules. */
  static List<String> candidates(NodeFrame frame) {
    List<String> out = new ArrayList<>();
    String prefix = frame.prefix();
    while (true) {
      out.add(prefix.isEmpty() ? frame.installPath() : prefix + "/" + frame.installPath());
      if (prefix.isEmpty()) {
        break;
      }
      int slash = prefix.indexOf('/');
      prefix = slash < 0 ? "" : prefix.substring(slash + 1);
    }
    String path = frame.installPath();
    String tail = "node_modules/" + frame.name();
    // node_modules/a/node_modules/b -> node_modules/b: where Node looks next
    while (path.length() > tail.length()) {
      String parent = path.substring(0, path.length() - tail.length() - 1);
      int up = parent.lastIndexOf("/node_modules/");
      path = up < 0 ? tail : parent.substring(0, up + 1) + tail;
      out.add(path);
    }
    return out;
  }
}
