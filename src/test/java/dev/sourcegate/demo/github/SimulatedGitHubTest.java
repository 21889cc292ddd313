package dev.sourcegate.demo.github;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The simulated GitHub that the demo serves from and the tests script: GitHub's REST answers for the
 * calls the gateway makes, and the switches that tell the demo's set-up from a test's.
 */
@ExtendWith(VertxExtension.class)
class SimulatedGitHubTest {
  private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

  private SimulatedGitHub github;
  private WebClient web;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext tc) {
    web = WebClient.create(vertx);
    github = new SimulatedGitHub(vertx, Clock.systemUTC());
    github.start().onComplete(tc.succeedingThenComplete());
  }

  @AfterEach
  void stop(VertxTestContext tc) {
    web.close();
    github.stop().onComplete(tc.succeedingThenComplete());
  }

  private Future<HttpResponse<Buffer>> get(String path, String accept, String token) {
    var req = web.getAbs(github.apiUrl() + path);
    if (accept != null) {
      req.putHeader("Accept", accept);
    }
    if (token != null) {
      req.putHeader("Authorization", "Bearer " + token);
    }
    return req.send();
  }

  @Test
  void branchesResolveAsGitHubReadsARefWhileAScriptedNameResolvesOnlyAsWritten(VertxTestContext tc) {
    github.repositories().repository("acme", "app").describe("", "main")
        .snapshot(SHA, Map.of("a.go", bytes("at sha")), new JsonObject().put("sha", SHA))
        .branch("main", SHA)
        .file("dev", "a.go", bytes("on dev"));
    get("/repos/acme/app/contents/a.go?ref=refs/heads/main", null, null)
        .compose(res -> {
          assertEquals(200, res.statusCode());
          assertEquals("at sha", decoded(res.bodyAsJsonObject()));
          return get("/repos/acme/app/contents/a.go?ref=" + SHA.substring(0, 7), null, null);
        })
        .compose(res -> {
          assertEquals(200, res.statusCode(), "a short SHA of a snapshot");
          return get("/repos/acme/app/contents/a.go", null, null);
        })
        .compose(res -> {
          assertEquals(200, res.statusCode(), "no ref: the default branch");
          assertEquals("https://github.com/acme/app/blob/main/a.go", res.bodyAsJsonObject().getString("html_url"));
          return get("/repos/acme/app/contents/a.go?ref=dev", null, null);
        })
        .compose(res -> {
          assertEquals("on dev", decoded(res.bodyAsJsonObject()));
          return get("/repos/acme/app/contents/a.go?ref=heads/dev", null, null);
        })
        .compose(res -> {
          assertEquals(404, res.statusCode(), "a scripted name is not a branch");
          return get("/repos/acme/app/commits/HEAD", "application/vnd.github.sha", null);
        })
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(SHA, res.bodyAsString());
          assertEquals("\"" + SHA + "\"", res.getHeader("ETag"));
          tc.completeNow();
        })));
  }

  @Test
  void aFileOverOneMegabyteComesEmptyInJsonAndWholeAsRaw(VertxTestContext tc) {
    byte[] big = new byte[RestApi.LARGEST_INLINE_FILE + 1];
    Arrays.fill(big, (byte) 'x');
    github.repositories().repository("acme", "app").file("main", "big.txt", big).file("main", "dir/small.txt", bytes("s"));
    get("/repos/acme/app/contents/big.txt?ref=main", "application/vnd.github+json", null)
        .compose(res -> {
          JsonObject json = res.bodyAsJsonObject();
          assertEquals("none", json.getString("encoding"));
          assertEquals("", json.getString("content"));
          assertEquals(big.length, json.getInteger("size"));
          return get("/repos/acme/app/contents/big.txt?ref=main", "application/vnd.github.raw+json", null);
        })
        .compose(res -> {
          assertArrayEquals(big, res.bodyAsBuffer().getBytes());
          return get("/repos/acme/app/contents/dir?ref=main", null, null);
        })
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          JsonArray listing = res.bodyAsJsonArray();
          assertEquals("small.txt", listing.getJsonObject(0).getString("name"));
          assertEquals("file", listing.getJsonObject(0).getString("type"));
          tc.completeNow();
        })));
  }

  @Test
  void aPrivateRepositoryIsNotFoundButForItsReadersAndItsTagAnswers304(VertxTestContext tc) {
    github.repositories().repository("acme", "secret").readableBy(List.of("reader"));
    get("/repos/acme/secret", null, "other")
        .compose(res -> {
          assertEquals(404, res.statusCode());
          return get("/repos/ACME/Secret", null, "reader");
        })
        .compose(res -> {
          assertEquals(200, res.statusCode(), "owner and name without regard to case");
          assertEquals(true, res.bodyAsJsonObject().getBoolean("private"));
          assertEquals("\"repo-acme-secret\"", res.getHeader("ETag"));
          return web.getAbs(github.apiUrl() + "/repos/acme/secret").putHeader("Authorization", "Bearer reader")
              .putHeader("If-None-Match", res.getHeader("ETag")).send();
        })
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(304, res.statusCode());
          tc.completeNow();
        })));
  }

  @Test
  void unknownRepositoriesAreNotFoundUnlessEveryRepositoryExists(VertxTestContext tc) {
    get("/repos/acme/none", null, null)
        .compose(res -> {
          assertEquals(404, res.statusCode());
          github.repositories().everyRepositoryExists(true);
          return get("/repos/acme/none", null, null);
        })
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(200, res.statusCode());
          assertEquals(false, res.bodyAsJsonObject().getBoolean("private"));
          tc.completeNow();
        })));
  }

  @Test
  void theDemosSwitchesRefuseCallsWithoutAGoodTokenAndCountTheRateLimit(VertxTestContext tc) {
    github.repositories().repository("acme", "app");
    get("/repos/acme/app", null, "any")
        .compose(res -> {
          assertEquals(200, res.statusCode(), "a test's default: every token, no rate-limit headers");
          assertNull(res.getHeader("X-RateLimit-Remaining"));
          github.access().anonymousServed(false).goodTokens(ApiAccess.anyOrNamed(Set.of("good")))
              .rateLimitHeaders(true);
          return get("/repos/acme/app", null, null);
        })
        .compose(res -> {
          assertEquals(401, res.statusCode());
          assertEquals("Requires authentication", res.bodyAsJsonObject().getString("message"));
          return get("/repos/acme/app", null, "bad");
        })
        .compose(res -> {
          assertEquals(401, res.statusCode());
          assertEquals("Bad credentials", res.bodyAsJsonObject().getString("message"));
          return get("/repos/acme/app", null, "good");
        })
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(200, res.statusCode());
          assertEquals("4999", res.getHeader("X-RateLimit-Remaining"));
          tc.completeNow();
        })));
  }

  @Test
  void theLogKeepsNothingUntilSwitchedOnAndAnInterceptorAnswersInstead(VertxTestContext tc) {
    github.repositories().repository("acme", "app").file("main", "a.go", bytes("a"));
    get("/repos/acme/app/contents/a.go?ref=main", null, null)
        .compose(res -> {
          assertTrue(github.log().requests().isEmpty(), "the demo keeps no record");
          github.log().record(true);
          github.faults().intercept(ctx -> {
            ctx.response().setStatusCode(503).end();
            return true;
          });
          return get("/repos/acme/app/contents/a.go?ref=main", null, null);
        })
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(503, res.statusCode());
          assertEquals(List.of("/api/repos/acme/app/contents/a.go?ref=main"), github.log().paths());
          tc.completeNow();
        })));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String decoded(JsonObject contents) {
    return new String(Base64.getMimeDecoder().decode(contents.getString("content")), StandardCharsets.UTF_8);
  }
}
