package dev.sourcegate.fetch;

import dev.sourcegate.source.RepoRef;
import java.util.Locale;

/**
 * Who an upstream call is for, as far as failures go: upstreamName is how messages name the upstream
 * (never its host, which may be an internal name), key the scope whose failures are tracked together,
 * finer than the host (a GitHub repository, a Go vanity host, a googlesource project).
 */
public record UpstreamScope(String upstreamName, String key) {
  public static final String GITHUB = "GitHub";
  public static final String MODULE_HOST = "the module host";
  public static final String GO_SOURCE_HOST = "the Go source host";

  /** One GitHub repository; GitHub ignores case in owner and name. */
  public static UpstreamScope githubRepository(String owner, String repo) {
    return new UpstreamScope(GITHUB, "repo:" + RepoRef.key(owner, repo));
  }

  /**
   * GitHub's GraphQL endpoint: one query may span repositories, so its faults are the endpoint's own
   * and pause GraphQL (REST then serves) without pausing any repository's REST calls.
   */
  public static UpstreamScope githubGraphQl() {
    return new UpstreamScope(GITHUB, "graphql");
  }

  /** A Go vanity page: the import path's host, where one server answers every path. */
  public static UpstreamScope goImport(String importPath) {
    int slash = importPath.indexOf('/');
    return new UpstreamScope(MODULE_HOST, "go-get:" + (slash < 0 ? importPath : importPath.substring(0, slash)).toLowerCase(Locale.ROOT));
  }

  /** One googlesource project (go, tools, ...). */
  public static UpstreamScope googleSourceProject(String project) {
    return new UpstreamScope(GO_SOURCE_HOST, "googlesource:" + project.toLowerCase(Locale.ROOT));
  }
}
