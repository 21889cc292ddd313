package dev.sourcegate.source;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One place a released package's file may be in the package's own GitHub repository: a ref (the commit
 * the package was built from, or one of the release's tags) and the file's path there, and the page GitHub
 * shows it at. Every registry link follows the same policy: the candidates are tried in order (refs
 * outermost, the packaged commit before any tag), the first one the repository holds is linked, and any
 * failure keeps the registry's own link: the bytes are the answer, the link is a courtesy.
 *
 * <p>Which tags a release is published under differs per ecosystem (npm's {@code name@1.2.3}, Cargo's
 * {@code crate-v1.2.3}), so callers name them; this class only orders, de-duplicates and joins.
 */
public record ReleaseLink(RepoRef repository, String ref, String path) {

  /** The file's page: {@code https://github.com/OWNER/REPO/blob/REF/PATH}, every segment percent-encoded. */
  public String url() {
    return "https://github.com/" + encode(repository.owner()) + "/" + encode(repository.repo()) + "/blob/"
        + encodePath(ref) + "/" + encodePath(path);
  }

  /** The refs in the order given, without empty or repeated ones (a packaged commit that is unknown is ""). */
  public static List<String> refs(String... refs) {
    Set<String> out = new LinkedHashSet<>();
    for (String ref : refs) {
      if (ref != null && !ref.isEmpty()) {
        out.add(ref);
      }
    }
    return List.copyOf(out);
  }

  /** Every ref x member (refs outermost), each member under the package's directory in the repository. */
  public static List<ReleaseLink> candidates(RepoRef repository, List<String> refs, String directory, List<String> members) {
    List<ReleaseLink> out = new ArrayList<>();
    for (String ref : refs) {
      for (String member : members) {
        out.add(new ReleaseLink(repository, ref, PathGuard.join(directory, member)));
      }
    }
    return List.copyOf(out);
  }

  private static String encodePath(String path) {
    StringBuilder sb = new StringBuilder();
    for (String segment : path.split("/")) {
      if (!segment.isEmpty()) {
        sb.append(sb.isEmpty() ? "" : "/").append(encode(segment));
      }
    }
    return sb.toString();
  }

  /** Only RFC 3986's unreserved characters stay as they are: a path or tag cannot change the URL's shape. */
  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
  }
}
