package dev.sourcegate.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.api.proto.GetFileRequest;
import dev.sourcegate.auth.SessionCookie;
import dev.sourcegate.testkit.FakeGitHub;
import dev.sourcegate.testkit.TestGateway;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile requests through the public API, in JSON and binary: every one gets a clean Connect error
 * (a JSON body of code and message, the status of the code, no stack trace or Java names, no token, no
 * echo of a huge input) and, judged by the fake's request log, no upstream call outside what the
 * request may cause: its own repository, golang/go, python/cpython, Go vanity pages and googlesource.
 * Inputs that are rejected cause no upstream call at all.
 *
 * <p>The test thread waits for answers (never an event loop); the gateways and the fake are shared by
 * every case and run on the extension's Vertx, whose event loops the blocked-thread guard watches.
 */
@ExtendWith(VertxExtension.class)
class HostileInputTest {
  static final String SHA = "0123456789abcdef0123456789abcdef01234567";
  static final String REPO = "https://github.com/acme/app";
  static final String TOKEN = "gho_hostileSecretToken123";
  static final String COOKIE = SessionCookie.NAME + "=" + TestGateway.cookieFor(TOKEN);
  static final int MAX_REFS = 5;
  static final int SMALL_BODY_LIMIT = 64 * 1024;
  static final Pattern JAVA_NAMES = Pattern.compile(
      "Exception|\\tat |\\bat [a-z]+\\.[a-z]|\\b(java|javax|jdk|sun|io\\.vertx|io\\.netty|com\\.fasterxml|com\\.google|dev\\.sourcegate)\\.[A-Za-z]");
  /** Paths the fake may be asked for by a request about acme/app. */
  static final List<String> ALLOWED = List.of(
      "/api/repos/acme/app/", "/api/repos/golang/go/", "/api/repos/python/cpython/", "/goget/", "/googlesource/");

  static Vertx vertx;
  static Vertx otherVertx;
  static FakeGitHub fake;
  /** Go vanity pages read from the fake (SOURCEGATE_GO_GET_URL), at most MAX_REFS refs. */
  static TestGateway withGoGet;
  /** No SOURCEGATE_GO_GET_URL (vanity pages would be read from the import path's host), 64 KiB bodies. */
  static TestGateway direct;

  @BeforeAll
  static void startAll(Vertx v) throws Exception {
    vertx = v;
    fake = new FakeGitHub(vertx);
    fake.token(TOKEN)
        .file("acme", "app", SHA, "README.md", "hello")
        .file("acme", "app", "main", "README.md", "hello main")
        .commit("acme", "app", "main", FakeGitHub.commitJson("acme", "app", SHA, "m", "2026-01-01T00:00:00Z", "alice"));
    for (Map.Entry<String, String> e : MAPPINGS.entrySet()) {
      fake.file("acme", "app", SHA, e.getKey() + "/.pyroscope.yaml", e.getValue());
    }
    await(fake.start());
    Map<String, String> envA = new HashMap<>(TestGateway.env(fake));
    envA.put("SOURCEGATE_MAX_REFS", String.valueOf(MAX_REFS));
    withGoGet = await(TestGateway.start(vertx, envA));
    Map<String, String> envB = new HashMap<>(TestGateway.env(fake));
    envB.remove("SOURCEGATE_GO_GET_URL");
    // Two gateways must not share a Vertx: they would share its event bus addresses (and, with port 0, its
    // shared random port) and serve each other's requests. This one gets a Vertx of its own, watched by the
    // blocked-thread guard with the same options as the extension's.
    envB.put("SOURCEGATE_MAX_REQUEST_BYTES", String.valueOf(SMALL_BODY_LIMIT));
    otherVertx = Vertx.vertx(new VertxOptions(new JsonObject(java.nio.file.Files.readString(
        java.nio.file.Path.of(System.getProperty("vertx.parameter.filename", "src/test/resources/vertx-options.json"))))));
    direct = await(TestGateway.start(otherVertx, envB));
  }

  @AfterAll
  static void stopAll() throws Exception {
    for (TestGateway g : new TestGateway[] {withGoGet, direct}) {
      if (g != null) {
        await(g.stop());
      }
    }
    if (fake != null) {
      await(fake.stop());
    }
    if (otherVertx != null) {
      await(otherVertx.close());
    }
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  // ---- calling and judging

  record Answer(HttpResponse<Buffer> response, List<FakeGitHub.Recorded> upstream, long tookMs) {
    int status() {
      return response.statusCode();
    }

    String body() {
      return response.bodyAsString();
    }
  }

  /**
   * One call on the test thread; the fake's log is cleared before, and read once the fake has settled
   * after the answer (reads a GetFile started speculatively may land after it), so no call of one case
   * is counted in the next, however slow the machine.
   */
  static Answer call(TestGateway gw, String method, String contentType, Buffer body) throws Exception {
    fake.clearRequests();
    long t0 = System.nanoTime();
    HttpResponse<Buffer> res = await(gw.client().post("/vcs.v1.VCSService/" + method)
        .putHeader("Content-Type", contentType).putHeader("Cookie", COOKIE).sendBuffer(body));
    long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    await(fake.settled()); // anything the request set off in the background shows up too
    return new Answer(res, fake.requests(), took);
  }

  static Answer json(TestGateway gw, String method, String body) throws Exception {
    return call(gw, method, "application/json", Buffer.buffer(body.getBytes(StandardCharsets.UTF_8)));
  }

  static Answer json(String method, JsonObject body) throws Exception {
    return json(withGoGet, method, body.encode());
  }

  static Answer proto(byte[] body) throws Exception {
    return call(withGoGet, "GetFile", "application/proto", Buffer.buffer(body));
  }

  static JsonObject getFile(String localPath) {
    return new JsonObject().put("repositoryURL", REPO).put("ref", SHA).put("localPath", localPath);
  }

  /** A clean Connect error: the status of one of the codes, JSON {code, message}, nothing internal. */
  static JsonObject assertCleanError(Answer a, String... codes) {
    String body = a.body();
    assertTrue(a.status() >= 400, "an error, not " + a.status() + ": " + body);
    String type = a.response().getHeader("Content-Type");
    assertNotNull(type, "error without a content type: " + body);
    assertTrue(type.startsWith("application/json"), "error content type " + type);
    JsonObject json;
    try {
      json = new JsonObject(body);
    } catch (RuntimeException e) {
      throw new AssertionError("error body is not JSON: " + body);
    }
    String code = json.getString("code");
    assertTrue(List.of(codes).contains(code), "code " + code + " expected one of " + List.of(codes) + ": " + body);
    assertEquals(statusOf(code), a.status(), "HTTP status of " + code + ": " + body);
    assertNotNull(json.getString("message"), body);
    assertFalse(JAVA_NAMES.matcher(body).find(), "no stack trace or Java names: " + body);
    assertFalse(body.contains(TOKEN), "the token is not echoed: " + body);
    assertFalse(body.contains("s3cr3tpass"), "a password from the URL is not echoed: " + body);
    assertTrue(body.length() < 2048, "the message does not echo a huge input: " + body.length() + " chars");
    return json;
  }

  static int statusOf(String code) {
    return switch (code) {
      case "invalid_argument" -> 400;
      case "unauthenticated" -> 401;
      case "permission_denied" -> 403;
      case "not_found" -> 404;
      case "resource_exhausted" -> 429;
      case "unknown", "internal", "data_loss" -> 500;
      case "unimplemented" -> 501;
      case "unavailable" -> 503;
      case "deadline_exceeded" -> 504;
      default -> -1;
    };
  }

  static void assertNoUpstreamCall(Answer a) {
    assertEquals(List.of(), a.upstream().stream().map(FakeGitHub.Recorded::pathAndQuery).toList(),
        "a rejected request makes no upstream call");
  }

  /** Every upstream call is in the allowed set, and none climbs out of where it points (raw or decoded). */
  static void assertOnlyAllowedUpstream(Answer a) {
    for (FakeGitHub.Recorded r : a.upstream()) {
      String raw = r.path();
      String decoded = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
      boolean allowed = raw.equals("/api/repos/acme/app") || ALLOWED.stream().anyMatch(raw::startsWith);
      assertTrue(allowed, "upstream call outside the allowed set: " + r.pathAndQuery());
      for (String p : List.of(raw, decoded, decoded.replace('\\', '/'))) {
        assertFalse(Stream.of(p.split("/")).anyMatch(s -> s.equals("..")), "climbing path reached upstream: " + r.pathAndQuery());
      }
      assertFalse(raw.toLowerCase(Locale.ROOT).contains("%2e%2e"), "encoded climbing path reached upstream: " + r.pathAndQuery());
    }
  }

  static void rejected(Answer a) {
    assertCleanError(a, "invalid_argument");
    assertNoUpstreamCall(a);
  }

  // ---- malformed, truncated and mistyped JSON

  static Stream<Arguments> malformedJson() {
    String valid = getFile("README.md").encode();
    List<Arguments> cases = new ArrayList<>(List.of(
        Arguments.of("GetFile", "{"),
        Arguments.of("GetFile", "}"),
        Arguments.of("GetFile", "not json"),
        Arguments.of("GetFile", "[]"),
        Arguments.of("GetFile", "null"),
        Arguments.of("GetFile", "\"GetFile\""),
        Arguments.of("GetFile", "42"),
        Arguments.of("GetFile", "{\"repositoryURL\":\"" + REPO + "\"}}"),
        Arguments.of("GetFile", "{\"repositoryURL\":\"" + REPO + "\",}"),
        Arguments.of("GetFile", "{'repositoryURL':'" + REPO + "'}"),
        Arguments.of("GetFile", "{repositoryURL:\"" + REPO + "\"}"),
        Arguments.of("GetFile", "{\"repositoryURL\":\"" + REPO + "\" /* c */}"),
        Arguments.of("GetFile", "{\"repositoryURL\":\"" + REPO + "\",\"repositoryURL\":\"https://github.com/x/y\"}"),
        Arguments.of("GetFile", "{\"localPath\":\"a\\u00\"}"),
        Arguments.of("GetFile", "{\"localPath\":\"a\\q\"}"),
        Arguments.of("GetFile", "[".repeat(5000) + "]".repeat(5000)),
        Arguments.of("GetFile", "{\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}"),
        Arguments.of("GetCommits", "{\"repository_url\":\"" + REPO + "\",\"refs\":[\"main\""),
        Arguments.of("GetCommit", "{\"repositoryURL\":")));
    // the valid body cut short at every few characters
    for (int cut = 1; cut < valid.length(); cut += 9) {
      cases.add(Arguments.of("GetFile", valid.substring(0, cut)));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "[{index}] {0} {1}")
  @MethodSource("malformedJson")
  void malformedOrTruncatedJsonIsInvalidArgument(String method, String body) throws Exception {
    rejected(json(withGoGet, method, body));
  }

  @Test
  void bodiesThatAreNotUtf8OrEmptyAreInvalidArgument() throws Exception {
    rejected(call(withGoGet, "GetFile", "application/json", Buffer.buffer(new byte[] {'{', '"', 'r', (byte) 0xC3, (byte) 0x28, '"', '}'})));
    rejected(call(withGoGet, "GetFile", "application/json", Buffer.buffer(new byte[] {(byte) 0xFE, (byte) 0xFF, 0, '{', 0, '}'})));
    rejected(call(withGoGet, "GetFile", "application/json", Buffer.buffer()));
  }

  static Stream<Arguments> wrongTypes() {
    return Stream.of(
        Arguments.of("GetFile", new JsonObject().put("repositoryURL", 42).put("localPath", "README.md")),
        Arguments.of("GetFile", new JsonObject().put("repositoryURL", new JsonArray().add(REPO)).put("localPath", "README.md")),
        Arguments.of("GetFile", new JsonObject().put("repositoryURL", new JsonObject().put("url", REPO)).put("localPath", "a")),
        Arguments.of("GetFile", getFile("README.md").put("ref", 1.5)),
        Arguments.of("GetFile", getFile("README.md").put("ref", true)),
        Arguments.of("GetFile", getFile("README.md").put("localPath", new JsonArray().add("README.md"))),
        Arguments.of("GetFile", getFile("README.md").put("rootPath", new JsonObject())),
        Arguments.of("GetFile", getFile("README.md").put("functionName", 7)),
        Arguments.of("GetCommit", new JsonObject().put("repositoryURL", REPO).put("ref", new JsonArray().add("main"))),
        Arguments.of("GetCommits", new JsonObject().put("repository_url", REPO).put("refs", new JsonObject().put("0", "main"))),
        Arguments.of("GetCommits", new JsonObject().put("repositoryUrl", REPO).put("refs", "main")),
        Arguments.of("GetCommits", new JsonObject().put("repositoryUrl", REPO).put("refs", new JsonArray().add(1).add(2))),
        Arguments.of("GetCommits", new JsonObject().put("repositoryUrl", REPO).put("refs", new JsonArray().add(new JsonArray().add("main")))),
        Arguments.of("GetCommits", new JsonObject().put("repositoryUrl", REPO).put("refs", new JsonArray().add(new JsonObject()))),
        Arguments.of("GetCommits", new JsonObject().put("repositoryUrl", 12).put("refs", new JsonArray().add("main"))),
        Arguments.of("GithubLogin", new JsonObject().put("authorizationCode", new JsonObject())));
  }

  @ParameterizedTest(name = "[{index}] {0} {1}")
  @MethodSource("wrongTypes")
  void wrongTypesAreInvalidArgument(String method, JsonObject body) throws Exception {
    rejected(json(method, body));
  }

  // ---- huge strings and too many refs

  @Test
  void hugeStringsAreRefusedNamingTheLimit() throws Exception {
    Answer url = json("GetFile", getFile("README.md").put("repositoryURL", "https://github.com/acme/" + "a".repeat(10_000)));
    rejected(url);
    assertTrue(url.body().contains("2048"), "names the limit: " + url.body());

    for (String field : List.of("localPath", "rootPath", "functionName")) {
      Answer a = json("GetFile", getFile("README.md").put(field, "a/".repeat(50_000)));
      rejected(a);
      assertTrue(a.body().contains(field) && a.body().contains("4096"), "names the field and its limit: " + a.body());
    }
    Answer ref = json("GetFile", getFile("README.md").put("ref", "r".repeat(10_000)));
    rejected(ref);
    assertTrue(ref.body().contains("255"), "names the limit: " + ref.body());
    Answer commitRef = json("GetCommit", new JsonObject().put("repositoryURL", REPO).put("ref", "r".repeat(10_000)));
    rejected(commitRef);
  }

  @Test
  void aBodyOverTheRequestLimitIsResourceExhausted() throws Exception {
    Answer a = json(direct, "GetFile", getFile("a/".repeat(50_000)).encode());
    assertCleanError(a, "resource_exhausted");
    assertTrue(a.body().contains(String.valueOf(SMALL_BODY_LIMIT)), "names the limit: " + a.body());
    assertNoUpstreamCall(a);
    // far over the limit: the gateway stops reading, the answer still comes
    Answer huge = json(direct, "GetFile", getFile("a/".repeat(300_000)).encode());
    assertCleanError(huge, "resource_exhausted");
    assertNoUpstreamCall(huge);
  }

  @Test
  void tooManyRefsAreRefusedNamingTheLimit() throws Exception {
    JsonArray refs = new JsonArray();
    for (int i = 0; i <= MAX_REFS; i++) {
      refs.add("main");
    }
    Answer a = json("GetCommits", new JsonObject().put("repository_url", REPO).put("refs", refs));
    rejected(a);
    assertTrue(a.body().contains(String.valueOf(MAX_REFS)) && a.body().contains("SOURCEGATE_MAX_REFS"), a.body());

    JsonArray many = new JsonArray();
    for (int i = 0; i < 51; i++) {
      many.add("r" + i);
    }
    Answer b = json(direct, "GetCommits", new JsonObject().put("repository_url", REPO).put("refs", many).encode());
    rejected(b);
    assertTrue(b.body().contains("50"), "the default limit is 50: " + b.body());
  }

  // ---- control characters

  static final List<String> CONTROLS = List.of("\u0000", "\u0001", "\t", "\n", "\r", "\u001b", "\u007f", "\u0085", "\u009b");

  static Stream<Arguments> controlCharacters() {
    List<Arguments> cases = new ArrayList<>();
    for (String c : CONTROLS) {
      String shown = String.format("U+%04X", (int) c.charAt(0));
      cases.add(Arguments.of(shown + " in GetFile.repositoryURL", "GetFile",
          getFile("README.md").put("repositoryURL", "https://github.com/ac" + c + "me/app")));
      cases.add(Arguments.of(shown + " in GetFile.ref", "GetFile", getFile("README.md").put("ref", "ma" + c + "in")));
      cases.add(Arguments.of(shown + " in GetFile.localPath", "GetFile", getFile("READ" + c + "ME.md")));
      cases.add(Arguments.of(shown + " in GetFile.rootPath", "GetFile", getFile("README.md").put("rootPath", "sv" + c + "c")));
      cases.add(Arguments.of(shown + " in GetFile.functionName", "GetFile",
          getFile("README.md").put("functionName", "main." + c + "run")));
      cases.add(Arguments.of(shown + " in GetCommit.repositoryURL", "GetCommit",
          new JsonObject().put("repositoryURL", "https://github.com/acme/a" + c + "pp").put("ref", "main")));
      cases.add(Arguments.of(shown + " in GetCommit.ref", "GetCommit",
          new JsonObject().put("repositoryURL", REPO).put("ref", "ma" + c + "in")));
      cases.add(Arguments.of(shown + " in GetCommits.repository_url", "GetCommits",
          new JsonObject().put("repository_url", REPO + c + "/tree/main").put("refs", new JsonArray().add("main"))));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("controlCharacters")
  void controlCharactersInAnyStringFieldAreInvalidArgument(String name, String method, JsonObject body) throws Exception {
    rejected(json(method, body));
  }

  /**
   * A pasted URL may end in a newline: the gateway trims leading and trailing whitespace of the
   * repository URL (String.strip), which is lenient but safe as long as the character goes nowhere.
   * Non-whitespace control characters at the end are refused like anywhere else.
   */
  @ParameterizedTest(name = "[{index}] U+{0}")
  @ValueSource(ints = {0x00, 0x01, 0x09, 0x0a, 0x0d, 0x1b, 0x7f, 0x85, 0x9b})
  void aControlCharacterAtTheEndOfTheRepositoryUrlIsTrimmedOrRefusedButNeverForwarded(int c) throws Exception {
    String url = REPO + (char) c;
    Answer a = json("GetFile", getFile("README.md").put("repositoryURL", url));
    if (Character.isWhitespace(c)) {
      assertTrue(a.status() == 200 || a.status() == 400, a.body());
      if (a.status() == 400) {
        rejected(a);
      }
    } else {
      rejected(a);
    }
    assertOnlyAllowedUpstream(a);
    String encoded = String.format("%%%02X", c);
    assertTrue(a.upstream().stream().noneMatch(r -> r.path().toUpperCase(Locale.ROOT).contains(encoded)), "U+" + c + " went upstream");
    Answer p = proto(protoOf(protoFile("README.md").setRepositoryURL(url).build()));
    assertEquals(a.status(), p.status(), "binary and JSON agree: " + p.body());
  }

  @ParameterizedTest(name = "[{index}] U+{0}")
  @ValueSource(ints = {0x00, 0x0a, 0x1b, 0x7f, 0x85})
  void controlCharactersInGetCommitsRefsAreRefusedWithoutAnUpstreamCall(int c) throws Exception {
    String bad = "ma" + (char) c + "in";
    Answer alone = json("GetCommits", new JsonObject().put("repository_url", REPO).put("refs", new JsonArray().add(bad)));
    // GetCommits skips refs that fail; when all fail it is "failed to fetch any commits" (docs/resolution.md §8.3)
    assertCleanError(alone, "invalid_argument", "unknown");
    assertNoUpstreamCall(alone);

    Answer mixed = json("GetCommits", new JsonObject().put("repository_url", REPO).put("refs", new JsonArray().add(bad).add("main")));
    assertEquals(200, mixed.status(), mixed.body());
    assertEquals(1, mixed.response().bodyAsJsonObject().getJsonArray("commits").size(), mixed.body());
    assertOnlyAllowedUpstream(mixed);
    assertTrue(mixed.upstream().stream().noneMatch(r -> r.path().contains("%00") || r.path().contains("%0A")
        || r.path().contains("%1B") || r.path().contains("%7F") || r.path().contains("%C2%85")), "the bad ref went nowhere");
  }

  // ---- climbing out: localPath and rootPath

  static final List<String> CLIMBING = List.of(
      "../../etc/passwd",
      "a/../../etc/passwd",
      "/../secret.go",
      "%2e%2e/%2e%2e/etc/passwd",
      "%2E%2E/%2E%2E/etc/passwd",
      "..%2fetc%2fpasswd",
      "..%2F..%2Fetc%2Fpasswd",
      "%2e%2e%2f%2e%2e%2fsecret.py",
      ".%2e/secret.go",
      "%2e./secret.go",
      "..\\..\\secret.py",
      "..%5c..%5csecret.py",
      "src/../../../secret.js");

  static Stream<String> climbing() {
    return CLIMBING.stream();
  }

  @ParameterizedTest(name = "[{index}] localPath {0}")
  @MethodSource("climbing")
  void climbingLocalPathIsInvalidArgument(String path) throws Exception {
    rejected(json("GetFile", getFile(path)));
  }

  @ParameterizedTest(name = "[{index}] rootPath {0}")
  @MethodSource("climbing")
  void climbingRootPathIsInvalidArgument(String path) throws Exception {
    rejected(json("GetFile", getFile("README.md").put("rootPath", path)));
  }

  // ---- climbing out through .pyroscope.yaml mappings served by the fake

  static String localMapping(String path) {
    return "version: v1\nsource_code:\n  mappings:\n    - path:\n        - prefix: lib\n      language: python\n"
        + "      source:\n        local:\n          path: \"" + path + "\"\n";
  }

  static String githubMapping(String owner, String repo, String path) {
    return "version: v1\nsource_code:\n  mappings:\n    - path:\n        - prefix: lib\n      language: python\n"
        + "      source:\n        github:\n          owner: \"" + owner + "\"\n          repo: \"" + repo + "\"\n"
        + "          ref: main\n          path: \"" + path + "\"\n";
  }

  /** rootPath -> .pyroscope.yaml (under that rootPath at SHA). */
  static final Map<String, String> MAPPINGS = new java.util.LinkedHashMap<>();

  static {
    int i = 0;
    for (String p : List.of("../../../../etc", "../../../..", "%2e%2e/%2e%2e/%2e%2e/etc", "%2E%2E/%2E%2E/%2E%2E/etc",
        "..%2f..%2f..%2fetc", "..\\\\..\\\\..\\\\etc", "x/../../../../etc")) {
      MAPPINGS.put("local" + i++, localMapping(p));
    }
    i = 0;
    for (String p : List.of("../../etc", "..", "%2e%2e/%2e%2e/etc", "%2E%2E/x", "..%2fetc", "..\\\\x", "a/../../b")) {
      MAPPINGS.put("github" + i++, githubMapping("acme", "app", p));
    }
    MAPPINGS.put("owner-dotdot", githubMapping("..", "app", "x"));
    MAPPINGS.put("repo-dotdot", githubMapping("acme", "..", "x"));
    MAPPINGS.put("owner-encoded", githubMapping("%2e%2e", "app", "x"));
    MAPPINGS.put("ref-dotdot", githubMapping("acme", "app", "x").replace("ref: main", "ref: \"../../x\""));
  }

  static Stream<String> mappingRoots() {
    return MAPPINGS.keySet().stream();
  }

  @ParameterizedTest(name = "[{index}] .pyroscope.yaml under {0}")
  @MethodSource("mappingRoots")
  void climbingMappingPathsNeverReachUpstream(String root) throws Exception {
    Answer a = json("GetFile", getFile("lib/secret.py").put("rootPath", root));
    assertCleanError(a, "invalid_argument", "not_found");
    assertOnlyAllowedUpstream(a);
    assertTrue(a.upstream().stream().anyMatch(r -> r.path().equals("/api/repos/acme/app/contents/" + root + "/.pyroscope.yaml")),
        "the mapping file was read: " + a.upstream().stream().map(FakeGitHub.Recorded::pathAndQuery).toList());
  }

  // ---- repository URLs

  static Stream<String> badRepositoryUrls() {
    return Stream.of(
        "https://user:s3cr3tpass@github.com/acme/app",
        "https://" + TOKEN + "@github.com/acme/app",
        "https://github.com@evil.com/acme/app",
        "https://github.com:8443/acme/app",
        "https://github.com:443@evil.com/acme/app",
        "http://github.com:8080/acme/app",
        "https://gitlab.com/acme/app",
        "https://github.com.evil.com/acme/app",
        "https://evilgithub.com/acme/app",
        "https://evil.com/github.com/acme/app",
        "https://evil.com#@github.com/acme/app",
        "https://evil.com?@github.com/acme/app",
        "https://evil.com\\@github.com/acme/app",
        "https://github.com%2eevil.com/acme/app",
        "https://github%2Ecom/acme/app",
        "https://[::1]/acme/app",
        "https://169.254.169.254/acme/app",
        "https://10.0.0.1/acme/app",
        "https://localhost/acme/app",
        "javascript:alert(1)",
        "javascript://github.com/acme/app%0aalert(1)",
        "file:///etc/passwd",
        "file://github.com/acme/app",
        "ftp://github.com/acme/app",
        "data:text/html,github.com/acme/app",
        "git@evil.com:acme/app.git",
        "ssh://git@evil.com/acme/app",
        "https://github.com/../../acme/app",
        "https://github.com/acme/..",
        "https://github.com/-acme/app",
        "https://github.com/acme",
        "//github.com/acme/app",
        "acme/app",
        "");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("badRepositoryUrls")
  void repositoryUrlsOutsideGitHubAreInvalidArgument(String url) throws Exception {
    rejected(json("GetFile", getFile("README.md").put("repositoryURL", url)));
    rejected(json("GetCommit", new JsonObject().put("repositoryURL", url).put("ref", "main")));
    rejected(json("GetCommits", new JsonObject().put("repository_url", url).put("refs", new JsonArray().add("main"))));
  }

  // ---- Go module-cache paths naming internal hosts

  static final List<String> INTERNAL_MODULE_PATHS = List.of(
      "/root/go/pkg/mod/127.0.0.1/evil/mod@v1.0.0/x.go",
      "/root/go/pkg/mod/169.254.169.254/latest/meta-data@v1.0.0/x.go",
      "/root/go/pkg/mod/[::1]/mod@v1.0.0/x.go",
      "/root/go/pkg/mod/10.0.0.1/mod@v1.0.0/x.go",
      "/root/go/pkg/mod/localhost/mod@v1.0.0/x.go",
      "/root/go/pkg/mod/127.1/mod@v1.0.0/x.go",
      "/root/go/pkg/mod/0x7f.0.0.1/mod@v1.0.0/x.go",
      "169.254.169.254/latest/meta-data@v1.2.3/x.go",
      "10.0.0.1/mod@v0.0.0-20240101120000-abcdef123456/x.go");

  static Stream<String> internalModulePaths() {
    return INTERNAL_MODULE_PATHS.stream();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("internalModulePaths")
  void goModuleHostsThatAreNotDnsNamesAreNotLookedUpEvenThroughTheConfiguredGoGetUrl(String localPath) throws Exception {
    Answer a = json("GetFile", getFile(localPath));
    assertCleanError(a, "not_found");
    assertOnlyAllowedUpstream(a);
    assertTrue(a.upstream().stream().noneMatch(r -> r.path().startsWith("/goget/")), "the mirror is never handed such a host");
  }

  /** Vanity look-ups the gateway tried to make (any host): the fetcher's upstream counter for route go-get. */
  static double goGetCalls(TestGateway gw) {
    return gw.gateway().metrics().registry().find("sourcegate_upstream_requests").tag("route", "go-get")
        .counters().stream().mapToDouble(Counter::count).sum();
  }

  static Set<String> upstreamHosts(TestGateway gw) {
    Set<String> hosts = new java.util.TreeSet<>();
    gw.gateway().metrics().registry().find("sourcegate_upstream_requests").counters()
        .forEach(c -> hosts.add(c.getId().getTag("host") + " " + c.getId().getTag("route")));
    return hosts;
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("internalModulePaths")
  void withoutAGoGetUrlInternalModuleHostsAreNotFoundWithoutAnyLookUp(String localPath) throws Exception {
    double before = goGetCalls(direct);
    Answer a = json(direct, "GetFile", getFile(localPath).encode());
    assertCleanError(a, "not_found");
    // no look-up is asserted below from what was called, not from how fast the answer came (speed is
    // the benchmarks' business: a busy machine is slow, not wrong)
    assertTrue(a.upstream().stream().noneMatch(r -> r.path().startsWith("/goget/")), "the fake sees no vanity look-up");
    assertOnlyAllowedUpstream(a);
    assertEquals(before, goGetCalls(direct),
        "no vanity look-up was attempted at an internal address; upstream calls so far: " + upstreamHosts(direct));
  }

  // ---- binary protobuf

  static byte[] protoOf(GetFileRequest r) {
    return r.toByteArray();
  }

  static GetFileRequest.Builder protoFile(String localPath) {
    return GetFileRequest.newBuilder().setRepositoryURL(REPO).setRef(SHA).setLocalPath(localPath);
  }

  @Test
  void hostileBinaryRequestsAreCleanErrors() throws Exception {
    // not protobuf at all, a length that runs past the end, an invalid varint
    rejected(proto(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}));
    rejected(proto(new byte[] {0x0A, 0x64, 'h', 't', 't'}));
    rejected(proto(new byte[] {0x08, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
        (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01}));
    // a string field that is not UTF-8
    rejected(proto(new byte[] {0x1A, 0x02, (byte) 0xC3, (byte) 0x28}));
    // a valid request cut short
    byte[] valid = protoOf(protoFile("README.md").build());
    for (int cut = 1; cut < valid.length; cut += 7) {
      Answer a = proto(java.util.Arrays.copyOf(valid, cut));
      assertCleanError(a, "invalid_argument");
      assertNoUpstreamCall(a);
    }
    // the same hostile values as in JSON
    for (String c : CONTROLS) {
      rejected(proto(protoOf(protoFile("READ" + c + "ME.md").build())));
      rejected(proto(protoOf(protoFile("README.md").setRepositoryURL("https://github.com/ac" + c + "me/app").build())));
      rejected(proto(protoOf(protoFile("README.md").setRef("ma" + c + "in").build())));
      rejected(proto(protoOf(protoFile("README.md").setRootPath("r" + c).build())));
      rejected(proto(protoOf(protoFile("README.md").setFunctionName("f" + c).build())));
    }
    for (String p : CLIMBING) {
      rejected(proto(protoOf(protoFile(p).build())));
      rejected(proto(protoOf(protoFile("README.md").setRootPath(p).build())));
    }
    rejected(proto(protoOf(protoFile("README.md").setRepositoryURL("https://user:s3cr3tpass@github.com/acme/app").build())));
    rejected(proto(protoOf(protoFile("README.md").setRepositoryURL("https://github.com.evil.com/acme/app").build())));
    rejected(proto(protoOf(protoFile("a/".repeat(50_000)).build())));
  }

  // ---- sanity: the same gateway answers a good request (so the refusals above are about the input)

  @Test
  void aWellFormedRequestStillWorks() throws Exception {
    Answer a = json("GetFile", getFile("README.md"));
    assertEquals(200, a.status(), a.body());
    assertOnlyAllowedUpstream(a);
    Answer p = proto(protoOf(protoFile("README.md").build()));
    assertEquals(200, p.status(), p.body());
    Answer c = json("GetCommits", new JsonObject().put("repository_url", REPO).put("refs", new JsonArray().add("main")));
    assertEquals(200, c.status(), c.body());
    assertOnlyAllowedUpstream(c);
    Answer d = json(direct, "GetFile", getFile("README.md").put("ref", "main").encode());
    assertEquals(200, d.status(), d.body());
    assertOnlyAllowedUpstream(d);
  }
}
