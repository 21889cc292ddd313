package dev.sourcegate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.auth.SessionCookie;
import dev.sourcegate.testkit.RawHttp;
import dev.sourcegate.testkit.FakeGitHub;
import dev.sourcegate.testkit.TestGateway;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a client without a session can hold, and for how long: slow bodies without a (valid) cookie never
 * take a tenant's in-flight budget, Connect-Timeout-Ms is capped and the body has a deadline of its own,
 * connections are capped (the management port still answers), a connection that owes its headers is
 * closed, Transfer-Encoding is refused, and no HTTP/2 answer carries a connection header. Raw sockets
 * where the test must decide which bytes leave; every wait is for a condition, never for a time.
 */
class AdmissionTest {
  static final String SHA = "0123456789abcdef0123456789abcdef01234567";
  static final String REPO = "https://github.com/acme/app";
  static final String TOKEN = "gho_victim";
  static final long WAIT_MS = 60_000;

  private Vertx vertx;
  private FakeGitHub fake;
  private TestGateway gw;
  private final List<Socket> sockets = new ArrayList<>();

  @BeforeEach
  void fake() throws Exception {
    vertx = Vertx.vertx();
    fake = new FakeGitHub(vertx);
    fake.token(TOKEN).file("acme", "app", SHA, "a.txt", "alpha");
    await(fake.start());
  }

  private void start(Map<String, String> extra) throws Exception {
    Map<String, String> env = new HashMap<>(TestGateway.env(fake));
    env.putAll(extra);
    gw = await(TestGateway.start(vertx, env));
  }

  @AfterEach
  void stop() throws Exception {
    for (Socket s : sockets) {
      s.close();
    }
    Future<Void> g = gw == null ? Future.succeededFuture() : gw.stop();
    await(g.compose(v -> fake.stop()).compose(v -> vertx.close()));
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(WAIT_MS, TimeUnit.MILLISECONDS);
  }

  /** Polls the condition until it holds; fails after a bound far beyond any healthy wait. */
  static void waitUntil(String what, BooleanSupplier condition) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > until) {
        throw new AssertionError("still waiting for: " + what);
      }
      Thread.sleep(10);
    }
  }

  private Socket open(int port) throws IOException {
    Socket s = new Socket("127.0.0.1", port);
    s.setSoTimeout((int) WAIT_MS);
    s.setTcpNoDelay(true);
    sockets.add(s);
    return s;
  }

  private static void write(Socket s, String text) throws IOException {
    s.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
  }

  /** True once the server has closed the connection (EOF or reset), reading and dropping anything before. */
  static boolean closedByServer(Socket s) throws IOException {
    try {
      InputStream in = s.getInputStream();
      while (in.read() >= 0) {
        // an answer sent before the close is not what is judged here
      }
      return true;
    } catch (SocketException reset) {
      return true;
    }
  }

  static String rpcHead(String method, String tenant, String cookie, long timeoutMs, int contentLength) {
    return "POST /vcs.v1.VCSService/" + method + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + (tenant == null ? "" : "X-Scope-OrgID: " + tenant + "\r\n")
        + (cookie == null ? "" : "Cookie: " + SessionCookie.NAME + "=" + cookie + "\r\n")
        + "Connect-Timeout-Ms: " + timeoutMs + "\r\nContent-Length: " + contentLength + "\r\n\r\n";
  }

  private double gauge(String name) {
    Gauge g = gw.gateway().metrics().registry().find(name).gauge();
    return g == null ? Double.NaN : g.value();
  }

  private long answered(String code) {
    return gw.gateway().metrics().registry().find("sourcegate_requests").tag("code", code)
        .timers().stream().mapToLong(Timer::count).sum();
  }

  private JsonObject getFile() {
    return new JsonObject().put("repositoryURL", REPO).put("ref", SHA).put("localPath", "a.txt");
  }

  // ---------------------------------------------------------------- admission by session

  @Test
  void slowBodiesWithoutAValidCookieNeverLockATenantOut() throws Exception {
    // the slow bodies may hold their slots for the whole test: long deadlines, so nothing frees them
    start(Map.of("SOURCEGATE_MULTITENANT", "true",
        "SOURCEGATE_MAX_REQUEST_TIMEOUT_MS", "600000", "SOURCEGATE_BODY_TIMEOUT_MS", "600000",
        "SOURCEGATE_IDLE_TIMEOUT_MS", "3600000"));
    int attackers = 300; // more than SOURCEGATE_MAX_INFLIGHT_PER_TENANT (256)
    String forged = TestGateway.cookieFor("attacker", "gho_x", "ghr_x", Instant.now().plusSeconds(3600));
    for (int i = 0; i < attackers; i++) {
      // no cookie, or a real cookie of another tenant: neither opens for the victim
      write(open(gw.port()), rpcHead("GetFile", "victim", i % 2 == 0 ? null : forged, 600_000, 100) + "{");
    }
    int budget = 64; // SOURCEGATE_MAX_INFLIGHT_UNAUTHENTICATED's default
    waitUntil("every slow body admitted or refused", () ->
        gauge("sourcegate_inflight_unauthenticated") == budget && answered("resource_exhausted") == attackers - budget);

    String cookie = TestGateway.cookieFor("victim", TOKEN, "ghr_r", Instant.now().plusSeconds(3600));
    HttpResponse<Buffer> withCookie = await(gw.call("GetFile", getFile(), cookie, Map.of("X-Scope-OrgID", "victim")));
    assertEquals(200, withCookie.statusCode(), withCookie.bodyAsString());

    HttpResponse<Buffer> without = await(gw.call("GithubApp", new JsonObject(), null, Map.of("X-Scope-OrgID", "victim")));
    assertEquals(429, without.statusCode(), without.bodyAsString());
    JsonObject err = without.bodyAsJsonObject();
    assertEquals("resource_exhausted", err.getString("code"));
    assertTrue(err.getString("message").contains("without a verified session cookie"), err.encode());
    assertTrue(err.getString("message").contains("SOURCEGATE_MAX_INFLIGHT_UNAUTHENTICATED"), err.encode());
  }

  @Test
  void aCookieNotOpenedLatelyIsOpenedOnItsHeadersAndSpendsItsTenantsBudget() throws Exception {
    start(Map.of("SOURCEGATE_MULTITENANT", "true", "SOURCEGATE_MAX_INFLIGHT_UNAUTHENTICATED", "1",
        "SOURCEGATE_MAX_REQUEST_TIMEOUT_MS", "600000", "SOURCEGATE_BODY_TIMEOUT_MS", "600000",
        "SOURCEGATE_IDLE_TIMEOUT_MS", "3600000"));
    String cookie = TestGateway.cookieFor("victim", TOKEN, "ghr_r", Instant.now().plusSeconds(3600));
    // the only unauthenticated slot is taken
    write(open(gw.port()), rpcHead("GithubApp", "victim", null, 600_000, 10) + "{");
    waitUntil("the cookie-less body holds the unauthenticated slot", () -> gauge("sourcegate_inflight_unauthenticated") == 1);
    // a cookie never seen before, its body still on its way: it holds a slot of its tenant, not that one
    Socket held = open(gw.port());
    write(held, rpcHead("GetFile", "victim", cookie, 600_000, getFile().encode().length()));
    waitUntil("the session's request admitted", () -> gw.gateway().loadShedder().inFlight("victim") == 1);
    assertEquals(1, gw.gateway().loadShedder().inFlightUnauthenticated());
    assertEquals(2, gw.gateway().loadShedder().inFlight());
    write(held, getFile().encode());
    String res = RawHttp.response(held.getInputStream());
    assertTrue(res.startsWith("HTTP/1.1 200"), res);
    assertTrue(res.contains("YWxwaGE="), "the file's content: " + res);
  }

  // ---------------------------------------------------------------- deadlines

  @Test
  void connectTimeoutMsIsCappedByTheServer() throws Exception {
    // a body that never completes shows the deadline in force: the cap, not the 600,000 ms asked for
    start(Map.of("SOURCEGATE_MAX_REQUEST_TIMEOUT_MS", "300", "SOURCEGATE_REQUEST_TIMEOUT_MS", "300",
        "SOURCEGATE_BODY_TIMEOUT_MS", "600000"));
    Socket s = open(gw.port());
    write(s, rpcHead("GithubApp", null, null, 600_000, 20) + "{");
    String res = RawHttp.response(s.getInputStream());
    assertTrue(res.startsWith("HTTP/1.1 504"), res);
    assertTrue(res.contains("\"code\":\"deadline_exceeded\""), res);
    assertTrue(res.contains("deadline of 300 ms exceeded"), res);
  }

  @Test
  void theBodyHasItsOwnDeadlineWhateverConnectTimeoutMsSays() throws Exception {
    start(Map.of("SOURCEGATE_MAX_REQUEST_TIMEOUT_MS", "600000", "SOURCEGATE_BODY_TIMEOUT_MS", "200",
        "SOURCEGATE_IDLE_TIMEOUT_MS", "3600000"));
    Socket s = open(gw.port());
    write(s, rpcHead("GithubApp", null, null, 600_000, 20) + "{");
    String res = RawHttp.response(s.getInputStream());
    assertTrue(res.startsWith("HTTP/1.1 504"), res);
    assertTrue(res.contains("\"code\":\"deadline_exceeded\""), res);
    assertTrue(res.contains("request body not received within 200 ms (SOURCEGATE_BODY_TIMEOUT_MS)"), res);
    assertTrue(res.toLowerCase().contains("connection: close"), "the half-read HTTP/1.1 connection is not reused: " + res);
    assertTrue(closedByServer(s));
    waitUntil("the slot is given back", () -> gw.gateway().loadShedder().inFlight() == 0
        && gw.gateway().loadShedder().inFlightUnauthenticated() == 0);
  }

  // ---------------------------------------------------------------- connections

  @Test
  void connectionsPastTheCapAreClosedWhileTheManagementPortAnswers() throws Exception {
    start(Map.of("SOURCEGATE_MAX_CONNECTIONS", "20", "SOURCEGATE_HEADER_TIMEOUT_MS", "600000"));
    String health = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    for (int i = 0; i < 20; i++) {
      // Vert.x reports a connection with its first request; it then stays open, idle
      Socket s = open(gw.port());
      write(s, health);
      assertTrue(RawHttp.response(s.getInputStream()).startsWith("HTTP/1.1 200"));
    }
    assertEquals(20.0, gauge("sourcegate_open_connections"));
    Socket late = open(gw.port());
    write(late, health);
    String refused = RawHttp.response(late.getInputStream());
    assertEquals("", refused, "the 21st connection is closed unanswered");
    assertEquals(20.0, gauge("sourcegate_open_connections"));

    var web = io.vertx.ext.web.client.WebClient.create(vertx);
    HttpResponse<Buffer> healthz = await(web.get(gw.gateway().managementPort(), "127.0.0.1", "/healthz").send());
    assertEquals(200, healthz.statusCode());
    assertEquals("ok\n", healthz.bodyAsString());
    assertEquals(200, await(web.get(gw.gateway().managementPort(), "127.0.0.1", "/readyz").send()).statusCode());
    HttpResponse<Buffer> metrics = await(web.get(gw.gateway().managementPort(), "127.0.0.1", "/metrics").send());
    assertTrue(metrics.bodyAsString().contains("sourcegate_refused_connections_total 1.0"), metrics.bodyAsString());

    // a slot given back is taken again
    sockets.get(0).close();
    waitUntil("a slot given back", () -> gauge("sourcegate_open_connections") == 19);
    Socket next = open(gw.port());
    write(next, health);
    assertTrue(RawHttp.response(next.getInputStream()).startsWith("HTTP/1.1 200"));
  }

  @Test
  void aConnectionThatOwesItsHeadersIsClosed() throws Exception {
    start(Map.of("SOURCEGATE_HEADER_TIMEOUT_MS", "200"));
    Socket silent = open(gw.port());
    assertTrue(closedByServer(silent), "a connection that sends nothing: closed");
    Socket slow = open(gw.port());
    write(slow, "POST /vcs.v1.VCSService/GithubApp HTTP/1.1\r\nHost: 127.0.0.1\r\n"); // and never the rest
    assertTrue(closedByServer(slow), "slow headers: closed");
    // after an answer, the next request's headers are owed too
    Socket idle = open(gw.port());
    write(idle, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    assertTrue(RawHttp.response(idle.getInputStream()).startsWith("HTTP/1.1 200"));
    assertTrue(closedByServer(idle), "idle after its answer: closed");
    waitUntil("the closed connections given back", () -> gauge("sourcegate_open_connections") == 0);
  }

  @Test
  void aRequestWaitingForItsAnswerIsNotCutByTheHeaderTimeout() throws Exception {
    // no traffic either way while the upstream is slow: far longer than the header timeout
    start(Map.of("SOURCEGATE_HEADER_TIMEOUT_MS", "200", "SOURCEGATE_IDLE_TIMEOUT_MS", "60000",
        "SOURCEGATE_MAX_REQUEST_TIMEOUT_MS", "30000", "SOURCEGATE_REQUEST_TIMEOUT_MS", "30000"));
    fake.delay(1_500);
    String cookie = TestGateway.cookieFor(TOKEN);
    HttpResponse<Buffer> res = await(gw.call("GetFile", getFile(), cookie));
    assertEquals(200, res.statusCode(), res.bodyAsString());

    // and on HTTP/2 (h2c, upgraded by the first request), for another file not cached yet
    fake.file("acme", "app", SHA, "b.txt", "bravo");
    java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
        .version(java.net.http.HttpClient.Version.HTTP_2).build();
    String base = "http://127.0.0.1:" + gw.port();
    assertEquals(200, client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/healthz")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode());
    var h2 = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/vcs.v1.VCSService/GetFile"))
            .header("Content-Type", "application/json").header("Cookie", SessionCookie.NAME + "=" + cookie)
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(getFile().put("localPath", "b.txt").encode())).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(java.net.http.HttpClient.Version.HTTP_2, h2.version());
    assertEquals(200, h2.statusCode(), h2.body());
  }

  // ---------------------------------------------------------------- framing and methods

  @Test
  void contentLengthWithTransferEncodingNeverHangsNorIsServed() throws Exception {
    start(Map.of("SOURCEGATE_BODY_TIMEOUT_MS", "200"));
    String head = "POST /vcs.v1.VCSService/GithubApp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
    // the body meant by Content-Length is no chunk: refused as soon as that shows
    Socket broken = open(gw.port());
    String json = "{\"a\":1}\r\n";
    write(broken, head + "Content-Length: " + json.length() + "\r\nTransfer-Encoding: chunked\r\n\r\n" + json);
    String res = RawHttp.response(broken.getInputStream());
    assertTrue(res.isEmpty() || res.startsWith("HTTP/1.1 400"), res);
    assertTrue(closedByServer(broken));
    // ... or it never ends a chunk-size line: the body deadline answers, whatever Connect-Timeout-Ms says
    Socket waiting = open(gw.port());
    write(waiting, head + "Connect-Timeout-Ms: 600000\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}");
    String late = RawHttp.response(waiting.getInputStream());
    assertTrue(late.startsWith("HTTP/1.1 504"), late);
    assertTrue(late.contains("SOURCEGATE_BODY_TIMEOUT_MS"), late);
    assertTrue(closedByServer(waiting));
    // a chunked body on its own is fine: Connect clients (connect-go, buf curl) stream request bodies
    Socket chunked = open(gw.port());
    write(chunked, head + "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n");
    String ok = RawHttp.response(chunked.getInputStream());
    assertTrue(ok.startsWith("HTTP/1.1 200"), ok);
    // ... but nothing after a Transfer-Encoding request is read on its connection: a request smuggled
    // behind valid chunks (which a proxy that believed Content-Length took for body) is never answered
    Socket smuggled = open(gw.port());
    String second = "POST /vcs.v1.VCSService/GithubApp HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";
    String chunks = "2\r\n{}\r\n0\r\n\r\n";
    write(smuggled, head + "Content-Length: " + (chunks.length() + second.length())
        + "\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks + second);
    String first = RawHttp.response(smuggled.getInputStream());
    assertTrue(first.startsWith("HTTP/1.1 200"), first);
    assertTrue(first.toLowerCase().contains("connection: close"), first);
    String after = new String(smuggled.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    assertEquals("", after, "the smuggled request was answered");
  }

  @Test
  void opsPathsAnswer405WithAllowAndNoBodyToOtherMethods() throws Exception {
    start(Map.of());
    var web = io.vertx.ext.web.client.WebClient.create(vertx);
    for (int port : new int[] {gw.port(), gw.gateway().managementPort()}) {
      for (String path : List.of("/healthz", "/readyz", "/metrics")) {
        for (HttpMethod m : List.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE)) {
          HttpResponse<Buffer> res = await(web.request(m, port, "127.0.0.1", path).send());
          String what = m + " " + path + " on " + port;
          assertEquals(405, res.statusCode(), what);
          assertEquals("GET, HEAD", res.getHeader("Allow"), what);
          assertTrue(res.body() == null || res.body().length() == 0, what + ": " + res.bodyAsString());
        }
        assertEquals(200, await(web.get(port, "127.0.0.1", path).send()).statusCode(), path);
      }
    }
  }

  @Test
  void noHttp2AnswerCarriesAConnectionHeader() throws Exception {
    start(Map.of("SOURCEGATE_MAX_REQUEST_BYTES", "1024"));
    String tooLarge = "{\"x\":\"" + "a".repeat(2000) + "\"}";
    java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
        .version(java.net.http.HttpClient.Version.HTTP_2).build();
    String base = "http://127.0.0.1:" + gw.port();
    // the first request upgrades the connection to h2c; the next ones are HTTP/2 streams on it
    var upgraded = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/healthz")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(200, upgraded.statusCode());
    var res = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/vcs.v1.VCSService/GithubApp"))
            .header("Content-Type", "application/json")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(tooLarge)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(java.net.http.HttpClient.Version.HTTP_2, res.version());
    assertEquals(429, res.statusCode(), res.body());
    assertTrue(res.body().contains("resource_exhausted"), res.body());
    assertTrue(res.headers().firstValue("connection").isEmpty(),
        "RFC 9113 8.2.2: no connection-specific header field: " + res.headers().map());

    // HTTP/1.1 still closes the connection on the half-read body
    Socket s = open(gw.port());
    write(s, "POST /vcs.v1.VCSService/GithubApp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + tooLarge.length() + "\r\n\r\n" + tooLarge);
    String res1 = RawHttp.response(s.getInputStream());
    assertTrue(res1.startsWith("HTTP/1.1 429"), res1);
    assertTrue(res1.toLowerCase().contains("connection: close"), res1);
  }
}
