package dev.sourcegate.configloader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sourcegate.testkit.FakeGitHub;
import dev.sourcegate.testkit.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A .pyroscope.yaml over SOURCEGATE_MAX_FILE_BYTES is ignored, and that answer is remembered for the
 * negative TTL like "not found": the next request does not download it again.
 */
@ExtendWith(VertxExtension.class)
class OversizeConfigTest {
  private static final String REPO = "https://github.com/acme/big";
  private static final int LIMIT = 4096;
  private FakeGitHub fake;
  private TestGateway gw;
  private final String cookie = TestGateway.cookieFor("gho_user");

  @AfterEach
  void stop(VertxTestContext tc) {
    (gw == null ? fake.stop() : gw.stop().compose(v -> fake.stop())).onComplete(tc.succeedingThenComplete());
  }

  /** 5,000 bytes come base64 inside the JSON answer; 1.2 MB only as a size (GitHub's "encoding": "none"). */
  @ParameterizedTest
  @ValueSource(ints = {5_000, 1_200_000})
  void anOversizeConfigIsFetchedOnceAcrossRequests(int size, Vertx vertx, VertxTestContext tc) {
    StringBuilder yaml = new StringBuilder("version: v1\n");
    while (yaml.length() < size) {
      yaml.append("# padding to make the file larger than the limit\n");
    }
    fake = new FakeGitHub(vertx);
    fake.file("acme", "big", "main", ".pyroscope.yaml", yaml.toString())
        .file("acme", "big", "main", "a.py", "print('a')")
        .file("acme", "big", "main", "b.py", "print('b')");
    TestGateway.start(vertx, fake, Map.of("SOURCEGATE_MAX_FILE_BYTES", String.valueOf(LIMIT)), Clock.systemUTC())
        .compose(g -> {
          gw = g;
          return getFile("a.py");
        })
        .compose(a -> getFile("b.py").map(b -> List.of(a, b)))
        .onComplete(tc.succeeding(both -> tc.verify(() -> {
          assertEquals("print('a')", both.get(0), "the oversize file is ignored, the source is served");
          assertEquals("print('b')", both.get(1));
          List<String> configCalls = fake.paths().stream().filter(p -> p.contains(".pyroscope.yaml")).toList();
          assertEquals(1, configCalls.size(), () -> "downloaded once, then remembered: " + fake.paths());
          tc.completeNow();
        })));
  }

  /** Under 1 MB GitHub sends the bytes inline, base64 in the JSON: the limit holds there too, and is remembered. */
  @org.junit.jupiter.api.Test
  void aSourceFileOverTheLimitSentInlineIsRefusedAndRemembered(Vertx vertx, VertxTestContext tc) {
    fake = new FakeGitHub(vertx);
    fake.file("acme", "big", "main", "big.py", "#".repeat(LIMIT + 1));
    JsonObject req = new JsonObject().put("repositoryURL", REPO).put("ref", "main").put("localPath", "big.py");
    TestGateway.start(vertx, fake, Map.of("SOURCEGATE_MAX_FILE_BYTES", String.valueOf(LIMIT)), Clock.systemUTC())
        .compose(g -> {
          gw = g;
          return gw.call("GetFile", req, cookie);
        })
        .compose(first -> gw.call("GetFile", req.copy().put("functionName", "other"), cookie).map(second -> List.of(first, second)))
        .onComplete(tc.succeeding(both -> tc.verify(() -> {
          for (var res : both) {
            assertEquals(429, res.statusCode(), res.bodyAsString());
            assertEquals("resource_exhausted", res.bodyAsJsonObject().getString("code"));
            assertEquals("file big.py is larger than the limit of " + LIMIT + " bytes", res.bodyAsJsonObject().getString("message"));
          }
          assertEquals(1, fake.paths().stream().filter(p -> p.contains("/big.py")).count(), () -> fake.paths().toString());
          tc.completeNow();
        })));
  }

  private io.vertx.core.Future<String> getFile(String path) {
    JsonObject req = new JsonObject().put("repositoryURL", REPO).put("ref", "main").put("localPath", path);
    return gw.call("GetFile", req, cookie).map(res -> {
      assertEquals(200, res.statusCode(), res.bodyAsString());
      return new String(Base64.getDecoder().decode(res.bodyAsJsonObject().getString("content")), StandardCharsets.UTF_8);
    });
  }
}
