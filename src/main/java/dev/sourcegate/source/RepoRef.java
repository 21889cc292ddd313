package dev.sourcegate.source;

import java.util.Locale;

/**
 * A repository on a source host. {@link #key} is the one name the caches and the access checks file a
 * repository under: if two places built it two ways, an answer cached for one caller could be served to
 * another who may not read the repository.
 */
public record RepoRef(String host, String owner, String repo) {
  public static final String GITHUB = "github.com";

  public static RepoRef github(String owner, String repo) {
    return new RepoRef(GITHUB, owner, repo);
  }

  public String key() {
    return key(owner, repo);
  }

  /** "owner/repo" in lower case: GitHub's owner and repository names ignore case. */
  public static String key(String owner, String repo) {
    return (owner + "/" + repo).toLowerCase(Locale.ROOT);
  }
}
