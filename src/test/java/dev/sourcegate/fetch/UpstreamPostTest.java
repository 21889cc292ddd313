package dev.sourcegate.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.sourcegate.ops.GatewayMetrics;
import dev.sourcegate.settings.GatewayConfig;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The guarded client's POST (a read-only GraphQL query) against a server on 127.0.0.1: the body and
 * headers arrive, a 5xx is sent again like a GET's, a 4xx is not, and the answer's size is capped.
 */
@ExtendWith(VertxExtension.class)
class UpstreamPostTest {
  private HttpServer server;
  private UpstreamClient http;
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger failFirst = new AtomicInteger();
  private volatile int failStatus = 502;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext tc) {
    server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      received.add(req.method() + " " + req.path() + " " + req.getHeader("Content-Type") + " " + body);
      if (failFirst.getAndDecrement() > 0) {
        req.response().setStatusCode(failStatus).end("{}");
      } else if (req.path().equals("/big")) {
        req.response().end(Buffer.buffer(new byte[4096]));
      } else {
        req.response().end("{\"data\":{}}");
      }
    }));
    GatewayConfig.Upstreams upstreams = new GatewayConfig.Upstreams(URI.create("http://127.0.0.1"), URI.create("http://127.0.0.1"),
        URI.create("http://127.0.0.1"), URI.create("http://127.0.0.1"), 2_000, 10_000, null);
    GatewayConfig.Resilience resilience = new GatewayConfig.Resilience(2, 1, 10_000, 100, 50, 10_000, 100, 100, 10, false);
    http = new UpstreamClient(vertx, upstreams, resilience, new GatewayMetrics());
    server.listen(0, "127.0.0.1").onComplete(tc.succeedingThenComplete());
  }

  @AfterEach
  void stop(VertxTestContext tc) {
    http.close();
    server.close().onComplete(tc.succeedingThenComplete());
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  private static MultiMap json() {
    return MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json");
  }

  private static long deadline() {
    return System.currentTimeMillis() + 10_000;
  }

  @Test
  void aServerErrorIsSentAgainWithTheSameBody(VertxTestContext tc) {
    failFirst.set(1);
    http.post(url("/api/graphql"), json(), Buffer.buffer("{\"query\":\"{ viewer { login } }\"}"), 1024, "graphql", deadline(),
            UpstreamScope.githubGraphQl())
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(200, res.status());
          String one = "POST /api/graphql application/json {\"query\":\"{ viewer { login } }\"}";
          assertEquals(List.of(one, one), received);
          tc.completeNow();
        })));
  }

  @Test
  void aClientErrorIsNotSentAgain(VertxTestContext tc) {
    failFirst.set(1);
    failStatus = 401;
    http.post(url("/api/graphql"), json(), Buffer.buffer("{}"), 1024, "graphql", deadline(), UpstreamScope.githubGraphQl())
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(401, res.status());
          assertEquals(1, received.size());
          tc.completeNow();
        })));
  }

  @Test
  void anAnswerOverTheCapFails(VertxTestContext tc) {
    http.post(url("/big"), json(), Buffer.buffer("{}"), 1024, "graphql", deadline(), UpstreamScope.githubGraphQl())
        .onComplete(tc.failing(e -> tc.verify(() -> {
          assertInstanceOf(CappedBuffer.Overflow.class, e);
          tc.completeNow();
        })));
  }
}
