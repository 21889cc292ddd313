package dev.sourcegate.resolve.go;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file of the Go module cache: {@code <anything>/pkg/mod/<module>@<version>/<file>}, or a trimmed path
 * {@code <module>@<version>/<file>} whose module starts at the first segment with a dot (docs/resolution.md
 * §4.4). Module and version are held unescaped: the cache writes a capital letter X as "!x"
 * because some file systems ignore case, while go.mod and GitHub use the real path.
 */
public record GoModulePath(String module, String version, String file) {
  private static final String PKG_MOD = "/pkg/mod/";
  /** "@v" then a digit: where a module path ends and its version starts. */
  private static final Pattern AT_VERSION = Pattern.compile("@v\\d");
  /**
   * The three pseudo-version forms: vX.0.0-T-C, vX.Y.Z-pre.0.T-C and vX.Y.(Z+1)-0.T-C, T a 14-digit UTC
   * time, C the 12-hex-digit commit; optional build metadata (+incompatible).
   */
  private static final Pattern PSEUDO = Pattern.compile(
      "^v\\d+\\.\\d+\\.\\d+-(?:(?:[0-9A-Za-z-]+\\.)*0\\.)?\\d{14}-([0-9a-f]{12})(?:\\+[0-9A-Za-z.-]+)?$");
  /** vMAJOR[.MINOR[.PATCH]][-prerelease][+build]. */
  private static final Pattern SEMVER = Pattern.compile(
      "^v(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?$");
  /** A major-version suffix segment: v2, v3, ... v11 (v0 and v1 never are). */
  private static final Pattern MAJOR_SUFFIX = Pattern.compile("^v(?:[2-9]|[1-9]\\d+)$");
  private static final Pattern GOPKG_IN_VERSIONED = Pattern.compile("^(.+)\\.v\\d+$");

  /** Recognises a module cache path; empty when {@code localPath} is not one. */
  static Optional<GoModulePath> parse(String localPath) {
    String rest = fromModuleStart(localPath);
    if (rest == null) {
      return Optional.empty();
    }
    Matcher at = AT_VERSION.matcher(rest);
    if (!at.find() || at.start() == 0) {
      return Optional.empty();
    }
    int slash = rest.indexOf('/', at.start());
    if (slash < 0 || slash == rest.length() - 1) {
      return Optional.empty();
    }
    String module = rest.substring(0, at.start());
    String version = rest.substring(at.start() + 1, slash);
    String file = rest.substring(slash + 1);
    return Optional.of(new GoModulePath(unescape(module), unescape(version), file));
  }

  /** The path from the module's first segment on, or null when no module can start anywhere. */
  private static String fromModuleStart(String path) {
    int pm = path.indexOf(PKG_MOD);
    if (pm >= 0) {
      return path.substring(pm + PKG_MOD.length());
    }
    Matcher at = AT_VERSION.matcher(path);
    if (!at.find()) {
      return null;
    }
    // The first element of a module path contains a dot and does not start with one (".cache" is a
    // directory, not a host name).
    int segStart = 0;
    while (segStart < at.start()) {
      int end = path.indexOf('/', segStart);
      if (end < 0 || end > at.start()) {
        end = at.start();
      }
      String seg = path.substring(segStart, end);
      if (seg.contains(".") && !seg.startsWith(".")) {
        return path.substring(segStart);
      }
      segStart = end + 1;
    }
    return null;
  }

  /** Undoes the module cache's case escape: "!x" is "X". A "!" before anything else is simply dropped. */
  public static String unescape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '!') {
        if (i + 1 < s.length() && Character.isLowerCase(s.charAt(i + 1))) {
          b.append(Character.toUpperCase(s.charAt(i + 1)));
          i++;
        }
        continue;
      }
      b.append(c);
    }
    return b.toString();
  }

  /**
   * The git ref a module version lives at: a pseudo-version's commit, a semantic version's canonical
   * form (prerelease kept, build metadata such as +incompatible dropped), null when there is no version
   * (the caller picks the default branch name its host uses).
   */
  static String refFor(String version) {
    if (version == null || version.isBlank()) {
      return null;
    }
    Matcher pseudo = PSEUDO.matcher(version);
    if (pseudo.matches()) {
      return pseudo.group(1);
    }
    Matcher sem = SEMVER.matcher(version);
    if (sem.matches()) {
      return "v" + sem.group(1)
          + "." + (sem.group(2) == null ? "0" : sem.group(2))
          + "." + (sem.group(3) == null ? "0" : sem.group(3))
          + (sem.group(4) == null ? "" : sem.group(4));
    }
    int plus = version.indexOf('+');
    return plus < 0 ? version : version.substring(0, plus);
  }

  /**
   * gopkg.in's fixed redirects: gopkg.in/pkg.vN is github.com/go-pkg/pkg and gopkg.in/user/pkg.vN is
   * github.com/user/pkg (any further segments are kept). Empty for anything else.
   */
  static Optional<String> gopkgIn(String modulePath) {
    List<String> segs = Arrays.asList(modulePath.split("/"));
    if (segs.size() < 2 || !segs.get(0).equals("gopkg.in")) {
      return Optional.empty();
    }
    Matcher single = GOPKG_IN_VERSIONED.matcher(segs.get(1));
    if (single.matches()) {
      String pkg = single.group(1);
      return Optional.of(joinSegments("github.com", "go-" + pkg, pkg, segs.subList(2, segs.size())));
    }
    if (segs.size() >= 3) {
      Matcher user = GOPKG_IN_VERSIONED.matcher(segs.get(2));
      if (user.matches()) {
        return Optional.of(joinSegments("github.com", segs.get(1), user.group(1), segs.subList(3, segs.size())));
      }
    }
    return Optional.empty();
  }

  /**
   * Drops trailing major-version suffixes (/v2, /v11): the code of a v2+ module lives on its repository's
   * branches and tags, not in a directory of that name. The repository root itself ({@code rootSegments}
   * segments, e.g. github.com/owner/repo) is never cut.
   */
  static String withoutMajorVersionSuffix(String path, int rootSegments) {
    List<String> segs = new ArrayList<>(Arrays.asList(path.split("/")));
    while (segs.size() > rootSegments && MAJOR_SUFFIX.matcher(segs.get(segs.size() - 1)).matches()) {
      segs.remove(segs.size() - 1);
    }
    return String.join("/", segs);
  }

  private static String joinSegments(String a, String b, String c, List<String> more) {
    List<String> all = new ArrayList<>(List.of(a, b, c));
    all.addAll(more);
    return String.join("/", all);
  }
}
