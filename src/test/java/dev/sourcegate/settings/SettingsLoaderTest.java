package dev.sourcegate.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** conf/sourcegate.yaml, the environment over it, and validation that names every bad setting. */
class SettingsLoaderTest {

  private static GatewayConfig load(Map<String, String> env) {
    return SettingsLoader.load(env, null);
  }

  private static ConfigException bad(Map<String, String> env, String yaml) {
    return assertThrows(ConfigException.class, () -> SettingsLoader.load(env, yaml));
  }

  @Test
  void defaults() {
    GatewayConfig c = load(Map.of());
    assertEquals("", c.githubApp().clientId());
    assertEquals("", c.githubApp().clientSecret());
    assertEquals("", c.githubApp().sessionSecret());
    assertEquals("", c.githubApp().callbackUrl());
    assertFalse(c.githubApp().configured());
    assertEquals("0.0.0.0", c.host());
    assertEquals(8080, c.port());
    assertFalse(c.multitenant());
    assertEquals(1_048_576, c.maxRequestBytes());
    assertEquals(30_000, c.requestTimeoutMs());
    assertEquals(20_000, c.shutdownGraceMs());
    assertEquals(URI.create("https://api.github.com"), c.upstreams().githubApiUrl());
    assertEquals(URI.create("https://github.com"), c.upstreams().githubUrl());
    assertEquals(URI.create("https://go.googlesource.com"), c.upstreams().googlesourceUrl());
    assertNull(c.upstreams().goGetUrl(), "unset: vanity pages are read from the import path's own host");
    assertNull(c.upstreams().githubGraphqlUrl(), "unset: derived from the REST root");
    assertEquals(5_000, c.upstreams().connectTimeoutMs());
    assertEquals(10_000, c.upstreams().timeoutMs());
    assertEquals(8, c.getCommitsConcurrency());
    assertEquals(50, c.maxRefs());
  }

  @Test
  void everySettingIsReadFromTheEnvironment() {
    Map<String, String> env = new HashMap<>();
    env.put("GITHUB_CLIENT_ID", "Iv1.abc");
    env.put("GITHUB_CLIENT_SECRET", "shh");
    env.put("GITHUB_SESSION_SECRET", "16_byte_key_XXXX");
    env.put("GITHUB_CALLBACK_URL", "https://grafana.example/callback");
    env.put("SOURCEGATE_HOST", "127.0.0.1");
    env.put("SOURCEGATE_PORT", "9099");
    env.put("SOURCEGATE_MULTITENANT", "true");
    env.put("SOURCEGATE_MAX_REQUEST_BYTES", "2048");
    env.put("SOURCEGATE_REQUEST_TIMEOUT_MS", "1234");
    env.put("SOURCEGATE_SHUTDOWN_GRACE_MS", "0");
    env.put("SOURCEGATE_GITHUB_API_URL", "https://ghe.example/api/v3");
    env.put("SOURCEGATE_GITHUB_URL", "https://ghe.example");
    env.put("SOURCEGATE_GOOGLESOURCE_URL", "http://127.0.0.1:1234/gs");
    env.put("SOURCEGATE_GO_GET_URL", "http://127.0.0.1:1234/goget");
    env.put("SOURCEGATE_GITHUB_GRAPHQL_URL", "https://ghe.example/api/graphql");
    env.put("SOURCEGATE_UPSTREAM_CONNECT_TIMEOUT_MS", "111");
    env.put("SOURCEGATE_UPSTREAM_TIMEOUT_MS", "222");
    env.put("SOURCEGATE_GET_COMMITS_CONCURRENCY", "3");
    env.put("SOURCEGATE_MAX_REFS", "7");
    GatewayConfig c = load(env);
    assertEquals(new GatewayConfig.GitHubApp("Iv1.abc", "shh", "16_byte_key_XXXX", "https://grafana.example/callback"), c.githubApp());
    assertTrue(c.githubApp().configured());
    assertEquals("127.0.0.1", c.host());
    assertEquals(9099, c.port());
    assertTrue(c.multitenant());
    assertEquals(2048, c.maxRequestBytes());
    assertEquals(1234, c.requestTimeoutMs());
    assertEquals(0, c.shutdownGraceMs());
    assertEquals(new GatewayConfig.Upstreams(URI.create("https://ghe.example/api/v3"), URI.create("https://ghe.example"),
        URI.create("http://127.0.0.1:1234/gs"), URI.create("http://127.0.0.1:1234/goget"), 111, 222,
        URI.create("https://ghe.example/api/graphql")), c.upstreams());
    assertEquals(3, c.getCommitsConcurrency());
    assertEquals(7, c.maxRefs());
    assertFalse(c.githubApp().toString().contains("shh"), "secrets never printed");
    assertFalse(c.githubApp().toString().contains("16_byte_key_XXXX"), "secrets never printed");
  }

  private static final String FILE = """
      github:
        clientId: "from-file"
        callbackUrl: "https://file.example/cb"
      server:
        port: 9000
        multitenant: true
        requestTimeoutMs: 777
      upstream:
        githubApiUrl: "https://file.example/api/v3"
      limits:
        maxRefs: 12
      """;

  @Test
  void theFileSetsValues() {
    GatewayConfig c = SettingsLoader.load(Map.of(), FILE);
    assertEquals("from-file", c.githubApp().clientId());
    assertEquals("https://file.example/cb", c.githubApp().callbackUrl());
    assertEquals(9000, c.port());
    assertTrue(c.multitenant());
    assertEquals(777, c.requestTimeoutMs());
    assertEquals(URI.create("https://file.example/api/v3"), c.upstreams().githubApiUrl());
    assertEquals(12, c.maxRefs());
    // what the file does not set keeps its default
    assertEquals(URI.create("https://github.com"), c.upstreams().githubUrl());
    assertEquals("0.0.0.0", c.host());
  }

  @Test
  void theEnvironmentOverridesTheFile() {
    GatewayConfig c = SettingsLoader.load(Map.of(
        "SOURCEGATE_PORT", "9100", "GITHUB_CLIENT_ID", "from-env", "SOURCEGATE_MULTITENANT", "false",
        "SOURCEGATE_GITHUB_API_URL", "https://env.example/api/v3"), FILE);
    assertEquals(9100, c.port());
    assertEquals("from-env", c.githubApp().clientId());
    assertFalse(c.multitenant());
    assertEquals(URI.create("https://env.example/api/v3"), c.upstreams().githubApiUrl());
    // the file still sets what the environment does not
    assertEquals(777, c.requestTimeoutMs());
    assertEquals(12, c.maxRefs());
  }

  @Test
  void sourcegateConfigNamesAFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("other.yaml");
    Files.writeString(file, FILE);
    GatewayConfig c = SettingsLoader.load(Map.of("SOURCEGATE_CONFIG", file.toString(), "SOURCEGATE_PORT", "9200"));
    assertEquals("from-file", c.githubApp().clientId());
    assertEquals(9200, c.port());
  }

  @Test
  void sourcegateConfigNamingAMissingFileIsAnError(@TempDir Path dir) {
    String missing = dir.resolve("nope.yaml").toString();
    ConfigException e = assertThrows(ConfigException.class, () -> SettingsLoader.load(Map.of("SOURCEGATE_CONFIG", missing)));
    assertTrue(e.getMessage().contains("SOURCEGATE_CONFIG"), e.getMessage());
    assertTrue(e.getMessage().contains(missing), e.getMessage());
    ConfigException dirError = assertThrows(ConfigException.class, () -> SettingsLoader.load(Map.of("SOURCEGATE_CONFIG", dir.toString())));
    assertTrue(dirError.getMessage().contains("SOURCEGATE_CONFIG"), dirError.getMessage());
  }

  @Test
  void unknownYamlKeyIsRejected() {
    ConfigException e = bad(Map.of(), "server:\n  prot: 9000\n");
    assertTrue(e.getMessage().contains("server.prot"), e.getMessage());
    ConfigException top = bad(Map.of(), "servre:\n  port: 9000\n");
    assertTrue(top.getMessage().contains("servre"), top.getMessage());
    ConfigException leafAsGroup = bad(Map.of(), "github:\n  clientId: a\n  clientSecrets: b\n");
    assertTrue(leafAsGroup.getMessage().contains("github.clientSecrets"), leafAsGroup.getMessage());
  }

  @Test
  void yamlThatIsNotAMappingOrNotYamlIsRejected() {
    bad(Map.of(), "- a\n- b\n");
    bad(Map.of(), "server: [\n");
    bad(Map.of(), "server:\n  port:\n    nested: 1\n");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
      "SOURCEGATE_PORT, abc",
      "SOURCEGATE_PORT, 70000",
      "SOURCEGATE_PORT, -1",
      "SOURCEGATE_PORT, 80.5",
      "SOURCEGATE_PORT, ''",
      "SOURCEGATE_MULTITENANT, yes",
      "SOURCEGATE_MULTITENANT, 1",
      "SOURCEGATE_MULTITENANT, ''",
      "SOURCEGATE_GITHUB_API_URL, not a url",
      "SOURCEGATE_GITHUB_API_URL, ftp://example.com",
      "SOURCEGATE_GITHUB_API_URL, api.github.com",
      "SOURCEGATE_GITHUB_URL, http://",
      "SOURCEGATE_GOOGLESOURCE_URL, ://x",
      "SOURCEGATE_GO_GET_URL, file:///etc",
      "SOURCEGATE_GITHUB_GRAPHQL_URL, api.github.com/graphql",
      "SOURCEGATE_GITHUB_GRAPHQL_URL, https://api.github.com/graphql?x=1",
      "GITHUB_CALLBACK_URL, callback",
      "SOURCEGATE_REQUEST_TIMEOUT_MS, -5",
      "SOURCEGATE_REQUEST_TIMEOUT_MS, 0",
      "SOURCEGATE_REQUEST_TIMEOUT_MS, soon",
      "SOURCEGATE_UPSTREAM_TIMEOUT_MS, -1",
      "SOURCEGATE_UPSTREAM_CONNECT_TIMEOUT_MS, -1",
      "SOURCEGATE_SHUTDOWN_GRACE_MS, -1",
      "SOURCEGATE_MAX_REQUEST_BYTES, -1",
      "SOURCEGATE_MAX_REQUEST_BYTES, 99999999999",
      "SOURCEGATE_GET_COMMITS_CONCURRENCY, 0",
      "SOURCEGATE_GRAPHQL_QUERIES_PER_TOKEN, 0",
      "SOURCEGATE_GRAPHQL_QUERIES_PER_TOKEN, 17",
      "SOURCEGATE_GRAPHQL_QUERIES_PER_TOKEN, many",
      "SOURCEGATE_GRAPHQL_GATHER_MS, -1",
      "SOURCEGATE_GRAPHQL_GATHER_MS, 1001",
      "SOURCEGATE_GRAPHQL_GATHER_MS, soon",
      "SOURCEGATE_MAX_REFS, -3",
      "SOURCEGATE_HOST, ''",
      "SOURCEGATE_REDIS_URL, http://cache.example",
      "SOURCEGATE_TRACING, yes",
      "SOURCEGATE_CACHE_MAX_BYTES, -1",
      "SOURCEGATE_MAX_INFLIGHT, 0"})
  void aBadValueNamesTheSetting(String name, String value) {
    ConfigException e = bad(Map.of(name, value), null);
    assertTrue(e.getMessage().contains(name), () -> "message must name " + name + ": " + e.getMessage());
  }

  @Test
  void graphQlQueriesPerTokenDefaultsToOneAndIsRead() {
    assertEquals(1, load(Map.of()).upstreams().graphqlQueriesPerToken());
    assertEquals(4, load(Map.of("SOURCEGATE_GRAPHQL_QUERIES_PER_TOKEN", "4")).upstreams().graphqlQueriesPerToken());
  }

  @Test
  void graphQlGatherDefaultsToThirtyMillisecondsAndIsRead() {
    assertEquals(30, load(Map.of()).upstreams().graphqlGatherMs());
    assertEquals(0, load(Map.of("SOURCEGATE_GRAPHQL_GATHER_MS", "0")).upstreams().graphqlGatherMs());
    assertEquals(40, load(Map.of("SOURCEGATE_GRAPHQL_GATHER_MS", "40")).upstreams().graphqlGatherMs());
  }

  @Test
  void graphQlPrefetchPathsDefaultsToSixteenAndIsRead() {
    assertEquals(16, load(Map.of()).upstreams().graphqlPrefetchPaths());
    assertEquals(0, load(Map.of("SOURCEGATE_GRAPHQL_PREFETCH_PATHS", "0")).upstreams().graphqlPrefetchPaths());
    assertEquals(100, load(Map.of("SOURCEGATE_GRAPHQL_PREFETCH_PATHS", "100")).upstreams().graphqlPrefetchPaths());
  }

  @ParameterizedTest
  @CsvSource({"-1", "101", "many"})
  void aBadPrefetchPathsValueNamesTheSetting(String value) {
    ConfigException e = bad(Map.of("SOURCEGATE_GRAPHQL_PREFETCH_PATHS", value), null);
    assertTrue(e.getMessage().contains("SOURCEGATE_GRAPHQL_PREFETCH_PATHS"), e.getMessage());
  }

  @Test
  void aBadValueInTheFileNamesTheSettingToo() {
    ConfigException e = bad(Map.of(), "server:\n  port: abc\n");
    assertTrue(e.getMessage().contains("SOURCEGATE_PORT"), e.getMessage());
    ConfigException m = bad(Map.of(), "server:\n  multitenant: maybe\n");
    assertTrue(m.getMessage().contains("SOURCEGATE_MULTITENANT"), m.getMessage());
  }

  @Test
  void severalBadValuesAreAllNamedInOneMessage() {
    Map<String, String> env = Map.of(
        "SOURCEGATE_PORT", "abc",
        "SOURCEGATE_MULTITENANT", "yes",
        "SOURCEGATE_GITHUB_API_URL", "not a url",
        "SOURCEGATE_REQUEST_TIMEOUT_MS", "-1",
        "SOURCEGATE_MAX_REFS", "0");
    ConfigException e = bad(env, null);
    for (String name : env.keySet()) {
      assertTrue(e.getMessage().contains(name), () -> "message must name " + name + ": " + e.getMessage());
    }
    // settings that are fine are not blamed
    for (String fine : List.of("SOURCEGATE_GITHUB_URL", "SOURCEGATE_HOST", "SOURCEGATE_UPSTREAM_TIMEOUT_MS")) {
      assertFalse(e.getMessage().contains(fine + " "), () -> fine + " is not wrong: " + e.getMessage());
    }
  }

  @Test
  void aBadSecretNeverAppearsInTheMessage() {
    ConfigException e = bad(Map.of("GITHUB_CLIENT_SECRET", "super-secret-value", "SOURCEGATE_PORT", "abc"), null);
    assertFalse(e.getMessage().contains("super-secret-value"), e.getMessage());
  }

  @Test
  void missingGitHubAppIsNotAnError() {
    GatewayConfig c = load(Map.of("GITHUB_CLIENT_ID", "only-the-id"));
    assertFalse(c.githubApp().configured());
    assertFalse(load(Map.of("GITHUB_CLIENT_ID", "id", "GITHUB_CLIENT_SECRET", "s")).githubApp().configured(),
        "no session secret: not configured");
    assertFalse(load(Map.of("GITHUB_CLIENT_ID", "id", "GITHUB_SESSION_SECRET", "s")).githubApp().configured(),
        "no client secret: not configured");
    assertFalse(load(Map.of("GITHUB_CLIENT_SECRET", "c", "GITHUB_SESSION_SECRET", "s")).githubApp().configured(),
        "no client id: not configured");
    assertTrue(load(Map.of("GITHUB_CLIENT_ID", "id", "GITHUB_CLIENT_SECRET", "c", "GITHUB_SESSION_SECRET", "s")).githubApp().configured());
  }

  @Test
  void valuesAreTrimmedAndBooleansIgnoreCase() {
    GatewayConfig c = load(Map.of("SOURCEGATE_PORT", " 9300 ", "SOURCEGATE_MULTITENANT", "TRUE"));
    assertEquals(9300, c.port());
    assertTrue(c.multitenant());
    assertEquals(0, load(Map.of("SOURCEGATE_PORT", "0")).port(), "0 picks a free port");
    assertEquals(65535, load(Map.of("SOURCEGATE_PORT", "65535")).port());
  }

  @Test
  void theRepositoryFileLoadsAndEqualsTheDefaults() throws IOException {
    Path file = Path.of("conf", "sourcegate.yaml");
    assertTrue(Files.isRegularFile(file), "tests run from the project root, where conf/sourcegate.yaml lives");
    GatewayConfig defaults = load(Map.of());
    assertEquals(defaults, SettingsLoader.load(Map.of(), Files.readString(file)));
    // and without SOURCEGATE_CONFIG that file is the one read
    assertEquals(defaults, SettingsLoader.load(Map.of()));
    assertEquals(defaults, SettingsLoader.load(Map.of("SOURCEGATE_CONFIG", file.toAbsolutePath().toString())));
  }

  @Test
  void theRepositoryFileShowsEverySettingWithItsEnvironmentName() throws IOException {
    String text = Files.readString(Path.of("conf", "sourcegate.yaml"));
    for (Setting s : Setting.values()) {
      assertTrue(text.contains(s.envName()), () -> "conf/sourcegate.yaml does not mention " + s.envName());
      String leaf = s.yamlKey().substring(s.yamlKey().lastIndexOf('.') + 1);
      assertTrue(text.contains(leaf + ":"), () -> "conf/sourcegate.yaml does not set " + s.yamlKey());
    }
  }

  // ---- admission and connection limits

  @Test
  void admissionLimitsHaveSafeDefaults() {
    GatewayConfig.Admission a = load(Map.of()).admission();
    assertEquals(8081, a.managementPort());
    assertEquals(4096, a.maxConnections());
    assertEquals(75_000, a.idleTimeoutMs());
    assertEquals(10_000, a.headerTimeoutMs());
    assertEquals(5_000, a.bodyTimeoutMs());
    assertEquals(60_000, a.maxRequestTimeoutMs());
    assertEquals(64, a.maxInflightUnauthenticated());
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
      "SOURCEGATE_MANAGEMENT_PORT, 70000",
      "SOURCEGATE_MAX_CONNECTIONS, 0",
      "SOURCEGATE_IDLE_TIMEOUT_MS, 10",
      "SOURCEGATE_HEADER_TIMEOUT_MS, soon",
      "SOURCEGATE_BODY_TIMEOUT_MS, 0",
      "SOURCEGATE_MAX_REQUEST_TIMEOUT_MS, 0",
      "SOURCEGATE_MAX_INFLIGHT_UNAUTHENTICATED, 0"})
  void aBadAdmissionLimitNamesTheSetting(String name, String value) {
    ConfigException e = bad(Map.of(name, value), null);
    assertTrue(e.getMessage().contains(name), () -> "message must name " + name + ": " + e.getMessage());
  }

  @Test
  void aDefaultDeadlineOverTheCapIsRefusedNamingBoth() {
    ConfigException e = bad(Map.of("SOURCEGATE_REQUEST_TIMEOUT_MS", "90000", "SOURCEGATE_IDLE_TIMEOUT_MS", "120000"), null);
    assertTrue(e.getMessage().contains("SOURCEGATE_REQUEST_TIMEOUT_MS"), e.getMessage());
    assertTrue(e.getMessage().contains("SOURCEGATE_MAX_REQUEST_TIMEOUT_MS"), e.getMessage());
    assertEquals(90_000, load(Map.of("SOURCEGATE_REQUEST_TIMEOUT_MS", "90000", "SOURCEGATE_IDLE_TIMEOUT_MS", "120000",
        "SOURCEGATE_MAX_REQUEST_TIMEOUT_MS", "90000")).requestTimeoutMs());
  }

  @Test
  void theIdleTimeoutMustOutliveTheLongestDeadline() {
    ConfigException e = bad(Map.of("SOURCEGATE_IDLE_TIMEOUT_MS", "60000"), null);
    assertTrue(e.getMessage().contains("SOURCEGATE_IDLE_TIMEOUT_MS"), e.getMessage());
    assertTrue(e.getMessage().contains("SOURCEGATE_MAX_REQUEST_TIMEOUT_MS"), e.getMessage());
    assertEquals(20_000, load(Map.of("SOURCEGATE_IDLE_TIMEOUT_MS", "20000",
        "SOURCEGATE_MAX_REQUEST_TIMEOUT_MS", "15000", "SOURCEGATE_REQUEST_TIMEOUT_MS", "15000")).admission().idleTimeoutMs());
  }

  @Test
  void theManagementPortMustDifferFromTheApiPort() {
    ConfigException e = bad(Map.of("SOURCEGATE_PORT", "9000", "SOURCEGATE_MANAGEMENT_PORT", "9000"), null);
    assertTrue(e.getMessage().contains("SOURCEGATE_MANAGEMENT_PORT"), e.getMessage());
    assertEquals(0, load(Map.of("SOURCEGATE_PORT", "0", "SOURCEGATE_MANAGEMENT_PORT", "0")).admission().managementPort(),
        "both 0: two free ports");
  }
}
