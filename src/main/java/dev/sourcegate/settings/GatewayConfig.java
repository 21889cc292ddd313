package dev.sourcegate.settings;

import java.net.URI;

/** The validated configuration. Built only by {@link SettingsLoader}. */
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
    Cache cache,
    Resilience resilience,
    Limits limits,
    Observability observability,
    boolean demo,
    Admission admission,
    RuntimeDefaults runtimes,
    NpmRegistry npm,
    PyPi pypi,
    RubyGems rubygems,
    Crates crates,
    Maven maven) {

  /**
   * The RubyGems registry (rubygems.org or a mirror: Artifactory, Nexus, Gemfury) gem frames are read
   * from: its URL (user:password in it is sent as Basic), an optional token (user:password for Basic,
   * else sent as the Authorization header as it is, which is how RubyGems takes its API keys; wins over
   * the URL's credentials) and the largest .gem read.
   */
  public record RubyGems(URI url, String token, int maxGemBytes) {
    @Override
    public String toString() {
      return "RubyGems[url=" + Redact.text(String.valueOf(url)) + ", token=" + (token.isEmpty() ? "" : "***")
          + ", maxGemBytes=" + maxGemBytes + "]";
    }
  }

  /**
   * The crate registry (crates.io's web API, or a mirror of it) Rust dependency frames are read from:
   * its URL (user:password in it is sent as Basic), an optional Authorization header value (sent as it is,
   * as Cargo sends a registry token; wins over the URL's credentials) and the largest .crate read.
   */
  public record Crates(URI url, String token, int maxCrateBytes) {
    @Override
    public String toString() {
      return "Crates[url=" + Redact.text(String.valueOf(url)) + ", token=" + (token.isEmpty() ? "" : "***")
          + ", maxCrateBytes=" + maxCrateBytes + "]";
    }
  }

  /**
   * The Maven repository (Maven Central, or a mirror: Nexus, Artifactory) sources jars and poms are read
   * from, its credentials (a token: "user:password" for Basic, else Bearer; user:password may also sit in
   * the URL) and the largest jar downloaded whole when the server ignores Range.
   */
  public record Maven(URI url, String token, int maxJarBytes) {
    @Override
    public String toString() {
      return "Maven[url=" + Redact.text(url.toString()) + ", token=" + (token.isEmpty() ? "" : "***")
          + ", maxJarBytes=" + maxJarBytes + "]";
    }
  }

  /**
   * The npm registry (or mirror) dependency frames are read from: its URL (user:password in it is sent
   * as Basic), an optional bearer token (wins over the URL's credentials) and the largest tarball read.
   */
  public record NpmRegistry(URI url, String token, int maxTarballBytes) {
    @Override
    public String toString() {
      return "NpmRegistry[url=" + Redact.text(String.valueOf(url)) + ", token=" + (token.isEmpty() ? "" : "***")
          + ", maxTarballBytes=" + maxTarballBytes + "]";
    }
  }

  /**
   * The Python package registry (PyPI's JSON API, or a mirror of it) and its credentials: a token
   * ("user:password" for Basic, else Bearer), or none (user:password may also sit in the URL).
   */
  public record PyPi(URI url, String token) {
    @Override
    public String toString() {
      return "PyPi[url=" + Redact.text(url.toString()) + ", token=" + (token.isEmpty() ? "" : "***") + "]";
    }
  }

  /**
   * The runtime versions used for runtime frames when the repository tells none: a JDK feature release
   * ("21") or release ("21.0.5"), a Node.js major ("22") or release, a Python and a Ruby X.Y or X.Y.Z.
   */
  public record RuntimeDefaults(String jdk, String node, String python, String ruby) {}

  /**
   * What a client can hold before its session is known, and for how long: the management port (health,
   * readiness and metrics, outside every cap below), open connections, how long a connection may sit
   * without delivering a request's headers (from opening or from its previous answer) or without any
   * traffic, how long a request body may take to arrive, the largest Connect-Timeout-Ms honoured, and
   * the RPCs in flight without a verified session cookie (GithubApp, GithubLogin and anything whose
   * cookie is missing, unknown or fails to open).
   */
  public record Admission(int managementPort, int maxConnections, long idleTimeoutMs, long headerTimeoutMs,
      long bodyTimeoutMs, long maxRequestTimeoutMs, int maxInflightUnauthenticated) {}

  /**
   * How upstream failures are met: retries of idempotent GETs (count, first back-off); a breaker per
   * scope (repository) that opens when at least breakerMinCalls calls ended in breakerWindowMs and at
   * least breakerFailurePercent of them were upstream faults, with a half-open probe after breakerResetMs;
   * host-wide adaptive throttling that never refuses below hostMinCalls calls in the window; and a retry
   * budget per host (retries at most retryBudgetPercent of first attempts, plus retryBudgetMinPerSecond).
   * goGetAllowPrivate lets vanity look-ups reach private addresses: for tests only, off by default.
   */
  public record Resilience(int retries, int retryBaseMs, long breakerWindowMs, int breakerMinCalls,
      int breakerFailurePercent, long breakerResetMs, int hostMinCalls, int retryBudgetPercent,
      int retryBudgetMinPerSecond, boolean goGetAllowPrivate) {}

  /** Load shedding: RPCs served at once, in all and per tenant; past it, resource_exhausted at once. */
  public record Limits(int maxInflight, int maxInflightPerTenant) {}

  /** OpenTelemetry tracing (off by default) and JSON access logs (on by default). */
  public record Observability(boolean tracing, boolean accessLog) {}

  /** The GitHub App (OAuth) settings; any may be empty, which turns the login RPCs off. */
  public record GitHubApp(String clientId, String clientSecret, String sessionSecret, String callbackUrl) {
    /** GithubApp answers unimplemented unless all three are set (docs/api.md §4). */
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
   * token's access to a private repository is remembered. warmAnswers: a GetFile already answered is
   * answered again by the HTTP verticle from the resolver's cache, with no event-bus hop (off: every
   * GetFile goes through the resolver; the answers are the same, only slower). redisLookupMs: how long a
   * fleet-cache (Redis) look-up may take before it counts as a miss.
   */
  public record Cache(long maxBytes, long refTtlMs, long negativeTtlMs, long vanityTtlMs, long accessTtlMs, String redisUrl,
      boolean warmAnswers, long redisLookupMs) {
    public boolean redisEnabled() {
      return redisUrl != null && !redisUrl.isEmpty();
    }
  }

  /**
   * Where the gateway reaches out to; goGetUrl is null when vanity pages are read from the import path's
   * host, githubGraphqlUrl null when GitHub's GraphQL endpoint is derived from githubApiUrl; githubGraphql
   * false keeps every GitHub read on REST; graphqlQueriesPerToken: GraphQL file queries one token may have
   * in flight (look-ups arriving meanwhile join the next one); graphqlGatherMs: the longest look-ups
   * that waited behind a query wait for more before theirs goes (less once the token's usual callers wait); graphqlPrefetchPaths: extra oid-only
   * look-ups of recently found paths a GraphQL file query at a commit may carry (0 to 100, 0 = none).
   */
  public record Upstreams(URI githubApiUrl, URI githubUrl, URI googlesourceUrl, URI goGetUrl, int connectTimeoutMs,
      int timeoutMs, URI githubGraphqlUrl, boolean githubGraphql, int graphqlQueriesPerToken, int graphqlGatherMs,
      int graphqlPrefetchPaths) {
    public static final int DEFAULT_GRAPHQL_GATHER_MS = 30;
    public static final int DEFAULT_GRAPHQL_PREFETCH_PATHS = 16;
    public static final int MAX_GRAPHQL_PREFETCH_PATHS = 100;

    /** The default gather pause and number of extras per GraphQL file query. */
    public Upstreams(URI githubApiUrl, URI githubUrl, URI googlesourceUrl, URI goGetUrl, int connectTimeoutMs,
        int timeoutMs, URI githubGraphqlUrl, boolean githubGraphql, int graphqlQueriesPerToken) {
      this(githubApiUrl, githubUrl, googlesourceUrl, goGetUrl, connectTimeoutMs, timeoutMs, githubGraphqlUrl, githubGraphql,
          graphqlQueriesPerToken, DEFAULT_GRAPHQL_GATHER_MS, DEFAULT_GRAPHQL_PREFETCH_PATHS);
    }

    /** One GraphQL file query in flight per token, its default. */
    public Upstreams(URI githubApiUrl, URI githubUrl, URI googlesourceUrl, URI goGetUrl, int connectTimeoutMs,
        int timeoutMs, URI githubGraphqlUrl, boolean githubGraphql) {
      this(githubApiUrl, githubUrl, googlesourceUrl, goGetUrl, connectTimeoutMs, timeoutMs, githubGraphqlUrl, githubGraphql, 1);
    }

    /** GraphQL on, its default. */
    public Upstreams(URI githubApiUrl, URI githubUrl, URI googlesourceUrl, URI goGetUrl, int connectTimeoutMs,
        int timeoutMs, URI githubGraphqlUrl) {
      this(githubApiUrl, githubUrl, googlesourceUrl, goGetUrl, connectTimeoutMs, timeoutMs, githubGraphqlUrl, true);
    }
  }
}
