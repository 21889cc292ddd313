package dev.sourcegate.resolve.go;

import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises Go standard library paths (docs/resolution.md §4.2) and says which file of
 * golang/go's src/ directory they are, and at which Go version when the path tells.
 */
final class GoStdlib {
  /**
   * A standard library file: {@code file} is relative to golang/go's src/; version is null when unknown;
   * ref is golang/go's tag of the release ("go1.22.3", "go1.23rc1") or, for a release line such as 1.22,
   * its branch ("release-branch.go1.22").
   */
  record StdFile(String file, String version, String ref) {
    StdFile(String file, String version) {
      this(file, version, version == null ? null : "go" + version);
    }

    /** The golang/go tag or branch this file is read at. */
    String tag() {
      return ref;
    }
  }

  private static final String TOOLCHAIN = "golang.org/toolchain@";
  /** After "-go" in a toolchain version: X.Y, optional .Z, then any rc/beta suffix up to the next . or -. */
  private static final Pattern TOOLCHAIN_GO_VERSION = Pattern.compile("-go(\\d+\\.\\d+(?:\\.\\d+)?[0-9A-Za-z]*)");
  /** A whole X.Y.Z (not part of a longer dotted number). */
  private static final Pattern SEMVER_XYZ = Pattern.compile("(?<![0-9.])(\\d+\\.\\d+\\.\\d+)(?![0-9])");

  private final GoStdPackages std;

  GoStdlib(GoStdPackages std) {
    this.std = std;
  }

  /** The recognised forms, in the order of docs/resolution.md §4.2; empty when the path is not the standard library. */
  Optional<StdFile> recognise(String localPath) {
    Optional<StdFile> f = fromToolchainModule(localPath);
    if (f.isEmpty()) {
      f = GoRoots.versioned(localPath).map(r -> new StdFile(r.file(), r.version(), r.ref()));
    }
    if (f.isEmpty()) {
      f = fromVersionedGoRoot(localPath);
    }
    if (f.isEmpty()) {
      f = fromGoRoot(localPath);
    }
    return f;
  }

  /** a. {@code .../golang.org/toolchain@v0.0.1-go1.22.3.linux-amd64/src/net/http/server.go}. */
  static Optional<StdFile> fromToolchainModule(String path) {
    int at = path.indexOf(TOOLCHAIN);
    if (at < 0) {
      return Optional.empty();
    }
    String rest = path.substring(at + TOOLCHAIN.length());
    int slash = rest.indexOf('/');
    if (slash < 0 || !rest.startsWith("src/", slash + 1)) {
      return Optional.empty();
    }
    Matcher m = TOOLCHAIN_GO_VERSION.matcher(rest.substring(0, slash));
    String file = rest.substring(slash + "/src/".length());
    if (!m.find() || file.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new StdFile(file, m.group(1)));
  }

  /**
   * b. A {@code /go/} directory, then a version X.Y.Z somewhere, then {@code /src/}:
   * {@code /usr/local/go/go1.24.10/src/fmt/print.go}. A module cache path under GOPATH=/go (the golang
   * Docker image) has the same shape, {@code /go/pkg/mod/example.com/m@v1.2.3/src/x.go}; the "@" tells it
   * apart, since a Go installation has none.
   */
  static Optional<StdFile> fromVersionedGoRoot(String path) {
    String p = path.startsWith("/") ? path : "/" + path;
    int go = p.indexOf("/go/");
    if (go < 0) {
      return Optional.empty();
    }
    String rest = p.substring(go + "/go/".length());
    Matcher m = SEMVER_XYZ.matcher(rest);
    if (!m.find()) {
      return Optional.empty();
    }
    int src = rest.indexOf("/src/", m.end());
    if (src < 0 || rest.substring(0, src).contains("@")) {
      return Optional.empty();
    }
    String file = rest.substring(src + "/src/".length());
    return file.isEmpty() ? Optional.empty() : Optional.of(new StdFile(file, m.group(1)));
  }

  /**
   * c. A file of a standard package, the GOROOT prefix optional: {@code /usr/local/go/src/fmt/print.go},
   * {@code $GOROOT/src/fmt/print.go}, another GOROOT that names no release ({@code /snap/go/10585/src/...},
   * see GoRoots), or bare {@code fmt/print.go} as a {@code -trimpath} build records it; {@code vendor/...}
   * is the standard library's own vendor tree (golang/go src/vendor).
   */
  Optional<StdFile> fromGoRoot(String path) {
    Optional<String> underRoot = GoRoots.unversioned(path);
    if (underRoot.isPresent()) {
      // Under a GOROOT nothing but the standard library lives, so a directory inside a listed package
      // (an internal package of another release) counts too.
      return stdFile(underRoot.get(), std::containsOrIsInside);
    }
    // Bare: the repository's own files look the same (main.go, internal/x/y.go), so only a directory that
    // is exactly a standard package counts; a repository's trimmed paths start with its module path.
    return stdFile(path, std::contains);
  }

  private static Optional<StdFile> stdFile(String file, Predicate<String> isStdDir) {
    int slash = file.lastIndexOf('/');
    if (slash <= 0 || slash == file.length() - 1) {
      return Optional.empty();
    }
    if (file.startsWith("vendor/") || isStdDir.test(file.substring(0, slash))) {
      return Optional.of(new StdFile(file, null));
    }
    return Optional.empty();
  }
}
