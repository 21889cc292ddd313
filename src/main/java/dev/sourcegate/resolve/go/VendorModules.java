package dev.sourcegate.resolve.go;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code vendor/modules.txt} (written by {@code go mod vendor}) says about the modules whose code
 * was copied into vendor/: one {@code # <module> <version>} line per module, with the replacement the
 * build used after {@code =>} ({@code # github.com/a/b v1.0.0 => github.com/fork/b v1.1.0}, or a
 * directory {@code => ./third_party/b}); a replacement of every version omits the old version
 * ({@code # github.com/a/b => ...}). {@code ## explicit} annotations and the package lines under each
 * module are not needed: which module a vendored file belongs to is the longest module path that
 * prefixes it.
 */
final class VendorModules {
  private final Map<String, GoMod.Target> modules;

  private VendorModules(Map<String, GoMod.Target> modules) {
    this.modules = Map.copyOf(modules);
  }

  static VendorModules parse(String text) {
    Map<String, GoMod.Target> out = new LinkedHashMap<>();
    for (String raw : text.split("\\R")) {
      String line = raw.strip();
      if (!line.startsWith("# ")) {
        continue;
      }
      List<String> t = List.of(line.substring(2).strip().split("\\s+"));
      int arrow = t.indexOf("=>");
      List<String> before = arrow < 0 ? t : t.subList(0, arrow);
      List<String> after = arrow < 0 ? List.of() : t.subList(arrow + 1, t.size());
      if (before.isEmpty() || before.size() > 2 || (arrow >= 0 && (after.isEmpty() || after.size() > 2))) {
        continue;
      }
      String module = before.get(0);
      String version = before.size() == 2 ? before.get(1) : null;
      if (version == null && after.isEmpty()) {
        continue;
      }
      GoMod.Target target;
      if (after.isEmpty()) {
        target = new GoMod.Target(module, version, null);
      } else if (GoMod.isLocalPath(after.get(0))) {
        // a directory outside the repository cannot be read: the module is then read as not replaced
        target = GoMod.insideRepository(after.get(0))
            .map(dir -> new GoMod.Target(module, version, dir))
            .orElseGet(() -> new GoMod.Target(module, version, null));
      } else {
        target = new GoMod.Target(after.get(0), after.size() == 2 ? after.get(1) : null, null);
      }
      // a module line with its version wins over a replacement of every version listed for unused modules
      if (version != null || !out.containsKey(module)) {
        out.put(module, target);
      }
    }
    return new VendorModules(out);
  }

  /** The module a vendored package path belongs to, and where its code is. */
  Optional<Map.Entry<String, GoMod.Target>> moduleOf(String packagePath) {
    return GoMod.longestModule(modules.keySet(), packagePath).map(m -> Map.entry(m, modules.get(m)));
  }
}
