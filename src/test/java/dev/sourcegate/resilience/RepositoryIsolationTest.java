package dev.sourcegate.resilience;

import static dev.sourcegate.resilience.FaultInjectionTest.assertCleanError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.api.HttpVerticle;
import dev.sourcegate.testkit.FakeGitHub;
import dev.sourcegate.testkit.TestGateway;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One repository's upstream faults never fail, pause or slow another repository's calls, in another
 * tenant or the same one; the caller's own short deadline counts against nothing; retries stay within
 * the host's budget; and cached content keeps serving, marked stale, while a repository is paused.
 * Every test asserts behaviour (answers, what reached the fake GitHub, the guard's gauges), never speed.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class RepositoryIsolationTest {
  static final String SHA = "0123456789abcdef0123456789abcdef01234567";
  static final String BROKEN = "/api/repos/acme/broken/";
  static final String FINE_CONTENTS = "/api/repos/acme/fine/contents/";

  private FakeGitHub fake;
  private TestGateway gw;
  private final String cookieA = TestGateway.cookieFor("tenant-a", "gho_tenant_a", "ghr_r", Instant.now().plusSeconds(3600));
  private final String cookieB = TestGateway.cookieFor("tenant-b", "gho_tenant_b", "ghr_r", Instant.now().plusSeconds(3600));

  private Future<Void> start(Vertx vertx, Map<String, String> extraEnv) {
    fake = new FakeGitHub(vertx);
    for (int i = 0; i < 20; i++) {
      fake.file("acme", "fine", SHA, "b" + i + ".txt", "fine " + i);
      fake.file("acme", "broken", SHA, "a" + i + ".txt", "broken " + i);
    }
    fake.file("acme", "broken", "main", "cached.txt", "cached on main")
        .commit("acme", "broken", "main", FakeGitHub.commitJson("acme", "broken", SHA, "m", "2026-01-01T00:00:00Z", "a"));
    Map<String, String> env = new HashMap<>();
    env.put("SOURCEGATE_MULTITENANT", "true");
    env.put("SOURCEGATE_UPSTREAM_RETRY_BASE_MS", "20");
    env.putAll(extraEnv);
    return TestGateway.start(vertx, fake, env, Clock.systemUTC()).map(g -> {
      gw = g;
      return null;
    });
  }

  @AfterEach
  void stop(VertxTestContext tc) {
    TestGateway.stop(gw, fake).onComplete(tc.succeedingThenComplete());
  }

  private Future<HttpResponse<Buffer>> getFile(String tenant, String cookie, String repo, String ref, String path,
      Map<String, String> headers) {
    Map<String, String> h = new HashMap<>(headers);
    h.put("X-Scope-OrgID", tenant);
    return gw.call("GetFile", new JsonObject().put("repositoryURL", "https://github.com/acme/" + repo).put("ref", ref)
        .put("localPath", path), cookie, h);
  }

  private Future<HttpResponse<Buffer>> fine(int i) {
    return getFile("tenant-b", cookieB, "fine", SHA, "b" + i + ".txt", Map.of());
  }

  private static String text(HttpResponse<Buffer> res) {
    return new String(Base64.getDecoder().decode(res.bodyAsJsonObject().getString("content")));
  }

  /** Every call for acme/broken gets fault(n), n counting its calls; every other call goes on normally. */
  private void breakRepository(java.util.function.IntFunction<Consumer<RoutingContext>> fault) {
    AtomicInteger n = new AtomicInteger();
    fake.intercept(ctx -> {
      if (ctx.request().path().startsWith(BROKEN)) {
        fault.apply(n.getAndIncrement()).accept(ctx);
        return true;
      }
      return false;
    });
  }

  private static Consumer<RoutingContext> status(int s) {
    return ctx -> ctx.response().setStatusCode(s).putHeader("Content-Type", "application/json").end("{\"message\":\"boom\"}");
  }

  private static final Consumer<RoutingContext> RESET = ctx -> ctx.request().connection().close();
  /** Never answers: only the caller's deadline ends the call. */
  private static final Consumer<RoutingContext> SILENT = ctx -> { };

  private MeterRegistry registry() {
    return gw.gateway().metrics().registry();
  }

  private double gauge(String name) {
    Gauge g = registry().find(name).tag("host", "127.0.0.1:" + fake.port()).gauge();
    return g == null ? -1 : g.value();
  }

  private double refused(String reason) {
    Counter c = registry().find("sourcegate_upstream_refused_total").tag("host", "127.0.0.1:" + fake.port())
        .tag("reason", reason).counter();
    return c == null ? 0 : c.count();
  }

  private long calls(String pathPrefix) {
    return fake.count(pathPrefix);
  }

  private static <T> Future<List<T>> all(List<Future<T>> futures) {
    return Future.join(new ArrayList<>(futures)).map(cf -> futures.stream().map(Future::result).toList());
  }

  private static Future<Void> sleep(Vertx vertx, long ms) {
    Promise<Void> p = Promise.promise();
    vertx.setTimer(ms, id -> p.complete());
    return p.future();
  }

  // ---- (a) a burst of faults for repository A, then repository B in another tenant

  @Test
  void aBurstOfFaultsForOneRepositoryLeavesAnotherTenantsRepositoryUntouched(Vertx vertx, VertxTestContext tc) {
    // SOURCEGATE_HOST_MIN_CALLS at its smallest allowed value (2 x SOURCEGATE_BREAKER_MIN_CALLS): the host-wide
    // throttle is as sensitive as the configuration lets it be
    start(vertx, Map.of("SOURCEGATE_UPSTREAM_RETRIES", "2", "SOURCEGATE_BREAKER_MIN_CALLS", "5",
        "SOURCEGATE_HOST_MIN_CALLS", "10", "SOURCEGATE_BREAKER_RESET_MS", "60000"))
        .compose(v -> {
          List<Consumer<RoutingContext>> faults = List.of(status(500), status(502), status(503), RESET, SILENT);
          breakRepository(n -> faults.get(n % faults.size()));
          List<Future<HttpResponse<Buffer>>> burst = new ArrayList<>();
          for (int i = 0; i < 15; i++) {
            // every call has a deadline that the silent answers outlive
            Map<String, String> h = Map.of("Connect-Timeout-Ms", i % 3 == 0 ? "300" : "1500");
            burst.add(getFile("tenant-a", cookieA, "broken", SHA, "a" + i + ".txt", h));
          }
          burst.add(gw.call("GetCommit", new JsonObject().put("repositoryURL", "https://github.com/acme/broken")
              .put("ref", "main"), cookieA, Map.of("X-Scope-OrgID", "tenant-a", "Connect-Timeout-Ms", "2000")));
          return all(burst);
        })
        .compose(burst -> {
          tc.verify(() -> {
            for (HttpResponse<Buffer> r : burst) {
              assertTrue(r.statusCode() >= 500, "repository A fails: " + r.statusCode() + " " + r.bodyAsString());
              assertFalse(r.bodyAsString().contains("127.0.0.1"), "the upstream host is never named: " + r.bodyAsString());
            }
            assertEquals(1.0, gauge("sourcegate_upstream_paused_scopes"), "A's faults were counted: its scope is paused");
          });
          fake.clearRequests();
          List<Future<HttpResponse<Buffer>>> quiet = new ArrayList<>();
          for (int i = 0; i < 20; i++) {
            quiet.add(fine(i));
          }
          return all(quiet);
        })
        .onComplete(tc.succeeding(quiet -> tc.verify(() -> {
          for (int i = 0; i < 20; i++) {
            HttpResponse<Buffer> r = quiet.get(i);
            assertEquals(200, r.statusCode(), "B's call " + i + ": " + r.bodyAsString());
            assertEquals("fine " + i, text(r));
            // one upstream call each: no retry, no back-off wait, no paused path
            assertEquals(1, calls(FINE_CONTENTS + "b" + i + ".txt"), fake.paths().toString());
          }
          assertEquals(0.0, refused("host_throttled"), "the host-wide throttle refused nothing");
          assertEquals(0.0, gauge("sourcegate_upstream_throttle_probability"));
          assertEquals(1.0, gauge("sourcegate_circuit_breaker_state"), "1: some scopes paused, the host is not");
          tc.completeNow();
        })));
  }

  // ---- (c) a client with a 50 ms deadline against a slow repository

  @Test
  void shortClientDeadlinesAgainstASlowRepositoryTripNothing(Vertx vertx, VertxTestContext tc) {
    start(vertx, Map.of("SOURCEGATE_BREAKER_MIN_CALLS", "3", "SOURCEGATE_HOST_MIN_CALLS", "6"))
        .compose(v -> {
          // acme/broken is slow, not broken: it answers after a second
          fake.intercept(ctx -> {
            if (ctx.request().path().startsWith(BROKEN)) {
              vertx.setTimer(1000, id -> ctx.next());
              return true;
            }
            return false;
          });
          List<Future<HttpResponse<Buffer>>> impatient = new ArrayList<>();
          for (int i = 0; i < 12; i++) {
            impatient.add(getFile("tenant-a", cookieA, "broken", SHA, "a" + i + ".txt", Map.of("Connect-Timeout-Ms", "50")));
          }
          return all(impatient);
        })
        .compose(impatient -> {
          tc.verify(() -> {
            for (HttpResponse<Buffer> r : impatient) {
              assertCleanError(r, 504, "deadline_exceeded");
            }
            assertEquals(0.0, gauge("sourcegate_upstream_paused_scopes"), "the caller's deadline is not the upstream's fault");
          });
          return fine(1);
        })
        .compose(other -> {
          tc.verify(() -> assertEquals(200, other.statusCode(), other.bodyAsString()));
          fake.clearRequests();
          // the slow repository itself is not paused either: a patient caller gets its file
          return getFile("tenant-a", cookieA, "broken", SHA, "a13.txt", Map.of("Connect-Timeout-Ms", "10000"));
        })
        .onComplete(tc.succeeding(patient -> tc.verify(() -> {
          assertEquals(200, patient.statusCode(), patient.bodyAsString());
          assertEquals("broken 13", text(patient));
          assertEquals(1, calls(BROKEN + "contents/a13.txt"));
          assertEquals(0.0, refused("scope_open") + refused("host_throttled"));
          tc.completeNow();
        })));
  }

  // ---- a token's own failure: its rate limit

  @Test
  void aRateLimitedTokenWaitsAloneAndPausesNoRepository(Vertx vertx, VertxTestContext tc) {
    start(vertx, Map.of("SOURCEGATE_BREAKER_MIN_CALLS", "2", "SOURCEGATE_HOST_MIN_CALLS", "4"))
        .compose(v -> {
          // tenant A's token hits GitHub's secondary rate limit on every call
          fake.intercept(ctx -> {
            if ("Bearer gho_tenant_a".equals(ctx.request().getHeader("Authorization"))) {
              ctx.response().setStatusCode(403).putHeader("Retry-After", "60").putHeader("Content-Type", "application/json")
                  .end("{\"message\":\"You have exceeded a secondary rate limit.\"}");
              return true;
            }
            return false;
          });
          return getFile("tenant-a", cookieA, "fine", SHA, "b1.txt", Map.of())
              .compose(a1 -> getFile("tenant-a", cookieA, "fine", SHA, "b2.txt", Map.of()).map(a2 -> List.of(a1, a2)));
        })
        .compose(limited -> {
          tc.verify(() -> {
            for (HttpResponse<Buffer> r : limited) {
              assertCleanError(r, 429, "resource_exhausted");
            }
          });
          fake.clearRequests();
          // the same repository, another tenant's token: served from GitHub at once
          return fine(3);
        })
        .onComplete(tc.succeeding(b -> tc.verify(() -> {
          assertEquals(200, b.statusCode(), b.bodyAsString());
          assertEquals("fine 3", text(b));
          assertEquals(1, calls(FINE_CONTENTS + "b3.txt"));
          assertEquals(0.0, gauge("sourcegate_upstream_paused_scopes"), "a rate limit is not a repository fault");
          assertEquals(0.0, refused("scope_open") + refused("host_throttled"));
          tc.completeNow();
        })));
  }

  // ---- (e) the retry budget during an outage

  /** GetFile of one file in each of n repositories, one after the other, every upstream call answering 503. */
  private Future<Void> outage(Vertx vertx, int n) {
    fake.intercept(ctx -> {
      ctx.response().setStatusCode(503).end("{\"message\":\"down\"}");
      return true;
    });
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < n; i++) {
      String repo = "r" + i;
      chain = chain.compose(v -> getFile("tenant-a", cookieA, repo, SHA, "x.txt", Map.of()).map(r -> {
        tc(r);
        return null;
      }));
    }
    return chain;
  }

  private static void tc(HttpResponse<Buffer> r) {
    if (r.statusCode() != 503) {
      throw new AssertionError("expected unavailable: " + r.statusCode() + " " + r.bodyAsString());
    }
  }

  /** Upstream calls beyond the first one of each distinct URL: the retries the fake saw. */
  private long retriesSeen() {
    Map<String, Integer> perUrl = new HashMap<>();
    fake.paths().forEach(p -> perUrl.merge(p, 1, Integer::sum));
    return fake.paths().size() - perUrl.size();
  }

  @Test
  void theRetryBudgetCapsRetriesDuringAnOutage(Vertx vertx, VertxTestContext tc) {
    // 2 retries per call would triple the load; the budget allows 10 % more calls and nothing per second
    start(vertx, Map.of("SOURCEGATE_UPSTREAM_RETRIES", "2", "SOURCEGATE_RETRY_BUDGET_PERCENT", "10",
        "SOURCEGATE_RETRY_BUDGET_MIN_PER_SECOND", "0", "SOURCEGATE_BREAKER_MIN_CALLS", "1000",
        "SOURCEGATE_HOST_MIN_CALLS", "2000", "SOURCEGATE_BREAKER_WINDOW_MS", "600000"))
        .compose(v -> outage(vertx, 30))
        .onComplete(tc.succeeding(v -> tc.verify(() -> {
          long total = fake.paths().size();
          long retries = retriesSeen();
          long first = total - retries;
          assertTrue(first >= 30, "at least one first attempt per GetFile: " + fake.paths());
          assertTrue(retries <= 0.1 * first + 1, retries + " retries for " + first + " first attempts: " + fake.paths());
          assertTrue(refused("retry_budget") > 0, "retries were refused by the budget");
          tc.completeNow();
        })));
  }

  @Test
  void withoutABudgetLimitEveryCallIsRetried(Vertx vertx, VertxTestContext tc) {
    // the control for the test above: the same outage with a generous budget makes 1 + 2 calls per URL
    start(vertx, Map.of("SOURCEGATE_UPSTREAM_RETRIES", "2", "SOURCEGATE_RETRY_BUDGET_PERCENT", "100",
        "SOURCEGATE_RETRY_BUDGET_MIN_PER_SECOND", "1000", "SOURCEGATE_BREAKER_MIN_CALLS", "1000",
        "SOURCEGATE_HOST_MIN_CALLS", "2000", "SOURCEGATE_BREAKER_WINDOW_MS", "600000"))
        .compose(v -> outage(vertx, 10))
        .onComplete(tc.succeeding(v -> tc.verify(() -> {
          long retries = retriesSeen();
          long first = fake.paths().size() - retries;
          assertEquals(2 * first, retries, fake.paths().toString());
          tc.completeNow();
        })));
  }

  // ---- stale-if-error while a repository is paused

  @Test
  void cachedContentKeepsServingMarkedStaleWhileTheRepositoryIsPaused(Vertx vertx, VertxTestContext tc) {
    start(vertx, Map.of("SOURCEGATE_REF_TTL_MS", "100", "SOURCEGATE_UPSTREAM_RETRIES", "0",
        "SOURCEGATE_BREAKER_MIN_CALLS", "2", "SOURCEGATE_HOST_MIN_CALLS", "4", "SOURCEGATE_BREAKER_RESET_MS", "60000"))
        .compose(v -> getFile("tenant-a", cookieA, "broken", "main", "cached.txt", Map.of()))
        .compose(fresh -> {
          tc.verify(() -> {
            assertEquals(200, fresh.statusCode(), fresh.bodyAsString());
            assertEquals(null, fresh.getHeader(HttpVerticle.STALE_HEADER));
          });
          return fake.settled();
        })
        .compose(v -> {
          breakRepository(n -> status(502));
          // uncached files fail until faults are half the repository's calls in the window: its breaker opens
          Future<HttpResponse<Buffer>> chain = Future.succeededFuture();
          for (int i = 1; i <= 8; i++) {
            String path = "a" + i + ".txt";
            chain = chain.compose(r -> getFile("tenant-a", cookieA, "broken", SHA, path, Map.of()));
          }
          return chain;
        })
        .compose(v -> {
          tc.verify(() -> assertEquals(1.0, gauge("sourcegate_upstream_paused_scopes")));
          // let the branch's answer pass its TTL: the next request would revalidate it
          return sleep(vertx, 250);
        })
        .compose(v -> {
          fake.clearRequests();
          return getFile("tenant-b", cookieB, "broken", "main", "cached.txt", Map.of());
        })
        .onComplete(tc.succeeding(stale -> tc.verify(() -> {
          assertEquals(200, stale.statusCode(), stale.bodyAsString());
          assertEquals("cached on main", text(stale));
          String header = stale.getHeader(HttpVerticle.STALE_HEADER);
          assertTrue(header != null && header.contains("could not confirm"), "served stale, and says so: " + header);
          assertEquals(List.of(), fake.paths(), "the paused repository was not asked");
          tc.completeNow();
        })));
  }
}
