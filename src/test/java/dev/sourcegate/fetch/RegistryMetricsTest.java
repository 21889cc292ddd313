package dev.sourcegate.fetch;

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
import java.time.Clock;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * sourcegate_registry_requests_total through /metrics: counted in the generic fetch layer, per provider,
 * with no code in the providers. Python frames against the fake PyPI: one read from the registry, one
 * from the cache, one missing member, one refused wheel.
 */
@ExtendWith(VertxExtension.class)
class RegistryMetricsTest {
  private static final String REPO = "https://github.com/acme/pyshop";

  @Test
  void hitsAndUpstreamCallsPerRegistry(Vertx vertx, VertxTestContext tc) {
    FakeGitHub fake = new FakeGitHub(vertx);
    fake.token("gho_alice").file("acme", "pyshop", "main", "uv.lock",
        "version = 1\n\n[[package]]\nname = \"flask\"\nversion = \"3.0.3\"\n\n[[package]]\nname = \"bomb\"\nversion = \"1.0\"\n");
    fake.pypi()
        .wheel("flask", "3.0.3", new WheelBuilder().member("flask/app.py", "app = 1\n").build("flask", "3.0.3"))
        .wheel("bomb", "1.0", new WheelBuilder().member("bomb/__init__.py", new byte[900 * 1024]).build("bomb", "1.0"));
    String cookie = TestGateway.cookieFor("gho_alice");
    TestGateway.start(vertx, fake, Map.of(), Clock.systemUTC()).compose(gw -> {
      Future<HttpResponse<Buffer>> calls = getFile(gw, cookie, "/usr/local/lib/python3.12/site-packages/flask/app.py")
          .compose(r -> expect(r, 200, getFile(gw, cookie, "flask/app.py")))
          .compose(r -> expect(r, 200, getFile(gw, cookie, "/usr/local/lib/python3.12/site-packages/flask/nope.py")))
          .compose(r -> expect(r, 404, getFile(gw, cookie, "/usr/local/lib/python3.12/site-packages/bomb/__init__.py")))
          .compose(r -> expect(r, 429, gw.client().get("/metrics").send()));
      return calls.transform(ar -> TestGateway.stop(gw, fake)
          .transform(v -> ar.succeeded() ? Future.succeededFuture(ar.result()) : Future.<HttpResponse<Buffer>>failedFuture(ar.cause())));
    }).onComplete(tc.succeeding(res -> tc.verify(() -> {
      String text = res.bodyAsString();
      assertEquals(1.0, value(text, "pypi", "call"), text);
      assertEquals(1.0, value(text, "pypi", "hit"), "the relative frame names the member already read");
      assertEquals(1.0, value(text, "pypi", "miss"));
      assertEquals(1.0, value(text, "pypi", "refused"));
      assertEquals(0.0, value(text, "pypi", "error"));
      // the same counter serves every provider: the lock file came from GitHub
      assertTrue(value(text, "github.com", "call") >= 1.0, text);
      tc.completeNow();
    })));
  }

  private static Future<HttpResponse<Buffer>> getFile(TestGateway gw, String cookie, String localPath) {
    return gw.call("GetFile", new JsonObject().put("repositoryURL", REPO).put("ref", "main")
        .put("localPath", localPath).put("rootPath", "").put("functionName", "f"), cookie);
  }

  private static <T> Future<T> expect(HttpResponse<Buffer> res, int status, Future<T> next) {
    if (res.statusCode() != status) {
      return Future.failedFuture(new AssertionError("expected " + status + ": " + res.bodyAsString()));
    }
    return next;
  }

  /** The series' value, 0 when it is not exposed. */
  private static double value(String text, String registry, String outcome) {
    Matcher m = Pattern.compile("(?m)^sourcegate_registry_requests_total\\{outcome=\"" + outcome + "\",registry=\""
        + Pattern.quote(registry) + "\"} (\\S+)$").matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : 0.0;
  }
}
