package dev.sourcegate.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.api.HttpVerticle;
import dev.sourcegate.testkit.FakeGitHub;
import dev.sourcegate.testkit.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import io.vertx.junit5.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Upstream faults injected at the fake GitHub (delays, resets, 5xx, 4xx, rate limits, broken and huge
 * bodies) and what the caller sees: the right Connect code, promptly, with a clean message, and the
 * number of upstream attempts the resilience settings promise.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class FaultInjectionTest {
  static final String SHA = "0123456789abcdef0123456789abcdef01234567";
  static final String NEW_SHA = "89abcdef0123456789abcdef0123456789abcdef";
  static final String REPO = "https://github.com/acme/app";
  static final String TOKEN = "gho_faulttoken";
  static final String CONTENTS = "/api/repos/acme/app/contents/";
  /** Java type names or stack frames in a message: internals leaking to the caller. */
  static final Pattern JAVA_NAMES = Pattern.compile(
      "Exception|\\bat [a-z]+\\.|\\b(java|javax|jdk|sun|io\\.vertx|io\\.netty|com\\.fasterxml|com\\.google|dev\\.sourcegate)\\.[A-Za-z]");

  private FakeGitHub fake;
  private TestGateway gw;

  private Future<Void> start(Vertx vertx, Map<String, String> extraEnv) {
    fake = new FakeGitHub(vertx);
    fake.token(TOKEN)
        .file("acme", "app", SHA, "a.txt", "alpha")
        .file("acme", "app", SHA, "b.txt", "bravo")
        .file("acme", "app", "main", "notes.txt", "on main")
        .commit("acme", "app", "main", FakeGitHub.commitJson("acme", "app", SHA, "first", "2026-01-01T00:00:00Z", "alice"));
    for (int i = 0; i < 10; i++) {
      fake.file("acme", "app", SHA, "f" + i + ".txt", "file " + i);
    }
    Map<String, String> env = new HashMap<>();
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

  private Future<HttpResponse<Buffer>> getFile(String ref, String path) {
    return getFile(ref, path, Map.of());
  }

  private Future<HttpResponse<Buffer>> getFile(String ref, String path, Map<String, String> headers) {
    return gw.call("GetFile", new JsonObject().put("repositoryURL", REPO).put("ref", ref).put("localPath", path),
        TestGateway.cookieFor(TOKEN), headers);
  }

  private static String text(HttpResponse<Buffer> res) {
    return new String(Base64.getDecoder().decode(res.bodyAsJsonObject().getString("content")));
  }

  /** A Connect error with this status and code, a JSON body of code and message, nothing internal in it. */
  static JsonObject assertCleanError(HttpResponse<Buffer> res, int status, String... codes) {
    String body = res.bodyAsString();
    assertEquals(status, res.statusCode(), body);
    assertTrue(res.getHeader("Content-Type").startsWith("application/json"), res.getHeader("Content-Type"));
    JsonObject json = new JsonObject(body);
    assertTrue(List.of(codes).contains(json.getString("code")), "code " + json.getString("code") + " in " + body);
    String message = json.getString("message");
    assertNotNull(message, body);
    assertFalse(message.isBlank(), body);
    assertFalse(JAVA_NAMES.matcher(body).find(), "no Java internals in " + body);
    assertFalse(body.contains(TOKEN), "no token in " + body);
    return json;
  }

  private Future<Void> sleep(Vertx vertx, long ms) {
    Promise<Void> p = Promise.promise();
    vertx.setTimer(ms, id -> p.complete());
    return p.future();
  }

  private long count(String path) {
    return fake.requests().stream().filter(r -> r.path().equals(path)).count();
  }

  /** Answers every request for the path (and only it) with the given fault; others go on normally. */
  private void faultOn(String path, java.util.function.Consumer<io.vertx.ext.web.RoutingContext> fault) {
    fake.intercept(ctx -> {
      if (ctx.request().path().equals(path)) {
        fault.accept(ctx);
        return true;
      }
      return false;
    });
  }

  // ---- (a) deadline

  @Test
  void upstreamSlowerThanTheDeadlineIsDeadlineExceededAtTheDeadline(Vertx vertx, VertxTestContext tc) {
    long[] started = new long[1];
    start(vertx, Map.of())
        .compose(v -> {
          // the upstream answers far later than any healthy run could take: an answer before it can only
          // come from the deadline, however slow the machine (no upper bound tied to its speed)
          fake.delay(30_000);
          started[0] = System.nanoTime();
          return getFile(SHA, "a.txt", Map.of("Connect-Timeout-Ms", "300"));
        })
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started[0]);
          assertCleanError(res, 504, "deadline_exceeded");
          assertTrue(tookMs >= 250 && tookMs < 25_000, "answered at the 300 ms deadline, not after the 30 s upstream: " + tookMs);
          tc.completeNow();
        })));
  }

  // ---- (b) connection reset

  @Test
  void connectionResetIsRetriedThenUnavailable(Vertx vertx, VertxTestContext tc) {
    start(vertx, Map.of("SOURCEGATE_UPSTREAM_RETRIES", "2"))
        .compose(v -> {
          faultOn(CONTENTS + "a.txt", ctx -> ctx.request().connection().close());
          return getFile(SHA, "a.txt");
        })
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertCleanError(res, 503, "unavailable");
          assertEquals(3, count(CONTENTS + "a.txt"), "1 + SOURCEGATE_UPSTREAM_RETRIES attempts: " + fake.paths());
          tc.completeNow();
        })));
  }

  @Test
  void connectionResetWithoutRetriesIsOneAttempt(Vertx vertx, VertxTestContext tc) {
    start(vertx, Map.of("SOURCEGATE_UPSTREAM_RETRIES", "0"))
        .compose(v -> {
          faultOn(CONTENTS + "a.txt", ctx -> ctx.request().connection().close());
          return getFile(SHA, "a.txt");
        })
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertCleanError(res, 503, "unavailable");
          assertEquals(1, count(CONTENTS + "a.txt"), fake.paths().toString());
          tc.completeNow();
        })));
  }

  // ---- (c) 5xx and 4xx

  @ParameterizedTest(name = "{0} twice, then 200")
  @ValueSource(ints = {500, 502, 503})
  void serverErrorsAreRetriedUntilSuccess(int status, Vertx vertx, VertxTestContext tc) {
    AtomicInteger failures = new AtomicInteger();
    start(vertx, Map.of("SOURCEGATE_UPSTREAM_RETRIES", "2"))
        .compose(v -> {
          fake.intercept(ctx -> {
            if (ctx.request().path().equals(CONTENTS + "a.txt") && failures.getAndIncrement() < 2) {
              ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                  .end("{\"message\":\"Server Error\"}");
              return true;
            }
            return false;
          });
          return getFile(SHA, "a.txt");
        })
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(200, res.statusCode(), res.bodyAsString());
          assertEquals("alpha", text(res));
          assertEquals(3, count(CONTENTS + "a.txt"), fake.paths().toString());
          tc.completeNow();
        })));
  }

  @Test
  void alwaysUnavailableUpstreamIsUnavailableAfterOnePlusRetriesAttempts(Vertx vertx, VertxTestContext tc) {
    // the repository's breaker would open after 3 faults in 5 calls: this test is about the retries alone
    start(vertx, Map.of("SOURCEGATE_UPSTREAM_RETRIES", "3", "SOURCEGATE_BREAKER_MIN_CALLS", "50"))
        .compose(v -> {
          faultOn(CONTENTS + "a.txt", ctx -> ctx.response().setStatusCode(503).end("{\"message\":\"Unavailable\"}"));
          return getFile(SHA, "a.txt");
        })
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertCleanError(res, 503, "unavailable");
          assertEquals(4, count(CONTENTS + "a.txt"), fake.paths().toString());
          tc.completeNow();
        })));
  }

  @ParameterizedTest(name = "{0} is not retried")
  @ValueSource(ints = {404, 401})
  void clientErrorsAreNeverRetried(int status, Vertx vertx, VertxTestContext tc) {
    start(vertx, Map.of("SOURCEGATE_UPSTREAM_RETRIES", "3"))
        .compose(v -> {
          faultOn(CONTENTS + "a.txt", ctx -> ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
              .end(status == 404 ? "{\"message\":\"Not Found\"}" : "{\"message\":\"Bad credentials\"}"));
          return getFile(SHA, "a.txt");
        })
        .compose(res -> {
          tc.verify(() -> {
            if (status == 404) {
              assertCleanError(res, 404, "not_found");
            } else {
              assertCleanError(res, 401, "unauthenticated");
            }
          });
          // a retry would come after a back-off: give it the time to show up
          return sleep(vertx, 300);
        })
        .onComplete(tc.succeeding(v -> tc.verify(() -> {
          assertEquals(1, count(CONTENTS + "a.txt"), "exactly one attempt: " + fake.paths());
          tc.completeNow();
        })));
  }

  // ---- (d) secondary rate limit

  @Test
  void secondaryRateLimitIsResourceExhaustedNotRetriedAndTheTokenRests(Vertx vertx, VertxTestContext tc) {
    start(vertx, Map.of("SOURCEGATE_UPSTREAM_RETRIES", "3"))
        .compose(v -> {
          faultOn(CONTENTS + "a.txt", ctx -> ctx.response().setStatusCode(403).putHeader("Retry-After", "60")
              .putHeader("Content-Type", "application/json")
              .end("{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.\"}"));
          return getFile(SHA, "a.txt");
        })
        .compose(res -> {
          tc.verify(() -> {
            JsonObject err = assertCleanError(res, 429, "resource_exhausted");
            assertTrue(err.getString("message").toLowerCase().contains("rate limit"), err.encode());
          });
          return sleep(vertx, 300);
        })
        .compose(v -> {
          tc.verify(() -> assertEquals(1, count(CONTENTS + "a.txt"), "a 403 is not retried: " + fake.paths()));
          fake.clearRequests();
          return getFile(SHA, "b.txt");
        })
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertCleanError(res, 429, "resource_exhausted");
          assertEquals(List.of(), fake.paths(), "no upstream call with a token that must wait 60 s");
          tc.completeNow();
        })));
  }

  // ---- (e) broken bodies

  @Test
  void truncatedBodyIsACleanError(Vertx vertx, VertxTestContext tc) {
    start(vertx, Map.of("SOURCEGATE_UPSTREAM_RETRIES", "1"))
        .compose(v -> {
          faultOn(CONTENTS + "a.txt", ctx -> {
            HttpServerResponse r = ctx.response();
            r.putHeader("Content-Type", "application/json").putHeader("Content-Length", "5000");
            r.write("{\"type\":\"file\",\"encoding\":\"base64\",\"content\":\"YWxw");
            vertx.setTimer(20, id -> ctx.request().connection().close());
          });
          return getFile(SHA, "a.txt");
        })
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertCleanError(res, res.statusCode(), "unavailable", "unknown");
          assertTrue(res.statusCode() == 503 || res.statusCode() == 500, res.bodyAsString());
          tc.completeNow();
        })));
  }

  @Test
  void invalidJsonFromGitHubIsACleanError(Vertx vertx, VertxTestContext tc) {
    start(vertx, Map.of())
        .compose(v -> {
          faultOn(CONTENTS + "a.txt", ctx -> ctx.response().putHeader("Content-Type", "application/json")
              .end("{\"type\":\"file\",\"content\":"));
          return getFile(SHA, "a.txt");
        })
        .compose(res -> {
          tc.verify(() -> assertCleanError(res, res.statusCode(), "unknown", "unavailable"));
          // every spelling the resolver tries (ref, heads/ref, tags/ref) gets HTML where JSON belongs
          fake.intercept(ctx -> {
            if (ctx.request().path().startsWith("/api/repos/acme/app/commits/")) {
              ctx.response().putHeader("Content-Type", "application/json").end("<html>oops</html>");
              return true;
            }
            return false;
          });
          return gw.call("GetCommit", new JsonObject().put("repositoryURL", REPO).put("ref", NEW_SHA), TestGateway.cookieFor(TOKEN));
        })
        .compose(res -> {
          tc.verify(() -> assertCleanError(res, res.statusCode(), "unknown", "unavailable"));
          // valid JSON of the wrong shape: an array where an object belongs
          faultOn(CONTENTS + "b.txt", ctx -> ctx.response().putHeader("Content-Type", "application/json").end("[1,2,3]"));
          return getFile(SHA, "b.txt");
        })
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertCleanError(res, res.statusCode(), "unknown", "unavailable", "not_found");
          tc.completeNow();
        })));
  }

  // ---- (f) oversized answer

  @Test
  void oversizedGitHubAnswerIsResourceExhausted(Vertx vertx, VertxTestContext tc) {
    // the contents answer is capped at 4 MiB: send 5 MiB of valid-looking JSON
    StringBuilder big = new StringBuilder(5 * 1024 * 1024 + 100);
    big.append("{\"type\":\"file\",\"encoding\":\"base64\",\"content\":\"");
    while (big.length() < 5 * 1024 * 1024) {
      big.append("QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB\\n");
    }
    big.append("\"}");
    Buffer body = Buffer.buffer(big.toString());
    start(vertx, Map.of("SOURCEGATE_UPSTREAM_RETRIES", "2"))
        .compose(v -> {
          faultOn(CONTENTS + "a.txt", ctx -> ctx.response().putHeader("Content-Type", "application/json").end(body));
          return getFile(SHA, "a.txt");
        })
        .compose(res -> {
          tc.verify(() -> {
            JsonObject err = assertCleanError(res, 429, "resource_exhausted");
            assertTrue(err.getString("message").contains("larger than the limit of"), err.encode());
            assertEquals(1, count(CONTENTS + "a.txt"), "an oversized answer is not retried: " + fake.paths());
          });
          // a commit answer is capped at 2 MiB
          faultOn("/api/repos/acme/app/commits/" + NEW_SHA, ctx -> ctx.response().putHeader("Content-Type", "application/json")
              .end(body));
          return gw.call("GetCommit", new JsonObject().put("repositoryURL", REPO).put("ref", NEW_SHA), TestGateway.cookieFor(TOKEN));
        })
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          JsonObject err = assertCleanError(res, 429, "resource_exhausted");
          assertTrue(err.getString("message").contains("larger than the limit of"), err.encode());
          assertEquals(1, count("/api/repos/acme/app/commits/" + NEW_SHA), "not retried: " + fake.paths());
          tc.completeNow();
        })));
  }

  // ---- (g) circuit breaker

  /** Repeats a call until it makes no upstream request (warm cache), at most a few times. */
  private Future<Void> warm(Vertx vertx, Supplier<Future<HttpResponse<Buffer>>> call, int triesLeft) {
    fake.clearRequests();
    return call.get().compose(res -> {
      if (res.statusCode() != 200) {
        return Future.failedFuture("warm-up call failed: " + res.bodyAsString());
      }
      if (fake.paths().isEmpty()) {
        return Future.succeededFuture();
      }
      if (triesLeft <= 0) {
        return Future.failedFuture("the cache never warmed: " + fake.paths());
      }
      return sleep(vertx, 50).compose(v -> warm(vertx, call, triesLeft - 1));
    });
  }

  /** A file of another repository, acme/other, whose calls keep working while acme/app's are paused. */
  private Future<HttpResponse<Buffer>> otherRepository() {
    return gw.call("GetFile", new JsonObject().put("repositoryURL", "https://github.com/acme/other").put("ref", SHA)
        .put("localPath", "o.txt"), TestGateway.cookieFor(TOKEN));
  }

  @Test
  void aRepositoryWhoseCallsAllFailIsPausedFailsFastAndRecoversThroughAHalfOpenProbe(Vertx vertx, VertxTestContext tc) {
    AtomicInteger mode = new AtomicInteger(); // 0 normal, 1 every call for acme/app fails
    start(vertx, Map.of("SOURCEGATE_UPSTREAM_RETRIES", "0", "SOURCEGATE_BREAKER_MIN_CALLS", "3",
        "SOURCEGATE_HOST_MIN_CALLS", "6", "SOURCEGATE_BREAKER_RESET_MS", "500"))
        // warm the .pyroscope.yaml answer (a cached "not found") so that one GetFile makes one upstream call
        .compose(v -> {
          fake.file("acme", "other", SHA, "o.txt", "other file");
          return warm(vertx, () -> getFile(SHA, "a.txt"), 20);
        })
        .compose(v -> {
          fake.intercept(ctx -> {
            if (mode.get() == 1 && ctx.request().path().startsWith("/api/repos/acme/app/")) {
              ctx.response().setStatusCode(503).end("{\"message\":\"down\"}");
              return true;
            }
            return false;
          });
          mode.set(1);
          fake.clearRequests();
          return getFile(SHA, "f1.txt");
        })
        .compose(r1 -> getFile(SHA, "f2.txt").map(r2 -> List.of(r1, r2)))
        .compose(two -> getFile(SHA, "f3.txt").map(r3 -> List.of(two.get(0), two.get(1), r3)))
        .compose(three -> {
          tc.verify(() -> {
            for (HttpResponse<Buffer> r : three) {
              assertCleanError(r, 503, "unavailable");
            }
            assertEquals(List.of(CONTENTS + "f1.txt", CONTENTS + "f2.txt", CONTENTS + "f3.txt"), fake.paths().stream()
                .map(p -> p.replaceAll("\\?.*", "")).toList(), "one upstream call per failing GetFile");
          });
          fake.clearRequests();
          return getFile(SHA, "f4.txt");
        })
        .compose(fourth -> {
          tc.verify(() -> {
            JsonObject err = assertCleanError(fourth, 503, "unavailable");
            assertEquals(List.of(), fake.paths(), "an open repository breaker keeps the call from GitHub");
            assertEquals("GitHub is failing; calls to it are paused", err.getString("message"));
            assertFalse(fourth.bodyAsString().contains("127.0.0.1"), "the upstream host is never named");
          });
          // another repository on the same host is not paused
          return otherRepository();
        })
        .compose(other -> {
          tc.verify(() -> {
            assertEquals(200, other.statusCode(), other.bodyAsString());
            assertEquals("other file", text(other));
          });
          mode.set(0);
          // the breaker's 500 ms must pass before a probe: waiting longer than that is not a race
          return sleep(vertx, 700);
        })
        .compose(v -> {
          fake.clearRequests();
          return getFile(SHA, "f5.txt");
        })
        .compose(probe -> {
          tc.verify(() -> {
            assertEquals(200, probe.statusCode(), probe.bodyAsString());
            assertEquals("file 5", text(probe));
            assertEquals(1, count(CONTENTS + "f5.txt"), "the half-open probe reached the fake: " + fake.paths());
          });
          return getFile(SHA, "f6.txt").compose(a -> getFile(SHA, "f7.txt").map(b -> List.of(a, b)));
        })
        .onComplete(tc.succeeding(after -> tc.verify(() -> {
          assertEquals(200, after.get(0).statusCode(), after.get(0).bodyAsString());
          assertEquals(200, after.get(1).statusCode(), after.get(1).bodyAsString());
          assertEquals(1, count(CONTENTS + "f6.txt"));
          assertEquals(1, count(CONTENTS + "f7.txt"));
          tc.completeNow();
        })));
  }

  /**
   * A repository breaker opens on a failure rate: a repository that fails now and then but mostly
   * answers is not down, and its breaker stays closed.
   */
  @Test
  void aRepositoryBreakerOpensOnlyAboveItsFailureRate(Vertx vertx, VertxTestContext tc) {
    Set<String> failing = Set.of(CONTENTS + "f1.txt", CONTENTS + "f3.txt", CONTENTS + "f5.txt");
    start(vertx, Map.of("SOURCEGATE_UPSTREAM_RETRIES", "0", "SOURCEGATE_BREAKER_MIN_CALLS", "3",
        "SOURCEGATE_BREAKER_FAILURE_PERCENT", "75", "SOURCEGATE_BREAKER_RESET_MS", "60000"))
        .compose(v -> warm(vertx, () -> getFile(SHA, "a.txt"), 20))
        .compose(v -> {
          fake.intercept(ctx -> {
            if (failing.contains(ctx.request().path())) {
              ctx.response().setStatusCode(503).end("{\"message\":\"down\"}");
              return true;
            }
            return false;
          });
          fake.clearRequests();
          // failure, success, failure, success, failure: 3 of 5 (60 %) is under 75 %
          Future<List<Integer>> statuses = Future.succeededFuture(new ArrayList<>());
          for (int i = 1; i <= 5; i++) {
            String path = "f" + i + ".txt";
            statuses = statuses.compose(list -> getFile(SHA, path).map(r -> {
              list.add(r.statusCode());
              return list;
            }));
          }
          return statuses;
        })
        .compose(statuses -> {
          tc.verify(() -> assertEquals(List.of(503, 200, 503, 200, 503), statuses, fake.paths().toString()));
          fake.clearRequests();
          return getFile(SHA, "f6.txt");
        })
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(200, res.statusCode(), "below the failure rate the breaker stays closed: " + res.bodyAsString());
          assertEquals(1, count(CONTENTS + "f6.txt"));
          tc.completeNow();
        })));
  }

  @Test
  void clientErrorsAndRateLimitAnswersNeverPauseARepository(Vertx vertx, VertxTestContext tc) {
    start(vertx, Map.of("SOURCEGATE_UPSTREAM_RETRIES", "0", "SOURCEGATE_BREAKER_MIN_CALLS", "2"))
        .compose(v -> warm(vertx, () -> getFile(SHA, "a.txt"), 20))
        .compose(v -> {
          fake.intercept(ctx -> {
            String p = ctx.request().path();
            if (p.equals(CONTENTS + "f1.txt") || p.equals(CONTENTS + "f2.txt")) {
              ctx.response().setStatusCode(404).end("{\"message\":\"Not Found\"}");
              return true;
            }
            if (p.equals(CONTENTS + "f3.txt") || p.equals(CONTENTS + "f4.txt")) {
              ctx.response().setStatusCode(429).putHeader("Retry-After", "0").end("{\"message\":\"slow down\"}");
              return true;
            }
            return false;
          });
          return getFile(SHA, "f1.txt").compose(r -> getFile(SHA, "f2.txt"))
              .compose(r -> getFile(SHA, "f3.txt")).compose(r -> getFile(SHA, "f4.txt"));
        })
        .compose(last -> {
          tc.verify(() -> assertCleanError(last, 429, "resource_exhausted"));
          fake.clearRequests();
          return getFile(SHA, "f5.txt");
        })
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(200, res.statusCode(), "4 answers below 500 open nothing: " + res.bodyAsString());
          assertEquals(1, count(CONTENTS + "f5.txt"));
          tc.completeNow();
        })));
  }

  // ---- (h) stale-if-error

  /** GetFile until the answer carries the stale header; every answer on the way must be the cached file. */
  private Future<HttpResponse<Buffer>> untilStale(Vertx vertx, VertxTestContext tc, int triesLeft) {
    return getFile("main", "notes.txt").compose(res -> {
      tc.verify(() -> {
        assertEquals(200, res.statusCode(), "the cached file keeps serving: " + res.bodyAsString());
        assertEquals("on main", text(res));
      });
      if (res.getHeader(HttpVerticle.STALE_HEADER) != null) {
        return Future.succeededFuture(res);
      }
      if (triesLeft <= 0) {
        return Future.failedFuture(new AssertionError("never marked " + HttpVerticle.STALE_HEADER));
      }
      return sleep(vertx, 100).compose(v -> untilStale(vertx, tc, triesLeft - 1));
    });
  }

  @Test
  void staleIfErrorServesTheCachedBranchContentMarkedStale(Vertx vertx, VertxTestContext tc) {
    start(vertx, Map.of("SOURCEGATE_REF_TTL_MS", "100", "SOURCEGATE_UPSTREAM_RETRIES", "1"))
        .compose(v -> warm(vertx, () -> getFile("main", "notes.txt"), 20))
        .compose(v -> getFile("main", "notes.txt"))
        .compose(fresh -> {
          tc.verify(() -> {
            assertEquals(200, fresh.statusCode());
            assertEquals(null, fresh.getHeader(HttpVerticle.STALE_HEADER), "a fresh answer is not stale");
          });
          fake.intercept(ctx -> {
            ctx.response().setStatusCode(503).end("{\"message\":\"down\"}");
            return true;
          });
          return sleep(vertx, 250);
        })
        .compose(v -> untilStale(vertx, tc, 30))
        .compose(stale -> {
          tc.verify(() -> {
            assertTrue(fake.requests().stream().anyMatch(r -> r.path().equals("/api/repos/acme/app/commits/main")),
                "the ref was revalidated: " + fake.paths());
          });
          return getFile("main", "never-cached.txt");
        })
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertCleanError(res, 503, "unavailable");
          assertEquals(null, res.getHeader(HttpVerticle.STALE_HEADER));
          tc.completeNow();
        })));
  }

  // ---- (i) load shedding

  @Test
  void loadSheddingAnswersTheCallOverTheTenantLimitAtOnce(Vertx vertx, VertxTestContext tc) {
    Map<Integer, Long> tookMs = new ConcurrentHashMap<>();
    Map<Integer, Integer> finishedBefore = new ConcurrentHashMap<>();
    start(vertx, Map.of("SOURCEGATE_MAX_INFLIGHT_PER_TENANT", "2"))
        .compose(v -> {
          fake.delay(1000);
          List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
          long t0 = System.nanoTime();
          for (int i = 0; i < 3; i++) {
            int n = i;
            calls.add(getFile(SHA, "f" + i + ".txt")
                .onComplete(ar -> {
                  tookMs.put(n, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
                  // "at once" is an order, not a speed: the refused call ends while the admitted ones still
                  // wait for the slow upstream, however slow this machine is
                  finishedBefore.put(n, tookMs.size() - 1);
                }));
          }
          return Future.all(calls).map(all -> calls);
        })
        .onComplete(tc.succeeding(calls -> tc.verify(() -> {
          List<Integer> shed = new ArrayList<>();
          for (int i = 0; i < 3; i++) {
            HttpResponse<Buffer> r = calls.get(i).result();
            if (r.statusCode() == 429) {
              shed.add(i);
              JsonObject err = assertCleanError(r, 429, "resource_exhausted");
              assertTrue(err.getString("message").contains("limit 2"), err.encode());
              assertTrue(err.getString("message").contains("SOURCEGATE_MAX_INFLIGHT_PER_TENANT"), err.encode());
              assertEquals(0, finishedBefore.get(i), "shed at once, before the admitted calls' slow upstream: " + tookMs);
            } else {
              assertEquals(200, r.statusCode(), r.bodyAsString());
              assertTrue(tookMs.get(i) >= 900, "served after the slow upstream: " + tookMs.get(i));
            }
          }
          assertEquals(1, shed.size(), "exactly one call is over the limit of 2: " + tookMs);
          tc.completeNow();
        })));
  }

  @Test
  void loadSheddingOfOneTenantDoesNotAffectAnother(Vertx vertx, VertxTestContext tc) {
    start(vertx, Map.of("SOURCEGATE_MAX_INFLIGHT_PER_TENANT", "2", "SOURCEGATE_MULTITENANT", "true"))
        .compose(v -> {
          fake.delay(1000);
          List<Future<HttpResponse<Buffer>>> noisy = new ArrayList<>();
          String cookieA = TestGateway.cookieFor("tenant-a", TOKEN, "ghr_r", Instant.now().plusSeconds(3600));
          String cookieB = TestGateway.cookieFor("tenant-b", TOKEN, "ghr_r", Instant.now().plusSeconds(3600));
          for (int i = 0; i < 3; i++) {
            noisy.add(gw.call("GetFile", new JsonObject().put("repositoryURL", REPO).put("ref", SHA)
                .put("localPath", "f" + i + ".txt"), cookieA, Map.of("X-Scope-OrgID", "tenant-a")));
          }
          Future<HttpResponse<Buffer>> quiet = gw.call("GetFile", new JsonObject().put("repositoryURL", REPO)
              .put("ref", SHA).put("localPath", "f9.txt"), cookieB, Map.of("X-Scope-OrgID", "tenant-b"));
          List<Future<HttpResponse<Buffer>>> all = new ArrayList<>(noisy);
          all.add(quiet);
          return Future.all(all).map(x -> all);
        })
        .onComplete(tc.succeeding(all -> tc.verify(() -> {
          long shed = all.subList(0, 3).stream().filter(f -> f.result().statusCode() == 429).count();
          assertEquals(1, shed, "tenant-a: one of three over its limit of 2");
          HttpResponse<Buffer> b = all.get(3).result();
          assertEquals(200, b.statusCode(), "tenant-b is not affected: " + b.bodyAsString());
          assertEquals("file 9", text(b));
          tc.completeNow();
        })));
  }
}
