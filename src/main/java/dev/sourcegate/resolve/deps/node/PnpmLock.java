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
 * pnpm-lock.yaml: the root project's direct dependencies ({@code importers['.']} in v6 and later, the
 * top-level {@code dependencies} in v5), else the one version {@code packages} holds of a name. Package
 * keys are {@code /name/1.2.3} (v5), {@code /name@1.2.3} (v6) or {@code name@1.2.3} (v9), with peer
 * suffixes ({@code _react@18.2.0} or {@code (react@18.2.0)}) that are not part of the version.
 */
final class PnpmLock implements NodeLock {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private final Map<String, String> direct;
  /** name -> its one version, or "" when several versions are installed. */
  private final Map<String, String> single;

  private PnpmLock(Map<String, String> direct, Map<String, String> single) {
    this.direct = direct;
    this.single = single;
  }

  static PnpmLock parse(String text) throws IOException {
    JsonNode root = YAML.readTree(text);
    Map<String, String> direct = new HashMap<>();
    JsonNode importer = root.path("importers").path(".");
    JsonNode top = importer.isObject() ? importer : root;
    for (String section : new String[] {"dependencies", "devDependencies", "optionalDependencies"}) {
      for (Iterator<Map.Entry<String, JsonNode>> it = top.path(section).fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = e.getValue();
        String version = withoutPeers(v.isObject() ? v.path("version").asText("") : v.asText(""));
        if (NpmNames.validVersion(version)) {
          direct.put(e.getKey(), version);
        }
      }
    }
    Map<String, String> single = new HashMap<>();
    for (Iterator<String> it = root.path("packages").fieldNames(); it.hasNext(); ) {
      String[] nv = nameAndVersion(it.next());
      if (nv != null) {
        single.merge(nv[0], nv[1], (a, b) -> a.equals(b) ? a : "");
      }
    }
    return new PnpmLock(direct, single);
  }

  /** [name, version] of a packages key, or null for a key that names no registry version. */
  static String[] nameAndVersion(String key) {
    String k = key.startsWith("/") ? key.substring(1) : key;
    // v6+ peers in parentheses may hold scoped names with '/': drop them before splitting
    int paren = k.indexOf('(');
    k = paren < 0 ? k : k.substring(0, paren);
    int nameParts = k.startsWith("@") ? 2 : 1;
    String[] parts = k.split("/", nameParts + 1);
    if (parts.length == nameParts + 1) {
      // v5: name/1.2.3_peers, @scope/name/1.2.3_peers (a peer's own '/' is written '+')
      String name = nameParts == 2 ? parts[0] + "/" + parts[1] : parts[0];
      return checked(name, withoutPeers(parts[nameParts]));
    }
    int at = k.indexOf('@', nameParts == 2 ? 1 : 0);
    return at <= 0 ? null : checked(k.substring(0, at), withoutPeers(k.substring(at + 1)));
  }

  private static String[] checked(String name, String version) {
    return NpmNames.valid(name) && NpmNames.validVersion(version) ? new String[] {name, version} : null;
  }

  /** 1.2.3(react@18.2.0) and 1.2.3_react@18.2.0 are 1.2.3 (semver has no '_' or '(' of its own). */
  static String withoutPeers(String version) {
    int cut = version.length();
    for (char c : new char[] {'(', '_'}) {
      int i = version.indexOf(c);
      if (i >= 0) {
        cut = Math.min(cut, i);
      }
    }
    return version.substring(0, cut);
  }

  @Override
  public Optional<String> version(NodeFrame frame) {
    String v = direct.get(frame.name());
    if (v == null) {
      v = single.get(frame.name());
    }
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
  }
}
