package dev.sourcegate.resolve.go;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where Go installations live on real machines, and which Go release the directory names: the GOROOT
 * forms beyond {@code /usr/local/go/src} (docs/resolution.md §4.2 c and d).
 */
final class GoRoots {
  /** A Go release as directories spell it: 1.22.4, 1.22, 1.23rc1, 1.21beta1. */
  private static final String RELEASE = "(\\d{1,4}\\.\\d{1,4}(?:\\.\\d{1,4})?(?:(?:rc|beta)\\d{1,4})?)";

  /** A GOROOT/src directory with its release, and how golang/go names that release. */
  private record Versioned(Pattern pattern, boolean releaseBranch) {}

  private static final List<Versioned> VERSIONED = List.of(
      // golang.org/dl and `go install golang.org/dl/go1.22.4`: ~/sdk/go1.22.4
      new Versioned(Pattern.compile("(?:^|/)sdk/go" + RELEASE + "/src/"), false),
      // asdf: ~/.asdf/installs/golang/1.20.5/go
      new Versioned(Pattern.compile("(?:^|/)installs/golang/" + RELEASE + "/go/src/"), false),
      // Homebrew, also a versioned formula and a revision: Cellar/go/1.22.4, Cellar/go@1.21/1.21.13_1
      new Versioned(Pattern.compile("(?:^|/)Cellar/go(?:@[0-9.]+)?/" + RELEASE + "(?:_\\d+)?/libexec/src/"), false),
      // Debian and Ubuntu golang-1.22-go: /usr/lib/go-1.22, a release line, not a release
      new Versioned(Pattern.compile("(?:^|/)go-(\\d{1,4}\\.\\d{1,4})/src/"), true));

  /**
   * GOROOTs that name no release, from the start of the path: distribution packages (/usr/lib/go on
   * Alpine and Arch, /usr/lib/golang on Fedora), the snap, Homebrew's unversioned link, the official
   * tarball, and the placeholder -trimpath builds record.
   */
  private static final Pattern UNVERSIONED = Pattern.compile(
      "(?:/usr/local/go|/usr/lib/go|/usr/lib/golang|/snap/go/(?:\\d+|current)|(?:/usr/local|/opt/homebrew)/opt/go/libexec"
          + "|\\$GOROOT)/src/");

  /** A file below a GOROOT's src/: {@code ref} is golang/go's tag or branch for the release, null when none. */
  record Rooted(String file, String version, String ref) {}

  private GoRoots() {}

  /**
   * The versioned forms: {@code ~/sdk/go1.22.4/src/fmt/print.go} -> fmt/print.go at go1.22.4. Inside the
   * module cache (an "@" before the match) the same shape is a module's own directory, not a GOROOT.
   */
  static Optional<Rooted> versioned(String path) {
    for (Versioned v : VERSIONED) {
      Matcher m = v.pattern().matcher(path);
      if (m.find() && m.end() < path.length() && path.lastIndexOf('@', m.start()) < 0) {
        String version = m.group(1);
        String ref = v.releaseBranch() ? "release-branch.go" + version : "go" + version;
        return Optional.of(new Rooted(path.substring(m.end()), version, ref));
      }
    }
    return Optional.empty();
  }

  /** The file below an unversioned GOROOT at the start of the path ({@code /snap/go/10585/src/fmt/print.go}). */
  static Optional<String> unversioned(String path) {
    Matcher m = UNVERSIONED.matcher(path);
    return m.lookingAt() ? Optional.of(path.substring(m.end())) : Optional.empty();
  }
}
