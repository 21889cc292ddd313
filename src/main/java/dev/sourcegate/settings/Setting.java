package dev.sourcegate.settings;

/**
 * Every setting of the gateway, in one place: its key in conf/sourcegate.yaml, its environment name
 * (which wins over the file) and its default. The GitHub names are Pyroscope's, so one deployment's
 * environment works for both.
 */
public enum Setting {
  GITHUB_CLIENT_ID("github.clientId", "GITHUB_CLIENT_ID", ""),
  GITHUB_CLIENT_SECRET("github.clientSecret", "GITHUB_CLIENT_SECRET", ""),
  GITHUB_SESSION_SECRET("github.sessionSecret", "GITHUB_SESSION_SECRET", ""),
  GITHUB_CALLBACK_URL("github.callbackUrl", "GITHUB_CALLBACK_URL", ""),
  HOST("server.host", "SOURCEGATE_HOST", "0.0.0.0"),
  PORT("server.port", "SOURCEGATE_PORT", "8080"),
  MULTITENANT("server.multitenant", "SOURCEGATE_MULTITENANT", "false"),
  MAX_REQUEST_BYTES("server.maxRequestBytes", "SOURCEGATE_MAX_REQUEST_BYTES", "1048576"),
  REQUEST_TIMEOUT_MS("server.requestTimeoutMs", "SOURCEGATE_REQUEST_TIMEOUT_MS", "30000"),
  SHUTDOWN_GRACE_MS("server.shutdownGraceMs", "SOURCEGATE_SHUTDOWN_GRACE_MS", "20000"),
  GITHUB_API_URL("upstream.githubApiUrl", "SOURCEGATE_GITHUB_API_URL", "https://api.github.com"),
  GITHUB_GRAPHQL_URL("upstream.githubGraphqlUrl", "SOURCEGATE_GITHUB_GRAPHQL_URL", ""),
  GITHUB_GRAPHQL("upstream.githubGraphql", "SOURCEGATE_GITHUB_GRAPHQL", "true"),
  GRAPHQL_QUERIES_PER_TOKEN("upstream.graphqlQueriesPerToken", "SOURCEGATE_GRAPHQL_QUERIES_PER_TOKEN", "1"),
  GRAPHQL_GATHER_MS("upstream.graphqlGatherMs", "SOURCEGATE_GRAPHQL_GATHER_MS", "30"),
  GRAPHQL_PREFETCH_PATHS("upstream.graphqlPrefetchPaths", "SOURCEGATE_GRAPHQL_PREFETCH_PATHS", "16"),
  GITHUB_URL("upstream.githubUrl", "SOURCEGATE_GITHUB_URL", "https://github.com"),
  GOOGLESOURCE_URL("upstream.googlesourceUrl", "SOURCEGATE_GOOGLESOURCE_URL", "https://go.googlesource.com"),
  GO_GET_URL("upstream.goGetUrl", "SOURCEGATE_GO_GET_URL", ""),
  UPSTREAM_CONNECT_TIMEOUT_MS("upstream.connectTimeoutMs", "SOURCEGATE_UPSTREAM_CONNECT_TIMEOUT_MS", "5000"),
  UPSTREAM_TIMEOUT_MS("upstream.timeoutMs", "SOURCEGATE_UPSTREAM_TIMEOUT_MS", "10000"),
  GET_COMMITS_CONCURRENCY("limits.getCommitsConcurrency", "SOURCEGATE_GET_COMMITS_CONCURRENCY", "8"),
  MAX_REFS("limits.maxRefs", "SOURCEGATE_MAX_REFS", "50"),
  MAX_FILE_BYTES("limits.maxFileBytes", "SOURCEGATE_MAX_FILE_BYTES", "10485760"),
  CACHE_MAX_BYTES("cache.maxBytes", "SOURCEGATE_CACHE_MAX_BYTES", "268435456"),
  REF_TTL_MS("cache.refTtlMs", "SOURCEGATE_REF_TTL_MS", "60000"),
  NEGATIVE_TTL_MS("cache.negativeTtlMs", "SOURCEGATE_NEGATIVE_TTL_MS", "30000"),
  VANITY_TTL_MS("cache.vanityTtlMs", "SOURCEGATE_VANITY_TTL_MS", "21600000"),
  ACCESS_TTL_MS("cache.accessTtlMs", "SOURCEGATE_ACCESS_TTL_MS", "300000"),
  REDIS_URL("cache.redisUrl", "SOURCEGATE_REDIS_URL", ""),
  REDIS_LOOKUP_MS("cache.redisLookupMs", "SOURCEGATE_REDIS_LOOKUP_MS", "100"),
  WARM_ANSWERS("cache.warmAnswers", "SOURCEGATE_WARM_ANSWERS", "true"),
  UPSTREAM_RETRIES("resilience.retries", "SOURCEGATE_UPSTREAM_RETRIES", "2"),
  UPSTREAM_RETRY_BASE_MS("resilience.retryBaseMs", "SOURCEGATE_UPSTREAM_RETRY_BASE_MS", "100"),
  BREAKER_WINDOW_MS("resilience.breakerWindowMs", "SOURCEGATE_BREAKER_WINDOW_MS", "10000"),
  BREAKER_MIN_CALLS("resilience.breakerMinCalls", "SOURCEGATE_BREAKER_MIN_CALLS", "5"),
  BREAKER_FAILURE_PERCENT("resilience.breakerFailurePercent", "SOURCEGATE_BREAKER_FAILURE_PERCENT", "50"),
  BREAKER_RESET_MS("resilience.breakerResetMs", "SOURCEGATE_BREAKER_RESET_MS", "10000"),
  HOST_MIN_CALLS("resilience.hostMinCalls", "SOURCEGATE_HOST_MIN_CALLS", "100"),
  RETRY_BUDGET_PERCENT("resilience.retryBudgetPercent", "SOURCEGATE_RETRY_BUDGET_PERCENT", "20"),
  RETRY_BUDGET_MIN_PER_SECOND("resilience.retryBudgetMinPerSecond", "SOURCEGATE_RETRY_BUDGET_MIN_PER_SECOND", "3"),
  GO_GET_ALLOW_PRIVATE("resilience.goGetAllowPrivateAddresses", "SOURCEGATE_GO_GET_ALLOW_PRIVATE", "false"),
  MAX_INFLIGHT("limits.maxInflight", "SOURCEGATE_MAX_INFLIGHT", "1024"),
  MAX_INFLIGHT_PER_TENANT("limits.maxInflightPerTenant", "SOURCEGATE_MAX_INFLIGHT_PER_TENANT", "256"),
  TRACING("observability.tracing", "SOURCEGATE_TRACING", "false"),
  ACCESS_LOG("observability.accessLog", "SOURCEGATE_ACCESS_LOG", "true"),
  DEMO("demo.enabled", "SOURCEGATE_DEMO", "false"),
  // admission and connection limits: what a client without a session can hold, and for how long
  MANAGEMENT_PORT("server.managementPort", "SOURCEGATE_MANAGEMENT_PORT", "8081"),
  MAX_CONNECTIONS("limits.maxConnections", "SOURCEGATE_MAX_CONNECTIONS", "4096"),
  IDLE_TIMEOUT_MS("server.idleTimeoutMs", "SOURCEGATE_IDLE_TIMEOUT_MS", "75000"),
  HEADER_TIMEOUT_MS("server.headerTimeoutMs", "SOURCEGATE_HEADER_TIMEOUT_MS", "10000"),
  BODY_TIMEOUT_MS("server.bodyTimeoutMs", "SOURCEGATE_BODY_TIMEOUT_MS", "5000"),
  MAX_REQUEST_TIMEOUT_MS("server.maxRequestTimeoutMs", "SOURCEGATE_MAX_REQUEST_TIMEOUT_MS", "60000"),
  MAX_INFLIGHT_UNAUTHENTICATED("limits.maxInflightUnauthenticated", "SOURCEGATE_MAX_INFLIGHT_UNAUTHENTICATED", "64"),
  // the runtime version used for a runtime frame when the repository tells none (docs/resolution.md §9.1)
  DEFAULT_JDK("runtimes.defaultJdk", "SOURCEGATE_DEFAULT_JDK", "21"),
  DEFAULT_NODE("runtimes.defaultNode", "SOURCEGATE_DEFAULT_NODE", "22"),
  DEFAULT_PYTHON("runtimes.defaultPython", "SOURCEGATE_DEFAULT_PYTHON", "3.12"),
  DEFAULT_RUBY("runtimes.defaultRuby", "SOURCEGATE_DEFAULT_RUBY", "3.3"),
  // the npm registry dependency frames are read from (docs/resolution.md, Node.js dependencies)
  NPM_URL("registries.npmUrl", "SOURCEGATE_NPM_URL", "https://registry.npmjs.org"),
  NPM_TOKEN("registries.npmToken", "SOURCEGATE_NPM_TOKEN", ""),
  NPM_MAX_TARBALL_BYTES("registries.npmMaxTarballBytes", "SOURCEGATE_NPM_MAX_TARBALL_BYTES", "52428800"),
  // package registries dependency frames are read from (docs/resolution.md §13)
  PYPI_URL("registries.pypiUrl", "SOURCEGATE_PYPI_URL", "https://pypi.org"),
  PYPI_TOKEN("registries.pypiToken", "SOURCEGATE_PYPI_TOKEN", ""),
  // RubyGems (or a mirror), where Ruby gem frames are read from (docs/resolution.md, Ruby gems)
  RUBYGEMS_URL("registries.rubygemsUrl", "SOURCEGATE_RUBYGEMS_URL", "https://rubygems.org"),
  RUBYGEMS_TOKEN("registries.rubygemsToken", "SOURCEGATE_RUBYGEMS_TOKEN", ""),
  RUBYGEMS_MAX_GEM_BYTES("registries.rubygemsMaxGemBytes", "SOURCEGATE_RUBYGEMS_MAX_GEM_BYTES", "52428800"),
  // crates.io (or a mirror) Rust dependency frames are read from (docs/resolution.md §16)
  CRATES_URL("registries.cratesUrl", "SOURCEGATE_CRATES_URL", "https://crates.io"),
  CRATES_TOKEN("registries.cratesToken", "SOURCEGATE_CRATES_TOKEN", ""),
  CRATES_MAX_CRATE_BYTES("registries.cratesMaxCrateBytes", "SOURCEGATE_CRATES_MAX_CRATE_BYTES", "33554432"),
  // the Maven repository Java dependency frames' sources jars are read from (docs/resolution.md §17)
  MAVEN_URL("registries.mavenUrl", "SOURCEGATE_MAVEN_URL", "https://repo1.maven.org/maven2"),
  MAVEN_TOKEN("registries.mavenToken", "SOURCEGATE_MAVEN_TOKEN", ""),
  MAVEN_MAX_JAR_BYTES("registries.mavenMaxJarBytes", "SOURCEGATE_MAVEN_MAX_JAR_BYTES", "67108864");

  private final String yamlKey;
  private final String envName;
  private final String defaultValue;

  Setting(String yamlKey, String envName, String defaultValue) {
    this.yamlKey = yamlKey;
    this.envName = envName;
    this.defaultValue = defaultValue;
  }

  public String yamlKey() {
    return yamlKey;
  }

  public String envName() {
    return envName;
  }

  public String defaultValue() {
    return defaultValue;
  }

  /** How a message names the setting: both spellings, so the reader finds it in either place. */
  public String label() {
    return envName + " (" + yamlKey + ")";
  }
}
