package dev.sourcegate.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runtime frames end to end (docs/resolution.md §9): the real gateway against the fake GitHub, with no
 * .pyroscope.yaml. The versions come from the application's files at the request's ref, and the runtime
 * file from the runtime's repository at the matching tag or branch.
 */
@ExtendWith(VertxExtension.class)
class RuntimeFramesIntegrationTest {
  private static final String REPO = "https://github.com/acme/app";
  private FakeGitHub fake;
  private TestGateway gw;
  private final String alice = TestGateway.cookieFor("gho_alice");

  @BeforeEach
  void start(Vertx vertx, VertxTestContext tc) {
    fake = new FakeGitHub(vertx);
    fake.token("gho_alice")
        .file("acme", "app", "main", "svc/pom.xml",
            "<project><properties><maven.compiler.release>17</maven.compiler.release></properties></project>")
        .file("acme", "app", "main", ".tool-versions", "java 21.0.5\nnodejs 20.11.1\npython 3.11.9\n")
        .file("openjdk", "jdk17u", "HEAD", "src/java.base/share/classes/java/util/HashMap.java", "// jdk17u HashMap")
        .file("openjdk", "jdk21u", "jdk-21.0.5-ga", "src/java.base/share/classes/java/util/HashMap.java", "// jdk21u HashMap")
        .file("nodejs", "node", "v20.11.1", "lib/internal/timers.js", "// node timers")
        .file("python", "cpython", "v3.11.9", "Lib/json/decoder.py", "# decoder");
    fake.start()
        .compose(f -> TestGateway.start(vertx, TestGateway.env(fake)))
        .onComplete(tc.succeeding(g -> {
          gw = g;
          tc.completeNow();
        }));
  }

  @AfterEach
  void stop(VertxTestContext tc) {
    gw.stop().compose(v -> fake.stop()).onComplete(tc.succeedingThenComplete());
  }

  private Future<HttpResponse<Buffer>> getFile(String localPath, String rootPath, String function) {
    return gw.call("GetFile", new JsonObject().put("repositoryURL", REPO).put("ref", "main")
        .put("localPath", localPath).put("rootPath", rootPath).put("functionName", function), alice);
  }

  private void expectFile(VertxTestContext tc, Future<HttpResponse<Buffer>> call, String text, String url) {
    call.onComplete(tc.succeeding(res -> tc.verify(() -> {
      assertEquals(200, res.statusCode(), res.bodyAsString());
      assertEquals(text, new String(Base64.getDecoder().decode(res.bodyAsJsonObject().getString("content")), StandardCharsets.UTF_8));
      assertEquals(url, res.bodyAsJsonObject().getString("URL"));
      tc.completeNow();
    })));
  }

  @Test
  void jdkClassAtTheReleaseTheRootPinsAndAtTheServicesOwnJdk(VertxTestContext tc) {
    getFile("HashMap.java", "", "java/util/HashMap.putVal")
        .compose(res -> {
          assertEquals("https://github.com/openjdk/jdk21u/blob/jdk-21.0.5-ga/src/java.base/share/classes/java/util/HashMap.java",
              res.bodyAsJsonObject().getString("URL"), res.bodyAsString());
          // under svc/, its pom.xml (JDK 17) comes before the root's .tool-versions
          return getFile("HashMap.java", "svc", "java.util.HashMap.get");
        })
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals("https://github.com/openjdk/jdk17u/blob/HEAD/src/java.base/share/classes/java/util/HashMap.java",
              res.bodyAsJsonObject().getString("URL"), res.bodyAsString());
          tc.completeNow();
        })));
  }

  @Test
  void nodeCoreModule(VertxTestContext tc) {
    expectFile(tc, getFile("node:internal/timers", "", "listOnTimeout"), "// node timers",
        "https://github.com/nodejs/node/blob/v20.11.1/lib/internal/timers.js");
  }

  @Test
  void cpythonModuleTheAppDoesNotHave(VertxTestContext tc) {
    getFile("json/decoder.py", "", "raw_decode").onComplete(tc.succeeding(res -> tc.verify(() -> {
      assertEquals(200, res.statusCode(), res.bodyAsString());
      assertEquals("https://github.com/python/cpython/blob/v3.11.9/Lib/json/decoder.py", res.bodyAsJsonObject().getString("URL"));
      assertTrue(fake.paths().contains("/api/repos/acme/app/contents/json/decoder.py?ref=main"), "the app is asked first");
      tc.completeNow();
    })));
  }

  @Test
  void aJdkClassTheRuntimeRepositoryLacksIsNotFound(VertxTestContext tc) {
    getFile("", "", "java/util/TreeMap.put").onComplete(tc.succeeding(res -> tc.verify(() -> {
      assertEquals(404, res.statusCode(), res.bodyAsString());
      assertEquals("not_found", res.bodyAsJsonObject().getString("code"));
      assertTrue(fake.paths().stream().noneMatch(p -> p.startsWith("/api/repos/acme/app/contents/java/")), fake.paths().toString());
      tc.completeNow();
    })));
  }
}
