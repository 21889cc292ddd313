package dev.sourcegate.resolve.deps.node;

import java.util.Arrays;
import java.util.Optional;

/**
 * A frame in an installed npm package: the package's name, where it sits relative to the innermost
 * {@code node_modules} chain (prefix: the directories before the first {@code node_modules}; installPath:
 * {@code node_modules/a/node_modules/b}, package-lock's own key), the file inside the package, and the
 * version when the path itself says it (pnpm's store: {@code .pnpm/<name>@<version>/node_modules/<name>/}).
 */
public record NodeFrame(String name, String prefix, String installPath, String member, String storeVersion) {
  private static final String NM = "node_modules/";

  /** The innermost package of the path, if any; empty for a path outside node_modules. */
  public static Optional<NodeFrame> parse(String localPath) {
    String p = localPath.replace('\\', '/');
    int first = segmentIndex(p, 0);
    if (first < 0) {
      return Optional.empty();
    }
    int inner = first;
    for (int at = segmentIndex(p, first + NM.length()); at >= 0; at = segmentIndex(p, at + NM.length())) {
      inner = at;
    }
    String rest = p.substring(inner + NM.length());
    String[] parts = rest.split("/", -1);
    int nameParts = rest.startsWith("@") ? 2 : 1;
    if (parts.length <= nameParts) {
      return Optional.empty();
    }
    String name = nameParts == 2 ? parts[0] + "/" + parts[1] : parts[0];
    String member = String.join("/", Arrays.copyOfRange(parts, nameParts, parts.length));
    if (name.isEmpty() || name.endsWith("/") || member.isEmpty() || name.startsWith(".")) {
      return Optional.empty();
    }
    String prefix = trimSlashes(p.substring(0, first));
    String installPath = p.substring(first, inner + NM.length()) + name;
    return Optional.of(new NodeFrame(name, prefix, installPath, member, storeVersion(p.substring(0, inner), name)));
  }

  /** pnpm's virtual store: the directory after {@code .pnpm/} is {@code <name>@<version>} ('/' in a scope as '+'). */
  private static String storeVersion(String beforeInner, String name) {
    int store = beforeInner.lastIndexOf(".pnpm/");
    if (store < 0 || (store > 0 && beforeInner.charAt(store - 1) != '/')) {
      return null;
    }
    String id = beforeInner.substring(store + ".pnpm/".length());
    int slash = id.indexOf('/');
    id = slash < 0 ? id : id.substring(0, slash);
    String stem = name.replace('/', '+') + "@";
    if (!id.startsWith(stem) || id.length() == stem.length()) {
      return null;
    }
    return PnpmLock.withoutPeers(id.substring(stem.length()));
  }

  private static int segmentIndex(String p, int from) {
    for (int at = p.indexOf(NM, from); at >= 0; at = p.indexOf(NM, at + 1)) {
      if (at == 0 || p.charAt(at - 1) == '/') {
        return at;
      }
    }
    return -1;
  }

  private static String trimSlashes(String s) {
    int a = 0;
    int b = s.length();
    while (a < b && s.charAt(a) == '/') {
      a++;
    }
    while (b > a && s.charAt(b - 1) == '/') {
      b--;
    }
    return s.substring(a, b);
  }
}
