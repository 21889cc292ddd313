package dev.sourcegate.fetch.registry;

import dev.sourcegate.source.RepoRef;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GitHub repository a package's registry metadata names, from the spellings registries hold:
 * {@code https://github.com/o/r}, {@code git+https://github.com/o/r.git}, {@code git://github.com/o/r},
 * {@code git+ssh://git@github.com/o/r.git}, {@code git@github.com:o/r.git}, pages inside it
 * ({@code https://github.com/o/r/tree/main/pkg}), npm's {@code github:o/r} and, where npm allows it, the
 * bare {@code o/r} shorthand. Anything else (another host, a user's page, a malformed name) is empty.
 */
public final class GitHubRepository {
  /** GitHub's rules: owner 1-39 of [A-Za-z0-9-], repository of [A-Za-z0-9._-]; never "." or "..". */
  private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})");
  private static final Pattern REPO = Pattern.compile("[A-Za-z0-9._-]{1,100}");
  private static final Pattern URL = Pattern.compile(
      "^(?:git\\+)?(?:https?|git|ssh)://(?:[^@/]+@)?(?:www\\.)?github\\.com(?::\\d+)?/([^/]+)/([^/?#]+)(?:[/?#].*)?$",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern SCP = Pattern.compile("^(?:[^@/]+@)?github\\.com:([^/]+)/([^/?#]+)$", Pattern.CASE_INSENSITIVE);
  private static final Pattern SHORTHAND = Pattern.compile("^(?:github:)?([^/:@]+)/([^/#]+)(?:#.*)?$");

  private GitHubRepository() {}

  /** From a URL (PyPI's project URLs, npm's repository.url). */
  public static Optional<RepoRef> fromUrl(String url) {
    if (url == null) {
      return Optional.empty();
    }
    String u = url.trim();
    Matcher m = URL.matcher(u);
    if (!m.matches()) {
      m = SCP.matcher(u);
      if (!m.matches()) {
        return Optional.empty();
      }
    }
    return named(m.group(1), m.group(2));
  }

  /** From npm's repository field as a string: a URL, {@code github:o/r} or the {@code o/r} shorthand. */
  public static Optional<RepoRef> fromNpm(String repository) {
    if (repository == null) {
      return Optional.empty();
    }
    Optional<RepoRef> url = fromUrl(repository);
    if (url.isPresent()) {
      return url;
    }
    String r = repository.trim();
    if (r.contains("://") || (r.contains(":") && !r.toLowerCase(Locale.ROOT).startsWith("github:"))) {
      return Optional.empty();
    }
    Matcher m = SHORTHAND.matcher(r);
    return m.matches() ? named(m.group(1), m.group(2)) : Optional.empty();
  }

  private static Optional<RepoRef> named(String owner, String repo) {
    String name = repo.endsWith(".git") ? repo.substring(0, repo.length() - 4) : repo;
    if (!OWNER.matcher(owner).matches() || !REPO.matcher(name).matches() || name.equals(".") || name.equals("..")) {
      return Optional.empty();
    }
    return Optional.of(RepoRef.github(owner, name));
  }
}
