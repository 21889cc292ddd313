package dev.sourcegate.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.demo.registries.WheelBuilder;
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
 * Python dependency frames end to end (docs/resolution.md §13): the real gateway against the fake GitHub
 * and its simulated PyPI. The repository locks flask in uv.lock and PyYAML in requirements.txt; a profile's
 * installed path and the SDK's relative path both answer the wheel's exact member.
 */
@ExtendWith(VertxExtension.class)
class PythonDependencyFramesIntegrationTest {
  private static final String REPO = "https://github.com/acme/pyshop";
  private static final String APP_PY = "class Flask(App):\n    \"\"\"flask 3.0.3\"\"\"\n";
  private static final String LOADER_PY = "class Loader:\n    pass\n";
  private FakeGitHub fake;
  private TestGateway gw;
  private Vertx vertx;
  private final String alice = TestGateway.cookieFor("gho_alice");

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    fake = new FakeGitHub(vertx);
    fake.token("gho_alice")
        .file("acme", "pyshop", "main", "uv.lock", "version = 1\n\n[[package]]\nname = \"flask\"\nversion = \"3.0.3\"\n")
        .file("acme", "pyshop", "main", "requirements.txt", "PyYAML==6.0.2 ; python_version >= \"3.8\"\n");
    fake.pypi()
        .wheel("flask", "3.0.3", new WheelBuilder().member("flask/app.py", APP_PY).build("flask", "3.0.3"))
        .wheel("pyyaml", "6.0.2", new WheelBuilder().member("yaml/loader.py", LOADER_PY).build("PyYAML", "6.0.2"));
  }

  private Future<TestGateway> start(Map<String, String> env) {
    return TestGateway.start(vertx, fake, env, Clock.systemUTC()).map(g -> gw = g);
  }

  @AfterEach
  void stop(VertxTestContext tc) {
    TestGateway.stop(gw, fake).onComplete(tc.succeedingThenComplete());
  }

  private Future<HttpResponse<Buffer>> getFile(String localPath) {
    return gw.call("GetFile", new JsonObject().put("repositoryURL", REPO).put("ref", "main")
        .put("localPath", localPath).put("rootPath", "").put("functionName", "f"), alice);
  }

  private static String content(HttpResponse<Buffer> res) {
    assertEquals(200, res.statusCode(), res.bodyAsString());
    return new String(Base64.getDecoder().decode(res.bodyAsJsonObject().getString("content")), StandardCharsets.UTF_8);
  }

  @Test
  void installedAndRelativeFramesAnswerTheLockedWheelsMember(VertxTestContext tc) {
    start(Map.of())
        .compose(g -> getFile("/usr/local/lib/python3.12/site-packages/flask/app.py"))
        .compose(res -> {
          assertEquals(APP_PY, content(res));
          String url = res.bodyAsJsonObject().getString("URL");
          assertTrue(url.startsWith("https://inspector.pypi.io/project/flask/3.0.3/packages/")
              && url.endsWith("/flask-3.0.3-py3-none-any.whl/flask/app.py"), url);
          return getFile("flask/app.py");
        })
        .compose(res -> {
          assertEquals(APP_PY, content(res));
          return getFile("yaml/loader.py");
        })
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(LOADER_PY, content(res));
          tc.completeNow();
        })));
  }

  @Test
  void anUnlockedDependencyIsNotFoundNamingTheLockFilesRead(VertxTestContext tc) {
    start(Map.of())
        .compose(g -> getFile("/usr/local/lib/python3.12/site-packages/django/core/handlers/base.py"))
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(404, res.statusCode(), res.bodyAsString());
          JsonObject body = res.bodyAsJsonObject();
          assertEquals("not_found", body.getString("code"));
          assertTrue(body.getString("message").contains("lock files read: uv.lock, requirements.txt"), body.encode());
          tc.completeNow();
        })));
  }

  @Test
  void aRegistryThatGoesDownKeepsServingWhatWasRead(VertxTestContext tc) {
    start(Map.of("SOURCEGATE_UPSTREAM_RETRIES", "0"))
        .compose(g -> getFile("/usr/local/lib/python3.12/site-packages/flask/app.py"))
        .compose(res -> {
          assertEquals(APP_PY, content(res));
          fake.pypi().down(true);
          return getFile("/opt/venv/lib/python3.12/site-packages/flask/app.py");
        })
        .compose(res -> {
          assertEquals(APP_PY, content(res), "the member is cached for good");
          return getFile("/usr/local/lib/python3.12/site-packages/yaml/loader.py");
        })
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(503, res.statusCode(), res.bodyAsString());
          assertEquals("unavailable", res.bodyAsJsonObject().getString("code"));
          assertTrue(!res.bodyAsString().contains("127.0.0.1"), "no upstream address: " + res.bodyAsString());
          tc.completeNow();
        })));
  }

  @Test
  void aMirrorWithCredentialsFromTheTokenSetting(VertxTestContext tc) {
    fake.pypi().requireAuthorization("Basic " + Base64.getEncoder().encodeToString("ci:pw".getBytes(StandardCharsets.UTF_8)));
    start(Map.of("SOURCEGATE_PYPI_TOKEN", "ci:pw"))
        .compose(g -> getFile("flask/app.py"))
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(APP_PY, content(res));
          tc.completeNow();
        })));
  }

  @Test
  void aHostileWheelIsACleanError(VertxTestContext tc) {
    fake.pypi().wheel("flask", "3.0.3", new WheelBuilder().member("flask/app.py", new byte[2 * 1024 * 1024]).build("flask", "3.0.3"));
    start(Map.of())
        .compose(g -> getFile("flask/app.py"))
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(429, res.statusCode(), res.bodyAsString());
          JsonObject body = res.bodyAsJsonObject();
          assertEquals("resource_exhausted", body.getString("code"));
          assertTrue(body.getString("message").contains("compression ratio"), body.encode());
          tc.completeNow();
        })));
  }
}
