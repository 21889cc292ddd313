package dev.sourcegate.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.sourcegate.api.HttpVerticle;
import dev.sourcegate.api.proto.GetFileRequest;
import dev.sourcegate.bus.Addresses;
import dev.sourcegate.testkit.FakeGitHub;
import dev.sourcegate.testkit.TestGateway;
import dev.sourcegate.auth.SessionCookie;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The warm front and the resolver give the same answers: one list of GetFile calls (hits, misses, errors,
 * a private repository, another user's session, a branch, gzip, the binary codec, a stale answer) is
 * made against a gateway with SOURCEGATE_WARM_ANSWERS on and against one with it off, and every answer
 * must match byte for byte: status, headers and body. The repeated calls are where the two routes differ
 * (on: answered by the HTTP verticle, off: by the resolver), which the resolver's message count shows.
 */
@ExtendWith(VertxExtension.class)
class WarmAnswerEquivalenceTest {
  private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
  private static final String REPO = "https://github.com/acme/app";
  private static final String SECRET = "https://github.com/acme/secret";
  private static final String ALICE = TestGateway.cookieFor("gho_alice");
  private static final String BOB = TestGateway.cookieFor("gho_bob");

  /** One answer as the client sees it; headers by lower-case name, in order. */
  private record Seen(String step, int status, Map<String, String> headers, Buffer body) {}

  /** One call of the list; resolverCalls: messages the resolver got for it. */
  private record Call(String step, Seen seen, int resolverCalls) {}

  private interface Step {
    Future<HttpResponse<Buffer>> call(TestGateway gw);
  }

  private final AtomicInteger resolverMessages = new AtomicInteger();
  private final List<Vertx> opened = new ArrayList<>();

  @AfterEach
  void closeVertx() throws Exception {
    for (Vertx vertx : opened) {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static FakeGitHub fake(Vertx vertx) {
    return new FakeGitHub(vertx).token("gho_alice").token("gho_bob")
        .file("acme", "app", SHA, "cmd/main.go", "package main")
        .file("acme", "app", "main", "notes.txt", "on main")
        .commit("acme", "app", "main", FakeGitHub.commitJson("acme", "app", SHA, "m", "2026-01-01T00:00:00Z", null))
        .privateRepo("acme", "secret", "gho_alice")
        .file("acme", "secret", SHA, "main.py", "print('secret')");
  }

  private static JsonObject ask(String repo, String ref, String path) {
    return new JsonObject().put("repositoryURL", repo).put("ref", ref).put("localPath", path);
  }

  private static Step json(String step, String cookie, JsonObject ask, Map<String, String> headers) {
    return gw -> {
      Map<String, String> all = new TreeMap<>(headers);
      all.put("X-Request-Id", step);
      return gw.call("GetFile", ask, cookie, all);
    };
  }

  private static Step json(String step, String cookie, JsonObject ask) {
    return json(step, cookie, ask, Map.of());
  }

  private static Step proto(String step, String cookie, GetFileRequest ask) {
    return gw -> {
      HttpRequest<Buffer> req = gw.client().post("/vcs.v1.VCSService/GetFile")
          .putHeader("Content-Type", "application/proto").putHeader("X-Request-Id", step)
          .putHeader("Cookie", SessionCookie.NAME + "=" + cookie);
      return req.sendBuffer(Buffer.buffer(ask.toByteArray()));
    };
  }

  /** The list: each request that can be answered warm is asked more than once. */
  private static List<Map.Entry<String, Step>> steps() {
    JsonObject hit = ask(REPO, SHA, "cmd/main.go");
    JsonObject secret = ask(SECRET, SHA, "main.py");
    JsonObject missing = ask(REPO, SHA, "nothing/here.go");
    JsonObject climbing = ask(REPO, SHA, "../../etc/passwd");
    JsonObject branch = ask(REPO, "main", "notes.txt");
    GetFileRequest binary = GetFileRequest.newBuilder().setRepositoryURL(REPO).setRef(SHA).setLocalPath("cmd/main.go").build();
    List<Map.Entry<String, Step>> steps = new ArrayList<>();
    steps.add(Map.entry("cold", json("cold", ALICE, hit)));
    steps.add(Map.entry("warm", json("warm", ALICE, hit)));
    steps.add(Map.entry("warm-gzip", json("warm-gzip", ALICE, hit, Map.of("Accept-Encoding", "gzip"))));
    steps.add(Map.entry("warm-proto", proto("warm-proto", ALICE, binary)));
    steps.add(Map.entry("other-user-public", json("other-user-public", BOB, hit)));
    steps.add(Map.entry("private-cold", json("private-cold", ALICE, secret)));
    steps.add(Map.entry("private-warm", json("private-warm", ALICE, secret)));
    steps.add(Map.entry("private-other-user", json("private-other-user", BOB, secret)));
    steps.add(Map.entry("private-other-user-again", json("private-other-user-again", BOB, secret)));
    steps.add(Map.entry("miss", json("miss", ALICE, missing)));
    steps.add(Map.entry("miss-again", json("miss-again", ALICE, missing)));
    steps.add(Map.entry("invalid", json("invalid", ALICE, climbing)));
    steps.add(Map.entry("invalid-again", json("invalid-again", ALICE, climbing)));
    steps.add(Map.entry("no-cookie", json("no-cookie", null, hit)));
    steps.add(Map.entry("no-time-left", json("no-time-left", ALICE, hit, Map.of("Connect-Timeout-Ms", "0"))));
    steps.add(Map.entry("branch", json("branch", ALICE, branch)));
    steps.add(Map.entry("branch-again", json("branch-again", ALICE, branch)));
    return steps;
  }

  private static Seen seen(String step, HttpResponse<Buffer> res) {
    Map<String, String> headers = new TreeMap<>();
    res.headers().forEach(h -> headers.merge(h.getKey().toLowerCase(), h.getValue(), (a, b) -> a + ", " + b));
    return new Seen(step, res.statusCode(), headers, res.body() == null ? Buffer.buffer() : res.body());
  }

  /**
   * Runs the list against a fresh gateway (and fake) with the warm front on or off, in a Vert.x of its
   * own: bus.LoopAffinity remembers, per Vert.x, which loops had a consumer, so a second gateway in the
   * same Vert.x could be routed to a loop address the first one left.
   */
  private Future<List<Call>> run(boolean warm) {
    Vertx vertx = Vertx.vertx();
    vertx.eventBus().addOutboundInterceptor(dc -> {
      if (dc.message().address().startsWith(Addresses.RESOLVER_RPC)) {
        resolverMessages.incrementAndGet();
      }
      dc.next();
    });
    opened.add(vertx);
    return runIn(vertx, warm);
  }

  private Future<List<Call>> runIn(Vertx vertx, boolean warm) {
    FakeGitHub fake = fake(vertx);
    Map<String, String> env = Map.of("SOURCEGATE_WARM_ANSWERS", String.valueOf(warm), "SOURCEGATE_REF_TTL_MS", "100");
    return TestGateway.start(vertx, fake, env, Clock.systemUTC()).compose(gw -> {
      List<Call> calls = new ArrayList<>();
      Future<Void> chain = Future.succeededFuture();
      for (Map.Entry<String, Step> step : steps()) {
        chain = chain.compose(v -> {
          int before = resolverMessages.get();
          return step.getValue().call(gw).map(res -> {
            calls.add(new Call(step.getKey(), seen(step.getKey(), res), resolverMessages.get() - before));
            return null;
          });
        });
      }
      return chain.compose(v -> staleAnswer(vertx, gw, fake, calls))
          .eventually(() -> TestGateway.stop(gw, fake))
          .map(calls);
    });
  }

  /**
   * A branch answer served from the cache while GitHub fails: asked until the stale header comes (the
   * ref's TTL must pass first), bounded; every answer on the way must still be the file.
   */
  private Future<Void> staleAnswer(Vertx vertx, TestGateway gw, FakeGitHub fake, List<Call> calls) {
    fake.intercept(ctx -> {
      ctx.response().setStatusCode(503).end("{\"message\":\"down\"}");
      return true;
    });
    Step stale = json("stale", ALICE, ask(REPO, "main", "notes.txt"));
    return untilStale(vertx, gw, stale, 400).map(res -> {
      calls.add(new Call("stale", seen("stale", res), 0));
      return null;
    });
  }

  private static Future<HttpResponse<Buffer>> untilStale(Vertx vertx, TestGateway gw, Step step, int triesLeft) {
    return step.call(gw).compose(res -> {
      if (res.statusCode() != 200 || res.getHeader(HttpVerticle.STALE_HEADER) != null || triesLeft <= 0) {
        return Future.succeededFuture(res);
      }
      Promise<Void> later = Promise.promise();
      vertx.setTimer(25, id -> later.complete());
      return later.future().compose(v -> untilStale(vertx, gw, step, triesLeft - 1));
    });
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void everyAnswerIsTheSameWithTheWarmFrontOnAndOff(VertxTestContext tc) {
    run(true).compose(on -> run(false).map(off -> List.of(on, off)))
        .onComplete(tc.succeeding(both -> tc.verify(() -> {
          List<Call> on = both.get(0);
          List<Call> off = both.get(1);
          assertEquals(off.size(), on.size());
          for (int i = 0; i < on.size(); i++) {
            Seen a = on.get(i).seen();
            Seen b = off.get(i).seen();
            assertEquals(b.status(), a.status(), a.step() + ": " + a + " / " + b);
            assertEquals(b.headers(), a.headers(), a.step());
            assertEquals(b.body(), a.body(), a.step());
          }
          Map<String, Call> onByStep = byStep(on);
          Map<String, Call> offByStep = byStep(off);
          assertEquals(200, onByStep.get("warm-proto").seen().status());
          assertEquals("gzip", onByStep.get("warm-gzip").seen().headers().get("content-encoding"));
          assertEquals(404, onByStep.get("private-other-user-again").seen().status());
          assertNotNull(onByStep.get("stale").seen().headers().get(HttpVerticle.STALE_HEADER.toLowerCase()),
              "a stale answer was seen: " + onByStep.get("stale").seen());
          for (String warm : List.of("warm", "warm-gzip", "warm-proto", "private-warm")) {
            assertEquals(0, onByStep.get(warm).resolverCalls(), warm + ": answered with no hop when on");
            assertEquals(1, offByStep.get(warm).resolverCalls(), warm + ": answered by the resolver when off");
          }
          tc.completeNow();
        })));
  }

  private static Map<String, Call> byStep(List<Call> calls) {
    Map<String, Call> by = new TreeMap<>();
    calls.forEach(c -> by.put(c.step(), c));
    return by;
  }
}
