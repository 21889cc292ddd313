package dev.sourcegate.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.io.File;
import java.net.ServerSocket;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fleet cache on a real redis-server: two gateways share entries; Redis dying mid-test changes
 * nothing a caller can see. CI installs redis-server and sets SOURCEGATE_REQUIRE_REDIS=true; elsewhere
 * the test is skipped when redis-server is missing.
 */
@ExtendWith(VertxExtension.class)
class FleetCacheRedisTest {
  private static final String SHA = "89abcdef0123456789abcdef0123456789abcdef";
  private static final String REPO = "https://github.com/acme/app";
  /** Over RedisFleetCache.OFF_LOOP_BYTES: sealed and opened on a worker. */
  private static final String BIG = "package gen\n" + "// generated line of a large file\n".repeat(8_000);
  private Process redis;
  private int redisPort;
  private FakeGitHub fake;
  private TestGateway a;
  private TestGateway b;
  /** The second gateway runs in its own Vertx: two gateways in one Vertx would share event-bus addresses. */
  private Vertx otherVertx;

  @BeforeEach
  void startRedis() throws Exception {
    File server = new File("/usr/bin/redis-server");
    boolean required = "true".equals(System.getenv("SOURCEGATE_REQUIRE_REDIS"));
    if (!server.canExecute()) {
      if (required) {
        throw new AssertionError("redis-server is required (SOURCEGATE_REQUIRE_REDIS=true) but not installed");
      }
      assumeTrue(false, "redis-server not installed");
    }
    try (ServerSocket s = new ServerSocket(0)) {
      redisPort = s.getLocalPort();
    }
    redis = new ProcessBuilder(server.getPath(), "--port", String.valueOf(redisPort), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    long until = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < until) {
      try (java.net.Socket s = new java.net.Socket("127.0.0.1", redisPort)) {
        return;
      } catch (java.io.IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new AssertionError("redis-server did not start");
  }

  @AfterEach
  void stop(VertxTestContext tc) throws Exception {
    Future<Void> f = Future.succeededFuture();
    if (a != null) {
      f = f.compose(v -> a.stop());
    }
    if (b != null) {
      f = f.compose(v -> b.stop());
    }
    if (fake != null) {
      f = f.compose(v -> fake.stop());
    }
    if (otherVertx != null) {
      f = f.compose(v -> otherVertx.close());
    }
    f.onComplete(tc.succeedingThenComplete());
    tc.awaitCompletion(10, TimeUnit.SECONDS);
    if (redis != null) {
      redis.destroy();
      redis.waitFor(5, TimeUnit.SECONDS);
    }
  }

  private Future<Void> startGateways(Vertx vertx) {
    fake = new FakeGitHub(vertx);
    fake.file("acme", "app", SHA, "cmd/main.go", "package main")
        .file("acme", "app", SHA, "cmd/other.go", "package other")
        .file("acme", "app", SHA, "cmd/third.go", "package third")
        .file("acme", "app", SHA, "gen/big.go", BIG);
    return fake.start().compose(f -> {
      Map<String, String> env = new HashMap<>(TestGateway.env(fake));
      env.put("SOURCEGATE_REDIS_URL", "redis://127.0.0.1:" + redisPort);
      // what these tests check is sharing, not the budget: a loaded machine must not turn a hit into a miss
      env.put("SOURCEGATE_REDIS_LOOKUP_MS", "10000");
      otherVertx = Vertx.vertx();
      return TestGateway.start(vertx, env).compose(ga -> {
        a = ga;
        return TestGateway.start(otherVertx, env);
      });
    }).map(gb -> {
      b = gb;
      return null;
    });
  }

  private static Future<HttpResponse<Buffer>> getFile(TestGateway gw, String path) {
    return gw.call("GetFile", new JsonObject().put("repositoryURL", REPO).put("ref", SHA).put("localPath", path),
        TestGateway.cookieFor("gho_user"));
  }

  /** Polls Redis until the key written in the background is there. */
  private Future<Void> awaitKey(Vertx vertx, String key, int tries) {
    Redis client = Redis.createClient(vertx, "redis://127.0.0.1:" + redisPort);
    return client.send(Request.cmd(Command.EXISTS).arg(key)).compose(r -> {
      client.close();
      if (r.toInteger() == 1) {
        return Future.succeededFuture();
      }
      if (tries <= 0) {
        return Future.failedFuture(new AssertionError("key never written: " + key));
      }
      Promise<Void> later = Promise.promise();
      vertx.setTimer(20, id -> later.complete());
      return later.future().compose(v -> awaitKey(vertx, key, tries - 1));
    });
  }

  @Test
  void twoGatewaysShareEntriesAndRedisDyingChangesNothingVisible(Vertx vertx, VertxTestContext tc) {
    startGateways(vertx)
        .compose(v -> getFile(a, "cmd/main.go"))
        .compose(res -> {
          tc.verify(() -> assertEquals(200, res.statusCode(), res.bodyAsString()));
          return awaitKey(vertx, FleetCodec.PREFIX + "file\nacme/app\n" + SHA + "\ncmd/main.go", 1000); // 20 s: a bound, not a guess
        })
        .compose(v -> {
          fake.clearRequests();
          return getFile(b, "cmd/main.go");
        })
        .compose(res -> {
          tc.verify(() -> {
            assertEquals(200, res.statusCode(), res.bodyAsString());
            assertEquals("package main", new String(Base64.getDecoder().decode(res.bodyAsJsonObject().getString("content"))));
            assertEquals(0, fake.count("/api/repos/acme/app/contents/cmd/main.go"),
                "the second gateway read the file from the fleet cache: " + fake.paths());
          });
          redis.destroy();
          return vertx.executeBlocking(() -> redis.waitFor(5, TimeUnit.SECONDS));
        })
        .compose(v -> getFile(b, "cmd/other.go"))
        .compose(res -> {
          tc.verify(() -> assertEquals(200, res.statusCode(), "Redis down: answered from GitHub"));
          return getFile(a, "cmd/third.go");
        })
        .compose(res -> {
          tc.verify(() -> assertEquals(200, res.statusCode()));
          return b.client().get("/metrics").send();
        })
        .onComplete(tc.succeeding(metrics -> tc.verify(() -> {
          String text = metrics.bodyAsString();
          double errors = text.lines().filter(l -> l.startsWith("sourcegate_fleet_cache_errors_total"))
              .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
          assertTrue(errors >= 1, "the failed fleet look-ups are counted:\n" + text.lines()
              .filter(l -> l.contains("fleet")).toList());
          assertTrue(text.contains("sourcegate_cache_lookups_total{level=\"fleet\",result=\"hit\"}"), "fleet hits are a series");
          assertTrue(text.contains("sourcegate_fleet_cache_written_bytes_total"), "fleet bytes are a series");
          tc.completeNow();
        })));
  }

  private Future<io.vertx.redis.client.Response> redisCall(Vertx vertx, Request request) {
    Redis client = Redis.createClient(vertx, "redis://127.0.0.1:" + redisPort);
    return client.send(request).eventually(() -> {
      client.close();
      return Future.succeededFuture();
    });
  }

  private static double fleetErrors(String metrics) {
    return metrics.lines().filter(l -> l.startsWith("sourcegate_fleet_cache_errors_total"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  /**
   * What Redis holds is sealed: no source in a dump, and a value moved to another file's key (or altered)
   * is a miss counted as an error, answered from GitHub, never served as that other file.
   */
  @Test
  void redisHoldsNoSourceAndAMovedValueIsAMiss(Vertx vertx, VertxTestContext tc) {
    String mainKey = FleetCodec.PREFIX + "file\nacme/app\n" + SHA + "\ncmd/main.go";
    String otherKey = FleetCodec.PREFIX + "file\nacme/app\n" + SHA + "\ncmd/other.go";
    startGateways(vertx)
        .compose(v -> getFile(a, "cmd/main.go"))
        .compose(res -> awaitKey(vertx, mainKey, 100))
        .compose(v -> redisCall(vertx, Request.cmd(Command.GET).arg(mainKey)))
        .compose(stored -> {
          tc.verify(() -> {
            String raw = stored.toBuffer().toString(java.nio.charset.StandardCharsets.ISO_8859_1);
            assertTrue(!raw.contains("package main") && !raw.contains("github.com/acme"), "sealed in Redis: " + raw);
          });
          // an attacker with write access to Redis copies the sealed main.go under other.go's key
          return redisCall(vertx, Request.cmd(Command.SET).arg(otherKey).arg(stored.toBuffer()));
        })
        .compose(v -> {
          fake.clearRequests();
          return getFile(b, "cmd/other.go");
        })
        .compose(res -> {
          tc.verify(() -> {
            assertEquals(200, res.statusCode(), res.bodyAsString());
            assertEquals("package other", new String(Base64.getDecoder().decode(res.bodyAsJsonObject().getString("content"))));
            assertEquals(1, fake.count("/api/repos/acme/app/contents/cmd/other.go"), "a miss, read from GitHub: " + fake.paths());
          });
          return b.client().get("/metrics").send();
        })
        .onComplete(tc.succeeding(metrics -> tc.verify(() -> {
          assertTrue(fleetErrors(metrics.bodyAsString()) >= 1, "the value that did not open is counted");
          tc.completeNow();
        })));
  }

  @Test
  void aLargeValueIsSharedThroughTheWorkerPath(Vertx vertx, VertxTestContext tc) {
    tc.verify(() -> assertTrue(BIG.length() > RedisFleetCache.OFF_LOOP_BYTES));
    startGateways(vertx)
        .compose(v -> getFile(a, "gen/big.go"))
        .compose(res -> {
          tc.verify(() -> assertEquals(200, res.statusCode(), res.bodyAsString()));
          return awaitKey(vertx, FleetCodec.PREFIX + "file\nacme/app\n" + SHA + "\ngen/big.go", 100);
        })
        .compose(v -> {
          fake.clearRequests();
          return getFile(b, "gen/big.go");
        })
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(200, res.statusCode(), res.bodyAsString());
          assertEquals(BIG, new String(Base64.getDecoder().decode(res.bodyAsJsonObject().getString("content"))));
          assertEquals(0, fake.count("/api/repos/acme/app/contents/gen/big.go"), "read from the fleet cache: " + fake.paths());
          tc.completeNow();
        })));
  }
}
