package dev.sourcegate.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.bus.Addresses;
import dev.sourcegate.testkit.FakeGitHub;
import dev.sourcegate.testkit.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A warm GetFile of a session already opened is answered by the HTTP verticle from the resolver's cache,
 * with no event-bus hop, and only when the resolver itself would serve it from that cache: same caller
 * rules (token seen reading the repository, session not expired, tenant of the cookie), same answer,
 * same errors. The cookie is minted once per user here, as a browser sends the same cookie on every
 * click (a fresh cookie is a session never opened, which always takes the event bus).
 */
@ExtendWith(VertxExtension.class)
class CachedAnswersTest {
  private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
  private static final String REPO = "https://github.com/acme/app";
  private static final String SECRET_REPO = "https://github.com/acme/secret";
  private FakeGitHub fake;
  private TestGateway gw;
  /** Messages sent per address (the loop suffix of LoopAffinity's addresses cut off). */
  private final Map<String, AtomicInteger> sent = new ConcurrentHashMap<>();

  /** A clock the tests move by hand. */
  static final class MovableClock extends Clock {
    private volatile Instant now = Instant.now();

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private Future<Void> start(Vertx vertx, Map<String, String> extraEnv, Clock clock) {
    fake = new FakeGitHub(vertx);
    fake.token("gho_alice").token("gho_bob")
        .file("acme", "app", SHA, "cmd/main.go", "package main")
        .file("acme", "app", "main", "cmd/main.go", "package main // on main")
        .commit("acme", "app", "main", FakeGitHub.commitJson("acme", "app", SHA, "m", "2026-01-01T00:00:00Z", null))
        .privateRepo("acme", "secret", "gho_alice")
        .file("acme", "secret", SHA, "main.py", "print('secret')");
    vertx.eventBus().addOutboundInterceptor(dc -> {
      String address = dc.message().address();
      int at = address.indexOf('@');
      sent.computeIfAbsent(at < 0 ? address : address.substring(0, at), a -> new AtomicInteger()).incrementAndGet();
      dc.next();
    });
    return TestGateway.start(vertx, fake, extraEnv, clock).map(g -> {
      gw = g;
      return null;
    });
  }

  @AfterEach
  void stop(VertxTestContext tc) {
    Future<Void> g = gw == null ? Future.succeededFuture() : gw.stop();
    g.compose(v -> fake.stop()).onComplete(tc.succeedingThenComplete());
  }

  private int sentTo(String address) {
    AtomicInteger n = sent.get(address);
    return n == null ? 0 : n.get();
  }

  private static JsonObject ask(String repo, String ref, String path) {
    return new JsonObject().put("repositoryURL", repo).put("ref", ref).put("localPath", path);
  }

  private Future<HttpResponse<Buffer>> getFile(String cookie, JsonObject ask) {
    return gw.call("GetFile", ask, cookie);
  }

  private Future<HttpResponse<Buffer>> getFile(String cookie, JsonObject ask, Map<String, String> headers) {
    return gw.call("GetFile", ask, cookie, headers);
  }

  private static Future<Void> sleep(Vertx vertx, long ms) {
    Promise<Void> later = Promise.promise();
    vertx.setTimer(ms, id -> later.complete());
    return later.future();
  }

  private Future<String> metrics() {
    return gw.client().get("/metrics").send().map(HttpResponse::bodyAsString);
  }

  @Test
  void aRepeatedGetFileOfAnOpenSessionTakesNoEventBusHop(Vertx vertx, VertxTestContext tc) {
    String alice = TestGateway.cookieFor("gho_alice");
    JsonObject ask = ask(REPO, SHA, "cmd/main.go");
    start(vertx, Map.of(), Clock.systemUTC())
        .compose(v -> getFile(alice, ask))
        .compose(first -> fake.settled().map(first))
        .compose(first -> {
          tc.verify(() -> {
            assertEquals(200, first.statusCode(), first.bodyAsString());
            assertEquals(1, sentTo(Addresses.AUTH_SESSION));
            assertEquals(1, sentTo(Addresses.RESOLVER_RPC));
          });
          sent.clear();
          fake.clearRequests();
          return getFile(alice, ask).compose(second -> getFile(alice, ask).map(List.of(first, second)));
        })
        .compose(answers -> {
          tc.verify(() -> {
            assertEquals(200, answers.get(1).statusCode());
            assertEquals(answers.get(0).bodyAsJsonObject(), answers.get(1).bodyAsJsonObject(), "the same answer");
            assertEquals(Map.of(), Map.copyOf(sent), "no event-bus message for a warm GetFile");
            assertEquals(List.of(), fake.paths());
          });
          return metrics();
        })
        .onComplete(tc.succeeding(m -> tc.verify(() -> {
          assertTrue(m.contains("sourcegate_cache_lookups_total{level=\"resolution\",result=\"hit\"} 2.0"), m);
          assertTrue(m.contains("sourcegate_cache_lookups_total{level=\"resolution\",result=\"miss\"} 1.0"),
              "the cold request is one miss, not one per look-up: " + m);
          assertTrue(m.contains("sourcegate_requests_seconds_count{code=\"ok\",method=\"GetFile\"} 3"), m);
          tc.completeNow();
        })));
  }

  @Test
  void anotherUserWithAnOpenSessionIsStillRefusedPrivateContent(Vertx vertx, VertxTestContext tc) {
    String alice = TestGateway.cookieFor("gho_alice");
    String bob = TestGateway.cookieFor("gho_bob");
    JsonObject secret = ask(SECRET_REPO, SHA, "main.py");
    start(vertx, Map.of(), Clock.systemUTC())
        .compose(v -> getFile(alice, secret))
        .compose(a -> getFile(alice, secret))
        .compose(a -> getFile(bob, ask(REPO, SHA, "cmd/main.go")))
        .compose(b -> {
          tc.verify(() -> assertEquals(200, b.statusCode(), "bob's session is open"));
          sent.clear();
          return getFile(bob, secret).compose(first -> getFile(bob, secret).map(List.of(first)));
        })
        .onComplete(tc.succeeding(second -> tc.verify(() -> {
          assertEquals(404, second.get(0).statusCode(), second.get(0).bodyAsString());
          assertFalse(second.get(0).bodyAsString().contains("secret')"), "no content leaks");
          assertEquals(2, sentTo(Addresses.RESOLVER_RPC), "both of bob's requests were judged by the resolver");
          tc.completeNow();
        })));
  }

  @Test
  void anExpiredSessionIsNotAnsweredFromMemory(Vertx vertx, VertxTestContext tc) {
    MovableClock clock = new MovableClock();
    String alice = TestGateway.cookieFor("anonymous", "gho_alice", "ghr_r", clock.instant().plusSeconds(60));
    JsonObject ask = ask(REPO, SHA, "cmd/main.go");
    start(vertx, Map.of(), clock)
        .compose(v -> getFile(alice, ask))
        .compose(v -> getFile(alice, ask))
        .compose(warm -> {
          tc.verify(() -> assertEquals(200, warm.statusCode()));
          clock.advance(Duration.ofSeconds(61));
          return getFile(alice, ask);
        })
        .onComplete(tc.succeeding(expired -> tc.verify(() -> {
          assertEquals(401, expired.statusCode(), expired.bodyAsString());
          assertEquals("unauthenticated", expired.bodyAsJsonObject().getString("code"));
          assertTrue(expired.bodyAsJsonObject().getString("message").contains("expired"), expired.bodyAsString());
          tc.completeNow();
        })));
  }

  @Test
  void aCookieOfOneTenantIsNotAnsweredForAnother(Vertx vertx, VertxTestContext tc) {
    String alice = TestGateway.cookieFor("team-a", "gho_alice", "ghr_r", Instant.now().plusSeconds(3600));
    JsonObject ask = ask(REPO, SHA, "cmd/main.go");
    Map<String, String> teamA = Map.of("X-Scope-OrgID", "team-a");
    Map<String, String> teamB = Map.of("X-Scope-OrgID", "team-b");
    start(vertx, Map.of("SOURCEGATE_MULTITENANT", "true"), Clock.systemUTC())
        .compose(v -> getFile(alice, ask, teamA))
        .compose(v -> getFile(alice, ask, teamA))
        .compose(warm -> {
          tc.verify(() -> assertEquals(200, warm.statusCode(), warm.bodyAsString()));
          return getFile(alice, ask, teamB);
        })
        .onComplete(tc.succeeding(other -> tc.verify(() -> {
          assertEquals(401, other.statusCode(), other.bodyAsString());
          assertFalse(other.bodyAsString().contains("content"), other.bodyAsString());
          tc.completeNow();
        })));
  }

  @Test
  void anInvalidRequestOfAnOpenSessionGetsTheResolversError(Vertx vertx, VertxTestContext tc) {
    String alice = TestGateway.cookieFor("gho_alice");
    JsonObject bad = ask(REPO, SHA, "../../etc/passwd");
    start(vertx, Map.of(), Clock.systemUTC())
        .compose(v -> getFile(TestGateway.cookieFor("gho_alice"), bad))
        .compose(cold -> getFile(alice, ask(REPO, SHA, "cmd/main.go"))
            .compose(v -> getFile(alice, ask(REPO, SHA, "cmd/main.go")))
            .compose(v -> getFile(alice, bad))
            .map(warm -> List.of(cold, warm)))
        .onComplete(tc.succeeding(both -> tc.verify(() -> {
          assertEquals(400, both.get(1).statusCode(), both.get(1).bodyAsString());
          assertEquals(both.get(0).bodyAsJsonObject(), both.get(1).bodyAsJsonObject(),
              "the same error as for a session not opened yet");
          tc.completeNow();
        })));
  }

  @Test
  void aDeadlineAlreadyPassedIsDeadlineExceededAsOnTheEventBusWay(Vertx vertx, VertxTestContext tc) {
    String alice = TestGateway.cookieFor("gho_alice");
    JsonObject ask = ask(REPO, SHA, "cmd/main.go");
    Map<String, String> noTime = Map.of("Connect-Timeout-Ms", "0");
    start(vertx, Map.of(), Clock.systemUTC())
        .compose(v -> getFile(TestGateway.cookieFor("gho_alice"), ask, noTime))
        .compose(cold -> getFile(alice, ask).compose(v -> getFile(alice, ask))
            .compose(v -> getFile(alice, ask, noTime)).map(warm -> List.of(cold, warm)))
        .onComplete(tc.succeeding(both -> tc.verify(() -> {
          assertEquals(504, both.get(0).statusCode(), both.get(0).bodyAsString());
          assertEquals(504, both.get(1).statusCode(), "a known answer does not beat a passed deadline");
          assertEquals(both.get(0).bodyAsJsonObject().getString("code"), both.get(1).bodyAsJsonObject().getString("code"));
          tc.completeNow();
        })));
  }

  @Test
  void anAnswerReadAtABranchIsKeptOnlyForTheRefTtl(Vertx vertx, VertxTestContext tc) {
    String alice = TestGateway.cookieFor("gho_alice");
    JsonObject ask = ask(REPO, "main", "cmd/main.go");
    String moved = "89abcdef0123456789abcdef0123456789abcdef";
    start(vertx, Map.of("SOURCEGATE_REF_TTL_MS", "150"), Clock.systemUTC())
        .compose(v -> getFile(alice, ask))
        .compose(v -> getFile(alice, ask))
        .compose(warm -> {
          tc.verify(() -> assertEquals(200, warm.statusCode(), warm.bodyAsString()));
          // the branch moves on GitHub
          fake.file("acme", "app", moved, "cmd/main.go", "package main // moved")
              .file("acme", "app", "main", "cmd/main.go", "package main // moved")
              .commit("acme", "app", "main", FakeGitHub.commitJson("acme", "app", moved, "m2", "2026-01-02T00:00:00Z", null));
          return sleep(vertx, 400);
        })
        // past the TTL the branch is looked up again in the background: ask until the moved file comes
        // (every 50 ms, 20 s at most: inside the test timeout), instead of giving that look-up a fixed 300 ms; an answer kept in
        // memory past its TTL never moves and fails at the bound
        .compose(v -> untilMoved(vertx, alice, ask, System.nanoTime() + 20_000_000_000L))
        .onComplete(tc.succeeding(later -> tc.verify(() -> {
          assertEquals(200, later.statusCode(), later.bodyAsString());
          assertEquals("package main // moved", content(later), "not served from memory past the ref TTL");
          tc.completeNow();
        })));
  }

  private static String content(HttpResponse<Buffer> res) {
    String b64 = res.statusCode() == 200 ? res.bodyAsJsonObject().getString("content") : null;
    return b64 == null ? "" : new String(java.util.Base64.getDecoder().decode(b64));
  }

  private Future<HttpResponse<Buffer>> untilMoved(Vertx vertx, String cookie, JsonObject ask, long untilNanos) {
    return getFile(cookie, ask).compose(res -> content(res).equals("package main // moved") || System.nanoTime() > untilNanos
        ? Future.succeededFuture(res)
        : sleep(vertx, 50).compose(v -> untilMoved(vertx, cookie, ask, untilNanos)));
  }
}
