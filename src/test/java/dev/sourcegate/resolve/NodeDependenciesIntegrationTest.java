package dev.sourcegate.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.demo.registries.SimulatedNpm;
import dev.sourcegate.testkit.FakeGitHub;
import dev.sourcegate.testkit.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * npm dependency frames end to end (docs/resolution.md §13): the real gateway, the fake GitHub holding
 * the application's package-lock.json, the simulated npm registry holding the packages.
 */
@ExtendWith(VertxExtension.class)
class NodeDependenciesIntegrationTest {
  private static final String REPO = "https://github.com/acme/shop";
  private static final String LOCK = """
      {"name": "shop", "lockfileVersion": 3, "packages": {
        "": {"name": "shop"},
        "node_modules/express": {"version": "4.18.2"},
        "node_modules/@acme/util": {"version": "2.0.1"},
        "node_modules/express/node_modules/debug": {"version": "2.6.9"}}}""";
  private FakeGitHub fake;
  private SimulatedNpm npm;
  private TestGateway gw;
  private final String alice = TestGateway.cookieFor("gho_alice");

  @BeforeEach
  void start(Vertx vertx, VertxTestContext tc) {
    fake = new FakeGitHub(vertx);
    fake.token("gho_alice")
        .file("acme", "shop", "main", "web/package-lock.json", LOCK)
        .file("acme", "shop", "main", "web/server.js", "// the app");
    npm = new SimulatedNpm(vertx)
        .publish("express", "4.18.2", Map.of("lib/router/index.js", "// express 4.18.2 router"))
        .publish("express", "4.17.1", Map.of("lib/router/index.js", "// express 4.17.1 router"))
        .publish("debug", "2.6.9", Map.of("src/node.js", "// debug 2.6.9"))
        .publish("@acme/util", "2.0.1", Map.of("dist/index.js", "// util 2.0.1"));
    fake.start().compose(f -> npm.start())
        .compose(n -> TestGateway.start(vertx, fake, Map.of("SOURCEGATE_NPM_URL", npm.baseUrl()), Clock.systemUTC()))
        .onComplete(tc.succeeding(g -> {
          gw = g;
          tc.completeNow();
        }));
  }

  @AfterEach
  void stop(VertxTestContext tc) {
    gw.stop().compose(v -> fake.stop()).compose(v -> npm.stop()).onComplete(tc.succeedingThenComplete());
  }

  private Future<HttpResponse<Buffer>> getFile(String localPath) {
    return gw.call("GetFile", new JsonObject().put("repositoryURL", REPO).put("ref", "main")
        .put("localPath", localPath).put("rootPath", "web").put("functionName", "handle"), alice);
  }

  private static String content(HttpResponse<Buffer> res) {
    assertEquals(200, res.statusCode(), res.bodyAsString());
    return new String(Base64.getDecoder().decode(res.bodyAsJsonObject().getString("content")), StandardCharsets.UTF_8);
  }

  @Test
  void expressAtItsLockedVersionAndAScopedPackage(VertxTestContext tc) {
    getFile("/usr/src/app/node_modules/express/lib/router/index.js").compose(res -> {
      tc.verify(() -> {
        assertEquals("// express 4.18.2 router", content(res));
        assertEquals("https://unpkg.com/express@4.18.2/lib/router/index.js", res.bodyAsJsonObject().getString("URL"));
      });
      return getFile("/usr/src/app/node_modules/@acme/util/dist/index.js");
    }).compose(res -> {
      tc.verify(() -> assertEquals("// util 2.0.1", content(res)));
      return getFile("/usr/src/app/node_modules/express/node_modules/debug/src/node.js");
    }).onComplete(tc.succeeding(res -> tc.verify(() -> {
      assertEquals("// debug 2.6.9", content(res));
      assertEquals(1, fake.paths().stream().filter(p -> p.contains("web/package-lock.json")).count(),
          "the lock file is read once per commit: " + fake.paths());
      tc.completeNow();
    })));
  }

  @Test
  void aPnpmStorePathNeedsNoLockFile(VertxTestContext tc) {
    getFile("/app/node_modules/.pnpm/express@4.17.1/node_modules/express/lib/router/index.js")
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals("// express 4.17.1 router", content(res));
          tc.completeNow();
        })));
  }

  @Test
  void aPackageInNoLockFileIsNotFoundNamingTheFilesRead(VertxTestContext tc) {
    getFile("/usr/src/app/node_modules/lodash/lodash.js").onComplete(tc.succeeding(res -> tc.verify(() -> {
      assertEquals(404, res.statusCode(), res.bodyAsString());
      String message = res.bodyAsJsonObject().getString("message");
      assertTrue(message.contains("lodash") && message.contains("web/package-lock.json"), message);
      tc.completeNow();
    })));
  }

  @Test
  void aHostileTarballIsACleanError(VertxTestContext tc) {
    npm.publishTarball("express", "4.18.2", "not a tarball".getBytes(StandardCharsets.UTF_8));
    getFile("/usr/src/app/node_modules/express/lib/router/index.js").onComplete(tc.succeeding(res -> tc.verify(() -> {
      JsonObject body = res.bodyAsJsonObject();
      assertEquals("data_loss", body.getString("code"), res.bodyAsString());
      assertTrue(body.getString("message").contains("not a complete gzip stream"), res.bodyAsString());
      assertTrue(!res.bodyAsString().contains("Exception") && !res.bodyAsString().contains("at dev."), res.bodyAsString());
      tc.completeNow();
    })));
  }
}
