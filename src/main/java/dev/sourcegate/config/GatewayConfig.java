package dev.sourcegate.config;

import java.net.URI;

/** The validated configuration. Built only by {@link ConfigLoader}. */
public record GatewayConfig(
    GitHubApp githubApp,
    String host,
    int port,
    boolean multitenant,
    int maxRequestBytes,
    long requestTimeoutMs,
    long shutdownGraceMs,
    Upstreams upstreams,
    int getCommitsConcurrency,
    int maxRefs,
    int maxFileBytes,
    Cache cache) {

  /** The GitHub App (OAuth) settings; any may be empty, which turns the login RPCs off. */
  public record GitHubApp(String clientId, String clientSecret, String sessionSecret, String callbackUrl) {
    /** GithubApp answers unimplemented unless all three are set (vcs-api.md section 4). */
    public boolean configured() {
      return !clientId.isEmpty() && !clientSecret.isEmpty() && !sessionSecret.isEmpty();
    }

    @Override
    public String toString() {
      return "GitHubApp[clientId=" + clientId + ", clientSecret=" + (clientSecret.isEmpty() ? "" : "***")
          + ", sessionSecret=" + (sessionSecret.isEmpty() ? "" : "***") + ", callbackUrl=" + callbackUrl + "]";
    }
  }

  /**
   * The shared cache: its size in bytes, how long a ref -> commit answer is trusted before it is
   * revalidated, how long "not found" is remembered, how long vanity pages are kept, and how long a
   * token's access to a private repository is remembered.
   */
  public record Cache(long maxBytes, long refTtlMs, long negativeTtlMs, long vanityTtlMs, long accessTtlMs) {}

  /** Where the gateway reaches out to; goGetUrl is null when vanity pages are read from the import path's host. */
  public record Upstreams(
      URI githubApiUrl, URI githubUrl, URI googlesourceUrl, URI goGetUrl, int connectTimeoutMs, int timeoutMs) {}
}
