package dev.sourcegate.testkit;

import dev.sourcegate.Gateway;
import dev.sourcegate.auth.OAuthToken;
import dev.sourcegate.auth.SessionCookie;
import dev.sourcegate.auth.TenantKeys;
import dev.sourcegate.settings.SettingsLoader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A gateway started in-process on a loopback port, pointed at a {@link FakeGitHub}. One gateway per
 * Vertx: two gateways in one Vertx would share event-bus addresses (and, with port 0, one listening port).
 */
public final class TestGateway {
  public static final String SECRET = "16_byte_key_XXXX";
  public static final String CLIENT_ID = "Iv1.testclient";
  public static final String CLIENT_SECRET = "test-client-secret";
  public static final String CALLBACK = "https://grafana.example/a/pyroscope/github/callback";

  private final Gateway gateway;
  private final WebClient client;

  private TestGateway(Gateway gateway, WebClient client) {
    this.gateway = gateway;
    this.client = client;
  }

  /** The base environment: a configured GitHub App, port 0, loopback, every upstream on the fake. */
  public static Map<String, String> env(FakeGitHub fake) {
    Map<String, String> env = new HashMap<>(fake.env());
    env.put("GITHUB_CLIENT_ID", CLIENT_ID);
    env.put("GITHUB_CLIENT_SECRET", CLIENT_SECRET);
    env.put("GITHUB_SESSION_SECRET", SECRET);
    env.put("GITHUB_CALLBACK_URL", CALLBACK);
    env.put("SOURCEGATE_PORT", "0");
    env.put("SOURCEGATE_MANAGEMENT_PORT", "0");
    env.put("SOURCEGATE_HOST", "127.0.0.1");
    env.put("SOURCEGATE_SHUTDOWN_GRACE_MS", "1000");
    env.put("SOURCEGATE_ACCESS_LOG", "false");
    // the tests that assert REST calls stay on REST; the per-protocol suites switch GraphQL on (withGraphQl)
    env.put("SOURCEGATE_GITHUB_GRAPHQL", "false");
    return env;
  }

  /** env with GitHub's GraphQL API on (batched look-ups first, REST where GraphQL cannot serve). */
  public static Map<String, String> withGraphQl(Map<String, String> env) {
    Map<String, String> on = new HashMap<>(env);
    on.put("SOURCEGATE_GITHUB_GRAPHQL", "true");
    return on;
  }

  public static Future<TestGateway> start(Vertx vertx, Map<String, String> env) {
    return start(vertx, env, Clock.systemUTC());
  }

  public static Future<TestGateway> start(Vertx vertx, Map<String, String> env, Clock clock) {
    Gateway gateway = new Gateway(vertx, SettingsLoader.load(env, null), clock);
    return gateway.start().map(g -> new TestGateway(g, WebClient.create(vertx,
        new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(g.port()))));
  }

  /** Starts the fake, then a gateway on it with the base environment plus extraEnv. */
  public static Future<TestGateway> start(Vertx vertx, FakeGitHub fake, Map<String, String> extraEnv, Clock clock) {
    return fake.start().compose(f -> {
      Map<String, String> env = new HashMap<>(env(fake));
      env.putAll(extraEnv);
      return start(vertx, env, clock);
    });
  }

  /** Stops the gateway, then the fake, whichever of them was started (for @AfterEach). */
  public static Future<Void> stop(TestGateway gw, FakeGitHub fake) {
    Future<Void> g = gw == null ? Future.succeededFuture() : gw.stop();
    return g.eventually(() -> fake == null ? Future.succeededFuture() : fake.stop());
  }

  public Gateway gateway() {
    return gateway;
  }

  public int port() {
    return gateway.port();
  }

  public WebClient client() {
    return client;
  }

  /** A JSON Connect call as the Grafana front end makes it. */
  public Future<HttpResponse<Buffer>> call(String method, JsonObject body, String cookieValue) {
    return call(method, body, cookieValue, Map.of());
  }

  public Future<HttpResponse<Buffer>> call(String method, JsonObject body, String cookieValue, Map<String, String> headers) {
    HttpRequest<Buffer> req = client.post("/vcs.v1.VCSService/" + method).putHeader("Content-Type", "application/json");
    if (cookieValue != null) {
      req.putHeader("Cookie", SessionCookie.NAME + "=" + cookieValue);
    }
    headers.forEach(req::putHeader);
    return req.sendBuffer(Buffer.buffer(body.encode()));
  }

  /** A session cookie value (current form) for a token, sealed for a tenant with the test secret. */
  public static String cookieFor(String tenant, String accessToken, String refreshToken, Instant expiry) {
    OAuthToken token = new OAuthToken(accessToken, "bearer", refreshToken, expiry);
    return SessionCookie.value(SessionCookie.seal(token, new TenantKeys(SECRET).keyFor(tenant)));
  }

  public static String cookieFor(String accessToken) {
    return cookieFor("anonymous", accessToken, "ghr_r", Instant.now().plusSeconds(3600));
  }

  public Future<Void> stop() {
    client.close();
    return gateway.stop();
  }
}
