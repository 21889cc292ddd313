package dev.sourcegate.resolve.deps.rust;

import dev.sourcegate.source.CrateNames;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A frame in a crate Cargo unpacked (docs/resolution.md §15), under any CARGO_HOME ({@code ~/.cargo},
 * {@code /usr/local/cargo} in the official images): a registry crate,
 * {@code registry/src/<index>-<16 hex>/<crate>-<version>/<path>}, whose directory carries its version,
 * or a git dependency's checkout, {@code git/checkouts/<repository name>-<16 hex>/<short commit>/<path>},
 * whose full commit and repository the lock file tells.
 */
public sealed interface CargoFrame {
  /** Cargo names each index's and each repository's directory after it, then '-' and a 16-hex hash of its URL. */
  Pattern REGISTRY = Pattern.compile("(?:^|/)registry/src/[^/]+-[0-9a-f]{16}/([^/]+)/(.+)");
  Pattern CHECKOUT = Pattern.compile("(?:^|/)git/checkouts/([^/]+)-[0-9a-f]{16}/([0-9a-f]{7,40})/(.+)");

  /** The file member of crate at version, as the .crate holds it below {@code <crate>-<version>/}. */
  record Registry(String crate, String version, String member) implements CargoFrame {}

  /** The file path of the git dependency whose repository is named repoName, checked out at shortSha. */
  record GitCheckout(String repoName, String shortSha, String path) implements CargoFrame {}

  static Optional<CargoFrame> parse(String localPath) {
    String p = localPath.replace('\\', '/');
    Matcher r = REGISTRY.matcher(p);
    if (r.find()) {
      return nameAndVersion(r.group(1)).map(nv -> new Registry(nv[0], nv[1], r.group(2)));
    }
    Matcher g = CHECKOUT.matcher(p);
    if (g.find()) {
      return Optional.of(new GitCheckout(g.group(1), g.group(2), g.group(3)));
    }
    return Optional.empty();
  }

  /**
   * {@code <crate>-<version>} split at the first '-' after which a whole semver version follows: a crate's
   * name may hold '-' and digits ({@code tokio-util}, {@code windows-sys}), a version a pre-release with
   * '-' of its own ({@code 1.0.0-beta.2}), and a name never ends where a version could begin.
   */
  static Optional<String[]> nameAndVersion(String dir) {
    for (int dash = dir.indexOf('-'); dash > 0; dash = dir.indexOf('-', dash + 1)) {
      String name = dir.substring(0, dash);
      String version = dir.substring(dash + 1);
      if (CrateNames.valid(name) && CrateNames.validVersion(version)) {
        return Optional.of(new String[] {name, version});
      }
    }
    return Optional.empty();
  }
}
