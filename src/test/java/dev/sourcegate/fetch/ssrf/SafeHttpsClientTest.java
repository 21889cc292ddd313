package dev.sourcegate.fetch.ssrf;

import static dev.sourcegate.fetch.ssrf.LoopbackHttps.NAME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.fetch.ssrf.UpstreamResponse;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The guarded client against a loopback https fake. The seam: a fake DNS that maps every test name
 * to 127.0.0.1, an address check that trusts only {@value LoopbackHttps#NAME} (and other.test where
 * a test says so), and the fake's port in place of 443.
 */
@ExtendWith(VertxExtension.class)
class SafeHttpsClientTest {
  private LoopbackHttps fake;
  private LoopbackHttps.FakeDns dns;
  private SafeHttpsClient client;

  @BeforeAll
  static void warmUpTls() {
    LoopbackHttps.warmUp();
  }

  @BeforeEach
  void start(Vertx vertx, VertxTestContext tc) {
    fake = new LoopbackHttps(vertx);
    dns = new LoopbackHttps.FakeDns()
        .answer(NAME, "127.0.0.1")
        .answer("other.test", "127.0.0.1")
        .answer("internal.example.com", "127.0.0.1")
        .answer("metadata.example.com", "169.254.169.254");
    fake.start().onComplete(tc.succeeding(f -> {
      client = client(vertx, 3, 10000, NAME);
      tc.completeNow();
    }));
  }

  private SafeHttpsClient client(Vertx vertx, int maxRedirects, int timeoutMs, String... trusted) {
    return new SafeHttpsClient(vertx, new SafeResolver(vertx, dns, LoopbackHttps.publicOnlyExcept(trusted)),
        new SafeHttpsClient.Settings(fake.port(), 2000, timeoutMs, maxRedirects, fake.trust()));
  }

  @AfterEach
  void stop(VertxTestContext tc) {
    client.close().eventually(fake::stop).onComplete(tc.succeedingThenComplete());
  }

  private Future<UpstreamResponse> get(String url) {
    return client.get(url, MultiMap.caseInsensitiveMultiMap().add("Accept", "text/html"), 512 * 1024,
        System.currentTimeMillis() + 10000);
  }

  private static String to(String url) {
    return "https://" + NAME + "/to?url=" + URLEncoder.encode(url, StandardCharsets.UTF_8);
  }

  @Test
  void connectsToTheCheckedAddressWithTheNameInHostSniAndCertificate(VertxTestContext tc) {
    // vanity.test exists only in the fake DNS: had the client looked the name up again, it would fail.
    get("https://" + NAME + "/ok/x?go-get=1").onComplete(tc.succeeding(res -> tc.verify(() -> {
      assertEquals(200, res.status());
      assertTrue(res.body().toString().contains("go-import"));
      LoopbackHttps.Seen seen = fake.requests.get(0);
      assertEquals("/ok/x?go-get=1", seen.uri());
      assertEquals(NAME + ":" + fake.port(), seen.host());
      assertEquals(NAME, seen.sni());
      assertEquals(1, dns.lookups.get());
      tc.completeNow();
    })));
  }

  @Test
  void theCertificateMustMatchTheName(Vertx vertx, VertxTestContext tc) {
    client.close();
    client = client(vertx, 3, 10000, NAME, "other.test");
    // other.test resolves to the fake, whose certificate is for vanity.test only.
    get("https://other.test/ok").onComplete(tc.failing(e -> tc.verify(() -> {
      assertEquals(Code.UNAVAILABLE, ((RpcException) e).code());
      assertEquals(List.of(), fake.requests);
      tc.completeNow();
    })));
  }

  @Test
  void aRelativeRedirectIsFollowed(VertxTestContext tc) {
    get(to("/ok/after")).onComplete(tc.succeeding(res -> tc.verify(() -> {
      assertEquals(200, res.status());
      assertEquals(List.of("/to?url=%2Fok%2Fafter", "/ok/after"), fake.requests.stream().map(LoopbackHttps.Seen::uri).toList());
      tc.completeNow();
    })));
  }

  @Test
  void aQueryOnlyRedirectKeepsThePath(VertxTestContext tc) {
    get(to("?url=%2Fok")).onComplete(tc.succeeding(res -> tc.verify(() -> {
      assertEquals(200, res.status());
      assertEquals("/ok", fake.requests.get(2).uri());
      tc.completeNow();
    })));
  }

  @Test
  void atMostThreeRedirects(VertxTestContext tc) {
    get("https://" + NAME + "/loop").onComplete(tc.failing(e -> tc.verify(() -> {
      assertTrue(assertInstanceOf(Refused.class, e).reason().contains("redirects"), e.getMessage());
      assertEquals(4, fake.requests.size(), "the first request and three redirects");
      tc.completeNow();
    })));
  }

  private void refusedRedirect(String location, String reason, VertxTestContext tc) {
    get(to(location)).onComplete(tc.failing(e -> tc.verify(() -> {
      Refused r = assertInstanceOf(Refused.class, e);
      assertTrue(r.reason().contains(reason), r.reason());
      assertEquals(1, fake.requests.size(), "only the first hop was asked");
      assertEquals(1, fake.connections.get(), "no connection for the refused hop");
      tc.completeNow();
    })));
  }

  @Test
  void aRedirectToALoopbackLiteralIsRefused(VertxTestContext tc) {
    refusedRedirect("https://127.0.0.1/ok", "IP-address literal", tc);
  }

  @Test
  void aRedirectToAnIpv6LiteralIsRefused(VertxTestContext tc) {
    refusedRedirect("https://[::1]/ok", "IP-address literal", tc);
  }

  @Test
  void aRedirectToANameWithAPrivateAnswerIsRefused(VertxTestContext tc) {
    refusedRedirect("https://internal.example.com/ok", "loopback", tc);
  }

  @Test
  void aRedirectToTheMetadataEndpointByNameIsRefused(VertxTestContext tc) {
    refusedRedirect("https://metadata.example.com/latest/meta-data/", "cloud metadata", tc);
  }

  @Test
  void aRedirectToPlainHttpIsRefused(VertxTestContext tc) {
    refusedRedirect("http://" + NAME + "/ok", "not an https URL", tc);
  }

  @Test
  void aRedirectToAnotherPortIsRefused(VertxTestContext tc) {
    refusedRedirect("https://" + NAME + ":8443/ok", "port 8443", tc);
  }

  @Test
  void aRedirectWithUserInfoIsRefused(VertxTestContext tc) {
    refusedRedirect("https://user@" + NAME + "/ok", "user-info", tc);
  }

  @Test
  void theBodyIsCapped(VertxTestContext tc) {
    get("https://" + NAME + "/big").onComplete(tc.failing(e -> tc.verify(() -> {
      assertEquals(Code.RESOURCE_EXHAUSTED, ((RpcException) e).code());
      tc.completeNow();
    })));
  }

  // /slow never answers, so each call ends at one of its two bounds: 300 ms, or the other one set 120 s
  // away. Ending before 60 s tells which, however slow this machine is; only a bound that is not applied
  // can get past 60 s.
  private static final long FAR_MS = 120_000;
  private static final long ONLY_A_BUG_MS = 60_000;

  @Test
  @io.vertx.junit5.Timeout(value = 90, timeUnit = java.util.concurrent.TimeUnit.SECONDS)
  void theWholeChainIsBoundedByTheUpstreamTimeout(Vertx vertx, VertxTestContext tc) {
    client.close();
    client = client(vertx, 3, 300, NAME);
    long started = System.currentTimeMillis();
    client.get(to("/slow"), MultiMap.caseInsensitiveMultiMap(), 1024, started + FAR_MS)
        .onComplete(tc.failing(e -> tc.verify(() -> {
          assertEquals(Code.DEADLINE_EXCEEDED, ((RpcException) e).code());
          long took = System.currentTimeMillis() - started;
          assertTrue(took < ONLY_A_BUG_MS, "ended after " + took + " ms: the 300 ms upstream timeout was not applied");
          tc.completeNow();
        })));
  }

  @Test
  @io.vertx.junit5.Timeout(value = 90, timeUnit = java.util.concurrent.TimeUnit.SECONDS)
  void andByTheRequestsDeadline(Vertx vertx, VertxTestContext tc) {
    client.close();
    client = client(vertx, 3, (int) FAR_MS, NAME);
    long started = System.currentTimeMillis();
    client.get("https://" + NAME + "/slow", MultiMap.caseInsensitiveMultiMap(), 1024, started + 300)
        .onComplete(tc.failing(e -> tc.verify(() -> {
          assertEquals(Code.DEADLINE_EXCEEDED, ((RpcException) e).code());
          long took = System.currentTimeMillis() - started;
          assertTrue(took < ONLY_A_BUG_MS, "ended after " + took + " ms: the request's 300 ms deadline was not applied");
          tc.completeNow();
        })));
  }
}
