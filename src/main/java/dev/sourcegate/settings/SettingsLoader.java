package dev.sourcegate.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads conf/sourcegate.yaml (or the file SOURCEGATE_CONFIG names), lets the environment override each
 * setting, and validates everything at once so that a bad start-up names every wrong setting.
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
    rejectRetiredSettings(env);
    Map<Setting, String> raw = new EnumMap<>(Setting.class);
    JsonNode root = parseYaml(yamlText);
    rejectUnknownKeys(root);
    for (Setting s : Setting.values()) {
      String value = s.defaultValue();
      JsonNode node = at(root, s.yamlKey());
      if (node != null && !node.isNull()) {
        if (node.isContainerNode()) {
          throw new ConfigException(s.label() + ": expected a single value, found a " + node.getNodeType());
        }
        value = node.asText();
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
    Values v = new Values(raw, errors);
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
        raw.get(Setting.GITHUB_GRAPHQL_URL).isEmpty() ? null : v.url(Setting.GITHUB_GRAPHQL_URL));
    int concurrency = v.integer(Setting.GET_COMMITS_CONCURRENCY, 1, 256);
    int maxRefs = v.integer(Setting.MAX_REFS, 1, 10_000);
    int maxFile = v.integer(Setting.MAX_FILE_BYTES, 1024, 100 * 1024 * 1024);
    var cache = new GatewayConfig.Cache(
        v.longValue(Setting.CACHE_MAX_BYTES, 0, 1L << 40),
        v.longValue(Setting.REF_TTL_MS, 0, 86_400_000L),
        v.longValue(Setting.NEGATIVE_TTL_MS, 0, 86_400_000L),
        v.longValue(Setting.VANITY_TTL_MS, 0, 7 * 86_400_000L),
        v.longValue(Setting.ACCESS_TTL_MS, 0, 86_400_000L),
        v.redisUrl(Setting.REDIS_URL));
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
    if (resilience.hostMinCalls() < 2 * resilience.breakerMinCalls()) {
      // below twice a scope's fault allowance, one failing repository alone could tip the host-wide throttle
      errors.add(Setting.HOST_MIN_CALLS.label() + ": " + resilience.hostMinCalls() + " must be at least twice "
          + Setting.BREAKER_MIN_CALLS.label() + " (" + resilience.breakerMinCalls() + ")");
    }
    var limits = new GatewayConfig.Limits(
        v.integer(Setting.MAX_INFLIGHT, 1, 1_000_000),
        v.integer(Setting.MAX_INFLIGHT_PER_TENANT, 1, 1_000_000));
    var observability = new GatewayConfig.Observability(v.bool(Setting.TRACING), v.bool(Setting.ACCESS_LOG));
    boolean demo = v.bool(Setting.DEMO);
    if (cache.redisEnabled() && app.sessionSecret().isEmpty() && !demo) {
      // a per-process key would keep each replica from reading what the others wrote (the demo makes
      // up a session secret of its own, so it has a key)
      errors.add(Setting.REDIS_URL.label() + ": the fleet cache encrypts what it stores with a key derived from "
          + Setting.GITHUB_SESSION_SECRET.label() + ", which is not set");
    }
    var admission = admission(v, port, requestTimeout, errors);
    if (!errors.isEmpty()) {
      throw new ConfigException("invalid configuration: " + String.join("; ", errors));
    }
    return new GatewayConfig(
        app, host, port, multitenant, maxBody, requestTimeout, grace, upstreams, concurrency, maxRefs, maxFile, cache,
        resilience, limits, observability, demo, admission);
  }

  private static GatewayConfig.Admission admission(Values v, int port, long requestTimeout, List<String> errors) {
    var a = new GatewayConfig.Admission(
        v.integer(Setting.MANAGEMENT_PORT, 0, 65535),
        v.integer(Setting.MAX_CONNECTIONS, 1, 10_000_000),
        v.longValue(Setting.IDLE_TIMEOUT_MS, 1_000, 3_600_000L),
        v.longValue(Setting.HEADER_TIMEOUT_MS, 100, 600_000L),
        v.longValue(Setting.BODY_TIMEOUT_MS, 100, 600_000L),
        v.longValue(Setting.MAX_REQUEST_TIMEOUT_MS, 1, 3_600_000L),
        v.integer(Setting.MAX_INFLIGHT_UNAUTHENTICATED, 1, 1_000_000));
    if (a.managementPort() != 0 && a.managementPort() == port) {
      errors.add(Setting.MANAGEMENT_PORT.label() + ": must differ from " + Setting.PORT.label());
    }
    if (a.idleTimeoutMs() <= a.maxRequestTimeoutMs()) {
      // a connection waiting for its answer has no traffic either way: it must outlive the longest deadline
      errors.add(Setting.IDLE_TIMEOUT_MS.label() + ": " + a.idleTimeoutMs() + " must be over "
          + Setting.MAX_REQUEST_TIMEOUT_MS.label() + " (" + a.maxRequestTimeoutMs() + ")");
    }
    if (requestTimeout > a.maxRequestTimeoutMs()) {
      errors.add(Setting.REQUEST_TIMEOUT_MS.label() + ": " + requestTimeout + " is over "
          + Setting.MAX_REQUEST_TIMEOUT_MS.label() + " (" + a.maxRequestTimeoutMs() + ")");
    }
    return a;
  }

  /** Typed reads that collect errors instead of stopping at the first. */
  private record Values(Map<Setting, String> raw, List<String> errors) {
    int integer(Setting s, int min, int max) {
      long n = longValue(s, min, max);
      return n < min || n > max ? min : (int) n;
    }

    long longValue(Setting s, long min, long max) {
      String text = raw.get(s);
      try {
        long n = Long.parseLong(text);
        if (n < min || n > max) {
          errors.add(s.label() + ": " + n + " is outside " + min + ".." + max);
        }
        return n;
      } catch (NumberFormatException e) {
        errors.add(s.label() + ": \"" + Redact.value(s, text) + "\" is not a whole number");
        return min;
      }
    }

    /** Empty (off) or redis://[user:pass@]host[:port][/db] (rediss:// for TLS). */
    String redisUrl(Setting s) {
      String text = raw.get(s);
      if (text.isEmpty()) {
        return "";
      }
      try {
        URI uri = new URI(text);
        if (!("redis".equalsIgnoreCase(uri.getScheme()) || "rediss".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
          errors.add(s.label() + ": expected redis://host:port or rediss://host:port");
        }
      } catch (URISyntaxException e) {
        errors.add(s.label() + ": not a URL");
      }
      return text;
    }

    boolean bool(Setting s) {
      String text = raw.get(s);
      if (text.equalsIgnoreCase("true")) {
        return true;
      }
      if (!text.equalsIgnoreCase("false")) {
        errors.add(s.label() + ": \"" + Redact.value(s, text) + "\" is neither true nor false");
      }
      return false;
    }

    URI url(Setting s) {
      String text = raw.get(s);
      try {
        URI uri = new URI(text);
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
            || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
          errors.add(s.label() + ": \"" + Redact.value(s, text) + "\" is not an http(s) URL with a host");
          return null;
        }
        return uri;
      } catch (URISyntaxException e) {
        errors.add(s.label() + ": \"" + Redact.value(s, text) + "\" is not a URL");
        return null;
      }
    }
  }

  private static String readFile(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException(CONFIG_FILE_ENV + ": cannot read " + file + ": " + e.getMessage());
    }
  }

  private static JsonNode parseYaml(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      JsonNode node = new ObjectMapper(new YAMLFactory()).readTree(text);
      if (node != null && !node.isNull() && !node.isObject()) {
        throw new ConfigException("configuration file: the top level must be a mapping of settings");
      }
      return node;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      // the parser's full message quotes the offending lines, which may hold a secret: say where, not what
      String problem = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
      var at = e.getLocation();
      throw new ConfigException("configuration file is not valid YAML: " + problem
          + (at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    }
  }

  private static JsonNode at(JsonNode root, String dottedKey) {
    JsonNode node = root;
    for (String part : dottedKey.split("\\.")) {
      if (node == null || !node.isObject()) {
        return null;
      }
      node = node.get(part);
    }
    return node;
  }

  /**
   * Settings that no longer exist, with what replaced them: left in a deployment's environment they
   * would otherwise be ignored without a word (a file's old key already fails as unknown).
   */
  private static final Map<String, String> RETIRED = Map.of(
      "SOURCEGATE_BREAKER_FAILURES", "breakers now open on a failure rate per repository: use "
          + Setting.BREAKER_MIN_CALLS.envName() + " and " + Setting.BREAKER_FAILURE_PERCENT.envName());

  private static void rejectRetiredSettings(Map<String, String> env) {
    List<String> errors = new ArrayList<>();
    RETIRED.forEach((name, instead) -> {
      if (env.containsKey(name)) {
        errors.add(name + ": no longer a setting; " + instead);
      }
    });
    if (!errors.isEmpty()) {
      throw new ConfigException("invalid configuration: " + String.join("; ", errors));
    }
  }

  /** A misspelt key would otherwise be silently ignored and its default used. */
  private static void rejectUnknownKeys(JsonNode root) {
    if (root == null || root.isNull()) {
      return;
    }
    Set<String> known = new TreeSet<>();
    for (Setting s : Setting.values()) {
      known.add(s.yamlKey());
    }
    List<String> unknown = new ArrayList<>();
    collectLeaves(root, "", known, unknown);
    if (!unknown.isEmpty()) {
      throw new ConfigException("configuration file: unknown setting(s) " + unknown + "; known: " + known);
    }
  }

  private static void collectLeaves(JsonNode node, String prefix, Set<String> known, List<String> unknown) {
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      if (known.contains(key)) {
        continue;
      }
      boolean isGroup = e.getValue().isObject() && known.stream().anyMatch(k -> k.startsWith(key + "."));
      if (isGroup) {
        collectLeaves(e.getValue(), key, known, unknown);
      } else {
        unknown.add(key);
      }
    }
  }
}
