package dev.sourcegate.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.auth.SessionCookie;
import dev.sourcegate.testkit.FakeGitHub;
import dev.sourcegate.testkit.TestGateway;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Concurrent GetFiles of one token share GraphQL queries: while the token's query is out, the others'
 * look-ups wait and then go out together in one. The simulated GitHub holds each token's first query
 * until the test has seen the others waiting (the gateway's own gauge), so nothing here depends on speed.
 * Two tokens are never joined: a private repository only alice can read never enters bob's queries.
 */
@ExtendWith(VertxExtension.class)
class JoinedGraphQlQueriesTest {
  private static final String APP = "https://github.com/acme/app";
  private static final String VAULT = "https://github.com/acme/vault";
  private static final List<String> BRANCHES = List.of("b0", "b1", "b2", "b3", "b4");

  private FakeGitHub fake;
  private TestGateway gw;
  private WebClient web;
  private Vertx vertx;
  private final String alice = TestGateway.cookieFor("gho_alice");
  private final String bob = TestGateway.cookieFor("gho_bob");
  /** Per token, its first GraphQL request, held until released, and the context to release it on. */
  private final Map<String, RoutingContext> held = new ConcurrentHashMap<>();
  private final Map<String, Context> heldOn = new ConcurrentHashMap<>();

  @BeforeEach
  void start(Vertx vertx, VertxTestContext tc) {
    this.vertx = vertx;
    fake = new FakeGitHub(vertx).token("gho_alice").token("gho_bob").privateRepo("acme", "vault", "gho_alice");
    for (String b : BRANCHES) {
      fake.file("acme", "app", b, "svc/alice_" + b + ".py", "alice's file at " + b);
    }
    fake.file("acme", "app", "b0", "svc/bob.py", "bob's file");
    fake.file("acme", "vault", "main", "svc/secret.py", "vault secret");
    fake.intercept(ctx -> {
      if (!ctx.request().path().endsWith("/graphql")) {
        return false;
      }
      String token = ctx.request().getHeader("Authorization");
      if (held.putIfAbsent(token, ctx) != null) {
        return false;
      }
      heldOn.put(token, Vertx.currentContext());
      return true;
    });
    fake.start().compose(f -> TestGateway.start(vertx, TestGateway.withGraphQl(TestGateway.env(fake))))
        .onComplete(tc.succeeding(g -> {
          gw = g;
          web = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(g.port()),
              new PoolOptions().setHttp1MaxSize(16));
          tc.completeNow();
        }));
  }

  @AfterEach
  void stop(VertxTestContext tc) {
    if (web != null) {
      web.close();
    }
    TestGateway.stop(gw, fake).onComplete(tc.succeedingThenComplete());
  }

  /** A client with room for every concurrent GetFile (WebClient's default pool holds 5 connections). */
  private Future<HttpResponse<Buffer>> getFile(String cookie, String repo, String ref, String path) {
    return web.post("/vcs.v1.VCSService/GetFile").putHeader("Content-Type", "application/json")
        .putHeader("Cookie", SessionCookie.NAME + "=" + cookie)
        .sendBuffer(Buffer.buffer(new JsonObject().put("repositoryURL", repo).put("ref", ref)
            .put("localPath", path).put("rootPath", "").put("functionName", "").encode()));
  }

  private static String content(HttpResponse<Buffer> res) {
    assertEquals(200, res.statusCode(), res.bodyAsString());
    return new String(Base64.getDecoder().decode(res.bodyAsJsonObject().getString("content")), StandardCharsets.UTF_8);
  }

  /** Polls (a bounded number of times, 10 ms apart) until the condition holds: a signal, not a timing assertion. */
  private Future<Void> until(BooleanSupplier condition, String what) {
    Promise<Void> done = Promise.promise();
    int[] tries = {0};
    vertx.setPeriodic(10, id -> {
      if (condition.getAsBoolean()) {
        vertx.cancelTimer(id);
        done.tryComplete();
      } else if (++tries[0] > 1_500) {
        vertx.cancelTimer(id);
        done.tryFail("never seen: " + what + " (held " + held.keySet().size() + ", waiting " + waitingCallers()
            + ", requests " + fake.paths() + ")");
      }
    });
    return done.future();
  }

  private double waitingCallers() {
    Gauge g = gw.gateway().metrics().registry().find("sourcegate_graphql_waiting_callers").gauge();
    return g == null ? 0 : g.value();
  }

  private void release(String token) {
    RoutingContext ctx = held.get("Bearer " + token);
    heldOn.get("Bearer " + token).runOnContext(v -> ctx.next());
  }

  private List<String> graphQlQueries(String token) {
    return fake.requests().stream().filter(r -> r.path().endsWith("/graphql"))
        .filter(r -> ("Bearer " + token).equals(r.headers().get("Authorization")))
        .map(r -> new JsonObject(r.body()).getString("query")).toList();
  }

  @Test
  void concurrentGetFilesOfOneTokenShareQueriesAndTwoTokensAreNeverJoined(VertxTestContext tc) {
    Future<HttpResponse<Buffer>> first = getFile(alice, APP, "b0", "svc/alice_b0.py");
    Future<HttpResponse<Buffer>> bobFirst = getFile(bob, APP, "b0", "svc/bob.py");
    List<Future<HttpResponse<Buffer>>> more = new ArrayList<>();
    until(() -> held.size() == 2, "both tokens' first queries held").compose(v -> {
      for (String b : BRANCHES.subList(1, BRANCHES.size())) {
        more.add(getFile(alice, APP, b, "svc/alice_" + b + ".py"));
      }
      more.add(getFile(alice, VAULT, "main", "svc/secret.py"));
      // bob waits behind his own query only: alice's line is not his
      more.add(getFile(bob, VAULT, "main", "svc/secret.py"));
      return until(() -> waitingCallers() >= more.size(), "every GetFile's look-ups waiting");
    }).compose(v -> {
      release("gho_alice");
      release("gho_bob");
      List<Future<HttpResponse<Buffer>>> all = new ArrayList<>(List.of(first, bobFirst));
      all.addAll(more);
      return Future.all(all);
    }).compose(v -> fake.settled()).onComplete(tc.succeeding(v -> tc.verify(() -> {
      assertEquals("alice's file at b0", content(first.result()));
      assertEquals("bob's file", content(bobFirst.result()));
      for (int i = 1; i < BRANCHES.size(); i++) {
        assertEquals("alice's file at " + BRANCHES.get(i), content(more.get(i - 1).result()), "each caller its own file");
      }
      assertEquals("vault secret", content(more.get(4).result()));
      HttpResponse<Buffer> bobsVault = more.get(5).result();
      assertEquals(404, bobsVault.statusCode(), bobsVault.bodyAsString());
      assertFalse(bobsVault.bodyAsString().contains("vault secret"));

      List<String> alices = graphQlQueries("gho_alice");
      assertEquals(2, alices.size(), "6 GetFiles of alice: her first query, then one for all five that waited");
      for (String b : BRANCHES.subList(1, BRANCHES.size())) {
        assertTrue(alices.get(1).contains(b + ":svc/alice_" + b + ".py"), alices.get(1));
      }
      assertTrue(alices.get(1).contains("svc/secret.py"), alices.get(1));
      List<String> bobs = graphQlQueries("gho_bob");
      assertEquals(2, bobs.size(), "bob's own two queries");
      for (String q : bobs) {
        assertFalse(q.contains("alice_"), "bob's queries carry only bob's look-ups: " + q);
      }
      for (String q : alices) {
        assertFalse(q.contains("bob.py"), "alice's queries carry only alice's look-ups: " + q);
      }
      tc.completeNow();
    })));
  }
}
