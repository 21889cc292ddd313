package dev.sourcegate.resolve.deps.rust;

import dev.sourcegate.source.CrateNames;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A frame in a crate Cargo unpacked (docs/resolution.md §16), under any CARGO_HOME ({@code ~/.cargo},
 * {@code /usr/local/cargo} in the official images): a registry crate,
 * {@code registry/src/<index>-<16 hex>/<crate>-<version>/<path>}, whose directory carries its version,
 * or a git dependency's checkout, {@code git/checkouts/<repository name>-<16 hex>/<short commit>/<path>},
 * whose full commit and repository the lock file tells; or a crate {@code cargo vendor} copied into the
 * application's {@code vendor/} directory.
 */
public sealed interface CargoFrame {
  /** Cargo names each index's and each repository's directory after it, then '-' and a 16-hex hash of its URL. */
  Pattern REGISTRY = Pattern.compile("(?:^|/)registry/src/[^/]+-[0-9a-f]{16}/([^/]+)/(.+)");
  Pattern CHECKOUT = Pattern.compile("(?:^|/)git/checkouts/([^/]+)-[0-9a-f]{16}/([0-9a-f]{7,40})/(.+)");
  /** cargo vendor's directory: {@code vendor/<crate>/}, or {@code vendor/<crate>-<version>/} for a second version. */
  Pattern VENDOR = Pattern.compile("(?:^|/)vendor/([^/]+)/(.+)");

  /** The file member of crate at version, as the .crate holds it below {@code <crate>-<version>/}. */
  record Registry(String crate, String version, String member) implements CargoFrame {}

  /** The file path of the git dependency whose repository is named repoName, checked out at shortSha. */
  record GitCheckout(String repoName, String shortSha, String path) implements CargoFrame {}

  /**
   * The file member of a crate {@code cargo vendor} copied to {@code vendor/<dir>/}: version is the one
   * in dir, or null when dir is the bare name (the lock file tells it).
   */
  record Vendored(String dir, String crate, String version, String member) implements CargoFrame {
    /** Where the vendored file sits in a repository that commits its vendor directory. */
    String vendoredPath() {
      return "vendor/" + dir + "/" + member;
    }
  }

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
    Matcher v = VENDOR.matcher(p);
    if (v.find()) {
      String dir = v.group(1);
      Optional<String[]> nv = nameAndVersion(dir);
      if (nv.isPresent()) {
        return Optional.of(new Vendored(dir, nv.get()[0], nv.get()[1], v.group(2)));
      }
      return CrateNames.valid(dir) ? Optional.of(new Vendored(dir, dir, null, v.group(2))) : Optional.empty();
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
