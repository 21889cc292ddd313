package dev.sourcegate.settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reads conf/sourcegate.yaml (or the file SOURCEGATE_CONFIG names), lets the environment override each
 * setting, and validates everything at once so that a bad start-up names every wrong setting. Here each
 * setting is read into its place in {@link GatewayConfig}; {@link SettingsFile} reads the file,
 * {@link SettingValues} one typed value, {@link CrossSettingChecks} the rules between settings.
 */
public final class SettingsLoader {
  public static final String CONFIG_FILE_ENV = "SOURCEGATE_CONFIG";
  public static final Path DEFAULT_FILE = Path.of("conf", "sourcegate.yaml");

  private SettingsLoader() {}

  /** From the process environment, the file it names, or conf/sourcegate.yaml when that exists. */
  public static GatewayConfig fromEnvironment() {
    return load(System.getenv());
  }

  public static GatewayConfig load(Map<String, String> env) {
    String named = env.get(CONFIG_FILE_ENV);
    Path file;
    if (named != null && !named.isBlank()) {
      file = Path.of(named);
      if (!Files.isRegularFile(file)) {
        throw new ConfigException(CONFIG_FILE_ENV + ": no such file: " + named);
      }
    } else {
      file = Files.isRegularFile(DEFAULT_FILE) ? DEFAULT_FILE : null;
    }
    return load(env, file == null ? null : readFile(file));
  }

  /** yamlText may be null (no file). */
  public static GatewayConfig load(Map<String, String> env, String yamlText) {
    RetiredSettings.reject(env);
    Map<Setting, String> raw = new EnumMap<>(Setting.class);
    SettingsFile file = SettingsFile.parse(yamlText);
    for (Setting s : Setting.values()) {
      String value = s.defaultValue();
      String fromFile = file.valueOf(s);
      if (fromFile != null) {
        value = fromFile;
      }
      String fromEnv = env.get(s.envName());
      if (fromEnv != null) {
        value = fromEnv;
      }
      raw.put(s, value.trim());
    }
    return validate(raw);
  }

  private static GatewayConfig validate(Map<Setting, String> raw) {
    List<String> errors = new ArrayList<>();
    SettingValues v = new SettingValues(raw, errors);
    var app = new GatewayConfig.GitHubApp(
        raw.get(Setting.GITHUB_CLIENT_ID),
        raw.get(Setting.GITHUB_CLIENT_SECRET),
        raw.get(Setting.GITHUB_SESSION_SECRET),
        raw.get(Setting.GITHUB_CALLBACK_URL));
    if (!app.callbackUrl().isEmpty()) {
      v.url(Setting.GITHUB_CALLBACK_URL);
    }
    String host = raw.get(Setting.HOST);
    if (host.isEmpty()) {
      errors.add(Setting.HOST.label() + ": must not be empty");
    }
    int port = v.integer(Setting.PORT, 0, 65535);
    boolean multitenant = v.bool(Setting.MULTITENANT);
    int maxBody = v.integer(Setting.MAX_REQUEST_BYTES, 1024, 64 * 1024 * 1024);
    long requestTimeout = v.integer(Setting.REQUEST_TIMEOUT_MS, 1, 600_000);
    long grace = v.integer(Setting.SHUTDOWN_GRACE_MS, 0, 600_000);
    var upstreams = new GatewayConfig.Upstreams(
        v.url(Setting.GITHUB_API_URL),
        v.url(Setting.GITHUB_URL),
        v.url(Setting.GOOGLESOURCE_URL),
        raw.get(Setting.GO_GET_URL).isEmpty() ? null : v.url(Setting.GO_GET_URL),
        v.integer(Setting.UPSTREAM_CONNECT_TIMEOUT_MS, 1, 600_000),
        v.integer(Setting.UPSTREAM_TIMEOUT_MS, 1, 600_000),
        raw.get(Setting.GITHUB_GRAPHQL_URL).isEmpty() ? null : v.url(Setting.GITHUB_GRAPHQL_URL),
        v.bool(Setting.GITHUB_GRAPHQL),
        v.integer(Setting.GRAPHQL_QUERIES_PER_TOKEN, 1, 16),
        v.integer(Setting.GRAPHQL_GATHER_MS, 0, 1000),
        v.integer(Setting.GRAPHQL_PREFETCH_PATHS, 0, GatewayConfig.Upstreams.MAX_GRAPHQL_PREFETCH_PATHS));
    int concurrency = v.integer(Setting.GET_COMMITS_CONCURRENCY, 1, 256);
    int maxRefs = v.integer(Setting.MAX_REFS, 1, 10_000);
    int maxFile = v.integer(Setting.MAX_FILE_BYTES, 1024, 100 * 1024 * 1024);
    var cache = new GatewayConfig.Cache(
        v.longValue(Setting.CACHE_MAX_BYTES, 0, 1L << 40),
        v.longValue(Setting.REF_TTL_MS, 0, 86_400_000L),
        v.longValue(Setting.NEGATIVE_TTL_MS, 0, 86_400_000L),
        v.longValue(Setting.VANITY_TTL_MS, 0, 7 * 86_400_000L),
        v.longValue(Setting.ACCESS_TTL_MS, 0, 86_400_000L),
        v.redisUrl(Setting.REDIS_URL),
        v.bool(Setting.WARM_ANSWERS),
        v.longValue(Setting.REDIS_LOOKUP_MS, 1, 60_000));
    var resilience = new GatewayConfig.Resilience(
        v.integer(Setting.UPSTREAM_RETRIES, 0, 10),
        v.integer(Setting.UPSTREAM_RETRY_BASE_MS, 1, 60_000),
        v.longValue(Setting.BREAKER_WINDOW_MS, 1_000, 3_600_000L),
        v.integer(Setting.BREAKER_MIN_CALLS, 1, 1_000_000),
        v.integer(Setting.BREAKER_FAILURE_PERCENT, 1, 100),
        v.longValue(Setting.BREAKER_RESET_MS, 100, 3_600_000L),
        v.integer(Setting.HOST_MIN_CALLS, 1, 1_000_000),
        v.integer(Setting.RETRY_BUDGET_PERCENT, 0, 100),
        v.integer(Setting.RETRY_BUDGET_MIN_PER_SECOND, 0, 100_000),
        v.bool(Setting.GO_GET_ALLOW_PRIVATE));
    CrossSettingChecks.resilience(resilience, errors);
    var limits = new GatewayConfig.Limits(
        v.integer(Setting.MAX_INFLIGHT, 1, 1_000_000),
        v.integer(Setting.MAX_INFLIGHT_PER_TENANT, 1, 1_000_000));
    var observability = new GatewayConfig.Observability(v.bool(Setting.TRACING), v.bool(Setting.ACCESS_LOG));
    boolean demo = v.bool(Setting.DEMO);
    CrossSettingChecks.fleetCacheKey(cache, app, demo, errors);
    var admission = admission(v, port, requestTimeout, errors);
    var runtimes = new GatewayConfig.RuntimeDefaults(
        v.matching(Setting.DEFAULT_JDK, "(8|9|[1-9]\\d)(\\.0\\.\\d+)?", "a JDK feature release such as 21 or a release such as 21.0.5"),
        v.matching(Setting.DEFAULT_NODE, "[1-9]\\d?(\\.\\d+\\.\\d+)?", "a Node.js major such as 22 or a release such as 22.11.0"),
        v.matching(Setting.DEFAULT_PYTHON, "3\\.\\d{1,2}(\\.\\d+)?", "a Python version such as 3.12 or 3.12.4"),
        v.matching(Setting.DEFAULT_RUBY, "[1-9]\\.\\d(\\.\\d+)?", "a Ruby version such as 3.3 or 3.3.6"));
    var npm = new GatewayConfig.NpmRegistry(v.url(Setting.NPM_URL), raw.get(Setting.NPM_TOKEN),
        v.integer(Setting.NPM_MAX_TARBALL_BYTES, 1024, 1024 * 1024 * 1024));
    var pypi = new GatewayConfig.PyPi(v.url(Setting.PYPI_URL), raw.get(Setting.PYPI_TOKEN));
    var rubygems = new GatewayConfig.RubyGems(v.url(Setting.RUBYGEMS_URL), raw.get(Setting.RUBYGEMS_TOKEN),
        v.integer(Setting.RUBYGEMS_MAX_GEM_BYTES, 1024, 1024 * 1024 * 1024));
    var crates = new GatewayConfig.Crates(v.url(Setting.CRATES_URL), raw.get(Setting.CRATES_TOKEN),
        v.integer(Setting.CRATES_MAX_CRATE_BYTES, 1024, 1024 * 1024 * 1024));
    var maven = new GatewayConfig.Maven(v.url(Setting.MAVEN_URL), raw.get(Setting.MAVEN_TOKEN),
        v.integer(Setting.MAVEN_MAX_JAR_BYTES, 64 * 1024, 1024 * 1024 * 1024));
    if (!errors.isEmpty()) {
      throw new ConfigException("invalid configuration: " + String.join("; ", errors));
    }
    return new GatewayConfig(
        app, host, port, multitenant, maxBody, requestTimeout, grace, upstreams, concurrency, maxRefs, maxFile, cache,
        resilience, limits, observability, demo, admission, runtimes, npm, pypi, rubygems, crates, maven);
  }

  private static GatewayConfig.Admission admission(SettingValues v, int port, long requestTimeout, List<String> errors) {
    var a = new GatewayConfig.Admission(
        v.integer(Setting.MANAGEMENT_PORT, 0, 65535),
        v.integer(Setting.MAX_CONNECTIONS, 1, 10_000_000),
        v.longValue(Setting.IDLE_TIMEOUT_MS, 1_000, 3_600_000L),
        v.longValue(Setting.HEADER_TIMEOUT_MS, 100, 600_000L),
        v.longValue(Setting.BODY_TIMEOUT_MS, 100, 600_000L),
        v.longValue(Setting.MAX_REQUEST_TIMEOUT_MS, 1, 3_600_000L),
        v.integer(Setting.MAX_INFLIGHT_UNAUTHENTICATED, 1, 1_000_000));
    CrossSettingChecks.admission(a, port, requestTimeout, errors);
    return a;
  }

  private static String readFile(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException(CONFIG_FILE_ENV + ": cannot read " + file + ": " + e.getMessage());
    }
  }
}
