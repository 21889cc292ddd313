package dev.sourcegate.resolve.go;

import dev.sourcegate.source.PathGuard;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reads a Go vanity page (the HTML answer to {@code https://<module>?go-get=1}) and says where the
 * module's code really is, as a canonical path {@code host/path[/subdir]} such as
 * {@code github.com/grpc/grpc-go} or {@code go.googlesource.com/net}.
 *
 * <p>Two meta tags may tell: {@code go-source} ("prefix home directory file", a source browser) and
 * {@code go-import} ("prefix vcs repoRoot [subdir]"). go-source is preferred when its home is on GitHub:
 * golang.org/x/* import from go.googlesource.com but browse on GitHub, which we can read with the caller's
 * token. Otherwise a go-import whose vcs is git is used (a page may also list a "mod" proxy or another
 * vcs; those are passed over). Only tags whose prefix is the module path or a whole-segment prefix of it
 * count (the longest usable one wins, tags in any order); the rest of the module path after the prefix is
 * a sub-directory of that repository.
 */
final class GoVanity {
  private GoVanity() {}

  static Optional<String> canonical(String html, String modulePath) {
    if (html == null || html.isBlank()) {
      return Optional.empty();
    }
    Document doc = Jsoup.parse(html);
    Optional<String> viaSource = bestTag(doc, "go-source", modulePath, 2,
        fields -> githubRepository(fields[1]).isPresent())
        .flatMap(fields -> githubRepository(fields[1])
            .map(repo -> PathGuard.join(repo, remainder(modulePath, fields[0]))));
    if (viaSource.isPresent()) {
      return viaSource;
    }
    // A page may list the module once per way to get it (a "mod" proxy next to the "git" repository):
    // only git tags name a repository we can read, so the others are passed over, not an error.
    return bestTag(doc, "go-import", modulePath, 3, fields -> fields[1].equals("git"))
        .flatMap(fields -> repositoryPath(fields[2])
            .map(repo -> PathGuard.join(repo, fields.length > 3 ? fields[3] : "", remainder(modulePath, fields[0]))));
  }

  /**
   * Fields of the usable meta tag {@code name} with the longest prefix that covers the module path; on a
   * tie the first in the page.
   */
  private static Optional<String[]> bestTag(
      Document doc, String name, String modulePath, int minFields, Predicate<String[]> usable) {
    String[] best = null;
    for (Element meta : doc.select("meta[name]")) {
      if (!meta.attr("name").equalsIgnoreCase(name)) {
        continue;
      }
      String[] fields = meta.attr("content").trim().split("\\s+");
      if (fields.length < minFields || !coversModule(fields[0], modulePath) || !usable.test(fields)) {
        continue;
      }
      if (best == null || fields[0].length() > best[0].length()) {
        best = fields;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Whole segments only: "example.com/foo" covers "example.com/foo/bar", not "example.com/foobar". */
  private static boolean coversModule(String prefix, String modulePath) {
    return modulePath.equals(prefix) || modulePath.startsWith(prefix + "/");
  }

  private static String remainder(String modulePath, String prefix) {
    return modulePath.substring(prefix.length());
  }

  /** {@code github.com/owner/repo} when the URL is a GitHub repository (or a page inside one). */
  private static Optional<String> githubRepository(String url) {
    return repositoryPath(url).filter(p -> p.startsWith("github.com/"));
  }

  /**
   * host/path of a repository URL without scheme, "www.", ".git" or trailing slash. A GitHub repository is
   * only owner/repo: extra segments (/tree/master) name pages inside it.
   */
  static Optional<String> repositoryPath(String url) {
    String u = url.contains("://") ? url : "https://" + url;
    URI uri;
    try {
      uri = new URI(u);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    if (uri.getHost() == null) {
      return Optional.empty();
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    if (host.startsWith("www.")) {
      host = host.substring(4);
    }
    String[] segs = Arrays.stream(uri.getPath() == null ? new String[0] : uri.getPath().split("/"))
        .filter(s -> !s.isEmpty())
        .toArray(String[]::new);
    if (host.equals("github.com")) {
      if (segs.length < 2) {
        return Optional.empty();
      }
      segs = new String[] {segs[0], segs[1]};
    }
    if (segs.length > 0) {
      String last = segs[segs.length - 1];
      if (last.endsWith(".git")) {
        segs[segs.length - 1] = last.substring(0, last.length() - 4);
      }
    }
    return Optional.of(PathGuard.join(host, String.join("/", segs)));
  }
}
