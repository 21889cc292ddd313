package dev.sourcegate.fetch;

import static dev.sourcegate.fetch.ssrf.LoopbackHttps.NAME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.fetch.ssrf.LoopbackHttps;
import dev.sourcegate.fetch.ssrf.SafeHttpsClient;
import dev.sourcegate.fetch.ssrf.SafeResolver;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Go vanity look-up's SSRF guard (no SOURCEGATE_GO_GET_URL). The seam is the package-private
 * constructor: the test hands in a SafeHttpsClient whose DNS is a counted fake that maps test names to
 * 127.0.0.1 and whose port is a local listener's, so any look-up the guard let through would show up
 * as a counted connection on 127.0.0.1.
 */
@ExtendWith(VertxExtension.class)
class GoGetClientSsrfTest {

  @BeforeAll
  static void warmUpTls() {
    LoopbackHttps.warmUp();
  }

  private static long soon() {
    return System.currentTimeMillis() + 10_000;
  }

  private static Future<Void> pause(Vertx vertx, long ms) {
    Promise<Void> p = Promise.promise();
    vertx.setTimer(ms, id -> p.complete());
    return p.future();
  }

  private static LoopbackHttps.FakeDns dns() {
    return new LoopbackHttps.FakeDns()
        .answer(NAME, "127.0.0.1")
        .answer("intranet.example.com", "127.0.0.1")
        .answer("mixed.example.com", "140.82.112.3", "2606:4700::1111", "10.0.0.5")
        .answer("metadata.example.com", "169.254.169.254")
        .answer("mapped.example.com", "::ffff:127.0.0.1")
        .answer("v6.example.com", "::1")
        .answer("cgnat.example.com", "100.100.100.200");
  }

  private static GoGetClient guarded(Vertx vertx, SafeResolver.Lookup dns, SafeResolver.AddressCheck check, int port,
      io.vertx.core.net.TrustOptions trust) {
    return new GoGetClient(null, null, new SafeHttpsClient(vertx, new SafeResolver(vertx, dns, check),
        new SafeHttpsClient.Settings(port, 2000, 10_000, 3, trust)), null);
  }

  @ParameterizedTest(name = "{0} refused with {1} DNS look-ups and no connection")
  @CsvSource({
      // IP literals and malformed hosts: refused before DNS
      "127.0.0.1/x, 0",
      "169.254.169.254/latest/meta-data, 0",
      "[::1]/x, 0",
      "10.1.2.3/x, 0",
      "0x7f000001/x, 0",
      "0x7f.1/x, 0",
      "2130706433/x, 0",
      "localhost/x, 0",
      "localhost, 0",
      "user@" + NAME + "/x, 0",
      NAME + ":8080/x, 0",
      NAME + "/a?b, 0",
      // names whose DNS answer is not public: refused after DNS, before TCP
      "intranet.example.com/x, 1",
      "mixed.example.com/x, 1",
      "metadata.example.com/latest/meta-data, 1",
      "mapped.example.com/x, 1",
      "v6.example.com/x, 1",
      "cgnat.example.com/x, 1",
      "unknown.example.com/x, 1"})
  void refusedWithoutAnyConnection(String importPath, int lookups, Vertx vertx, VertxTestContext tc) {
    AtomicInteger connections = new AtomicInteger();
    LoopbackHttps.FakeDns dns = dns();
    LoopbackHttps.tcpCounter(vertx, connections).compose(tcp -> {
      GoGetClient client = guarded(vertx, dns, SafeResolver.PUBLIC_ONLY, tcp.actualPort(), null);
      return client.page(importPath, soon())
          .transform(ar -> pause(vertx, 200).map(v -> ar))
          .compose(ar -> client.close().compose(v -> tcp.close()).map(v -> ar));
    }).onComplete(tc.succeeding(ar -> tc.verify(() -> {
      assertTrue(ar.failed(), "refused");
      RpcException e = (RpcException) ar.cause();
      assertEquals(Code.NOT_FOUND, e.code());
      assertEquals("no Go import page for " + importPath, e.getMessage(), "no resolved address in the answer");
      assertEquals(lookups, dns.lookups.get(), "DNS look-ups");
      assertEquals(0, connections.get(), "TCP connections attempted");
      tc.completeNow();
    })));
  }

  @Test
  void theSeamWouldHaveConnected(Vertx vertx, VertxTestContext tc) {
    // Control for the test above: with the address check lifted, the same look-up reaches the
    // counting listener (which is not TLS, so the look-up then fails as unavailable).
    AtomicInteger connections = new AtomicInteger();
    LoopbackHttps.FakeDns dns = dns();
    LoopbackHttps.tcpCounter(vertx, connections).compose(tcp -> {
      GoGetClient client = guarded(vertx, dns, SafeResolver.ANY_ADDRESS, tcp.actualPort(), null);
      return client.page("intranet.example.com/x", soon())
          .transform(ar -> client.close().compose(v -> tcp.close()).map(v -> ar));
    }).onComplete(tc.succeeding(ar -> tc.verify(() -> {
      assertEquals(Code.UNAVAILABLE, ((RpcException) ar.cause()).code());
      assertEquals(1, connections.get());
      tc.completeNow();
    })));
  }

  private void withFake(Vertx vertx, VertxTestContext tc, SafeResolver.AddressCheck check,
      java.util.function.BiFunction<LoopbackHttps, GoGetClient, Future<Void>> body) {
    LoopbackHttps fake = new LoopbackHttps(vertx)
        .redirect("/r/literal", "https://127.0.0.1/ok")
        .redirect("/r/literal6", "https://[::ffff:127.0.0.1]/ok")
        .redirect("/r/internal", "https://intranet.example.com/ok")
        .redirect("/r/metadata", "https://metadata.example.com/latest/meta-data/")
        .redirect("/r/http", "http://" + NAME + "/ok")
        .redirect("/r/relative", "/ok/moved");
    fake.start().compose(f -> {
      GoGetClient client = guarded(vertx, dns(), check, fake.port(), fake.trust());
      return body.apply(fake, client).eventually(() -> client.close().eventually(fake::stop));
    }).onComplete(tc.succeedingThenComplete());
  }

  @ParameterizedTest(name = "a redirect to {0} is refused")
  @CsvSource({"literal", "literal6", "internal", "metadata", "http"})
  void aRedirectToAPrivatePlaceIsRefused(String where, Vertx vertx, VertxTestContext tc) {
    // The seam trusts vanity.test (the loopback fake) as the first hop only.
    withFake(vertx, tc, LoopbackHttps.publicOnlyExcept(NAME), (fake, client) ->
        client.page(NAME + "/r/" + where, soon()).transform(ar -> {
          tc.verify(() -> {
            assertTrue(ar.failed());
            assertEquals(Code.NOT_FOUND, ((RpcException) ar.cause()).code());
            assertEquals("no Go import page for " + NAME + "/r/" + where, ar.cause().getMessage());
            assertEquals(List.of("/r/" + where + "?go-get=1"),
                fake.requests.stream().map(LoopbackHttps.Seen::uri).toList(), "only the first hop");
            assertEquals(1, fake.connections.get());
          });
          return Future.<Void>succeededFuture();
        }));
  }

  @Test
  void aRelativeRedirectOnTheSameHostIsFollowed(Vertx vertx, VertxTestContext tc) {
    withFake(vertx, tc, LoopbackHttps.publicOnlyExcept(NAME), (fake, client) ->
        client.page(NAME + "/r/relative", soon()).map(html -> {
          tc.verify(() -> {
            assertTrue(html.contains("go-import"));
            assertEquals(List.of("/r/relative?go-get=1", "/ok/moved"),
                fake.requests.stream().map(LoopbackHttps.Seen::uri).toList());
          });
          return null;
        }));
  }

  @Test
  void withoutAllowPrivateTheLoopbackFakeIsRefused(Vertx vertx, VertxTestContext tc) {
    withFake(vertx, tc, SafeResolver.PUBLIC_ONLY, (fake, client) ->
        client.page(NAME + "/ok", soon()).transform(ar -> {
          tc.verify(() -> {
            assertTrue(ar.failed());
            assertEquals(Code.NOT_FOUND, ((RpcException) ar.cause()).code());
            assertEquals(0, fake.connections.get());
          });
          return Future.<Void>succeededFuture();
        }));
  }

  @Test
  void withAllowPrivateTheLoopbackFakeIsReached(Vertx vertx, VertxTestContext tc) {
    withFake(vertx, tc, SafeResolver.ANY_ADDRESS, (fake, client) ->
        client.page(NAME + "/ok/sub/v2", soon()).map(html -> {
          tc.verify(() -> {
            assertTrue(html.contains("<meta name=\"go-import\""), html);
            LoopbackHttps.Seen seen = fake.requests.get(0);
            assertEquals("/ok/sub/v2?go-get=1", seen.uri());
            assertEquals(NAME + ":" + fake.port(), seen.host());
            assertEquals(NAME, seen.sni());
          });
          return null;
        }));
  }

  @Test
  void allowPrivateStillRefusesPlainHttpAndIpLiterals(Vertx vertx, VertxTestContext tc) {
    withFake(vertx, tc, SafeResolver.ANY_ADDRESS, (fake, client) ->
        client.page(NAME + "/r/http", soon()).transform(http -> client.page("127.0.0.1/ok", soon()).transform(literal -> {
          tc.verify(() -> {
            assertEquals(Code.NOT_FOUND, ((RpcException) http.cause()).code());
            assertEquals(Code.NOT_FOUND, ((RpcException) literal.cause()).code());
            assertEquals(1, fake.requests.size(), "only the first hop of the http redirect");
          });
          return Future.<Void>succeededFuture();
        })));
  }

  @Test
  void directUrlsEncodeThePathAndNameTheHostOnly() {
    assertEquals("https://go.uber.org/zap/v2?go-get=1", GoGetClient.directUrl("go.uber.org/zap/v2"));
    assertEquals("https://example.com/?go-get=1", GoGetClient.directUrl("Example.COM"));
    assertEquals("https://example.com/a/b~c/d%21e?go-get=1", GoGetClient.directUrl("example.com/a/b~c/d!e"));
  }

  /**
   * With SOURCEGATE_GO_GET_URL the gateway connects to the operator's mirror, which would relay any
   * host; so the import path's own host is judged, before any request. The upstream client is null
   * here: a look-up that got through would throw.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"127.0.0.1/x", "127.1/x", "0x7f.0.0.1/x", "2130706433/x", "0.0.0.0/x", "10.0.0.1/x",
      "169.254.169.254/latest", "[::1]/x", "[::ffff:127.0.0.1]/x", "::1/x", "localhost/x", "localhost./x", "LOCALHOST/x",
      "sub.localhost/x", "example.com:8080/x", "example.com:443/x", "example.com./x", "user@example.com/x"})
  void aConfiguredBaseIsNeverAskedForAnAddressLocalhostOrPort(String importPath) {
    GoGetClient client = new GoGetClient(null, URI.create("http://127.0.0.1:9999/vanity/"), null, null);
    Future<String> page = client.page(importPath, soon());
    assertTrue(page.failed());
    assertEquals(Code.NOT_FOUND, ((RpcException) page.cause()).code(), page.cause().getMessage());
  }

  @Test
  void aConfiguredBaseIsUsedAsBeforeWithEachSegmentEncoded() {
    GoGetClient client = new GoGetClient(null, URI.create("http://127.0.0.1:9999/vanity/"), null, null);
    assertEquals("http://127.0.0.1:9999/vanity/example.com/a/b%21c?go-get=1", client.url("example.com/a/b!c"));
    assertFalse(client.url("go.uber.org/zap").startsWith("https://go.uber.org"));
  }
}
