package dev.sourcegate.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sourcegate.testkit.FakeGitHub;
import dev.sourcegate.testkit.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real gateway, vanity pages served by the fake through SOURCEGATE_GO_GET_URL: requests whose
 * answer no vanity page can change never reach the fake's /goget/ (counted once every read the request
 * started, speculative ones included, has landed).
 */
@ExtendWith(VertxExtension.class)
class NeedlessLookupIntegrationTest {
  private static final String REPO = "https://github.com/acme/app";
  private static final String PAGE =
      "<html><head><meta name=\"go-import\" content=\"%s git https://github.com/ex/mod\"></head></html>";

  private FakeGitHub fake;
  private TestGateway gw;
  private final String cookie = TestGateway.cookieFor("gho_alice");

  @BeforeEach
  void start(Vertx vertx, VertxTestContext tc) {
    fake = new FakeGitHub(vertx);
    fake.token("gho_alice")
        .file("acme", "app", "main", "go.mod", "module github.com/acme/app\n\nreplace example.com/lib => ./third_party/lib\n")
        .file("acme", "app", "main", "third_party/lib/x.go", "package lib")
        .file("golang", "go", "go1.22.3", "src/net/http/server.go", "package http")
        .file("golang", "go", "master", "src/fmt/scan.go", "package fmt")
        .file("ex", "mod", "v1.0.0", "x.go", "package mod");
    for (String module : new String[] {"golang.org/toolchain", "example.com/lib", "127.0.0.1/mod", "127.1/mod",
        "0x7f.0.0.1/mod", "2130706433/mod", "[::1]/mod", "[::ffff:127.0.0.1]/mod", "localhost/mod", "localhost./mod",
        "LOCALHOST/mod", "example.com:8443/mod", "0.0.0.0/mod"}) {
      fake.goGetPage(module, PAGE.formatted(module));
    }
    TestGateway.start(vertx, fake, Map.of(), java.time.Clock.systemUTC())
        .onComplete(tc.succeeding(g -> {
          gw = g;
          tc.completeNow();
        }));
  }

  @AfterEach
  void stop(VertxTestContext tc) {
    gw.stop().compose(v -> fake.stop()).onComplete(tc.succeedingThenComplete());
  }

  private Future<HttpResponse<Buffer>> getFile(String localPath) {
    return gw.call("GetFile", new JsonObject().put("repositoryURL", REPO).put("ref", "main")
        .put("localPath", localPath).put("rootPath", "").put("functionName", ""), cookie);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      /root/go/pkg/mod/golang.org/toolchain@v0.0.1-go1.22.3.linux-amd64/src/net/http/server.go | 200
      fmt/scan.go                                                                              | 200
      /go/pkg/mod/example.com/lib@v1.0.0/x.go                                                  | 200
      /root/go/pkg/mod/127.0.0.1/mod@v1.0.0/x.go                                               | 404
      /root/go/pkg/mod/127.1/mod@v1.0.0/x.go                                                   | 404
      /root/go/pkg/mod/0x7f.0.0.1/mod@v1.0.0/x.go                                              | 404
      /root/go/pkg/mod/2130706433/mod@v1.0.0/x.go                                              | 404
      /root/go/pkg/mod/[::1]/mod@v1.0.0/x.go                                                   | 404
      /root/go/pkg/mod/[::ffff:127.0.0.1]/mod@v1.0.0/x.go                                      | 404
      /root/go/pkg/mod/localhost/mod@v1.0.0/x.go                                               | 404
      /root/go/pkg/mod/localhost./mod@v1.0.0/x.go                                              | 404
      /root/go/pkg/mod/!l!o!c!a!l!h!o!s!t/mod@v1.0.0/x.go                                      | 404
      /root/go/pkg/mod/example.com:8443/mod@v1.0.0/x.go                                        | 404
      /root/go/pkg/mod/0.0.0.0/mod@v1.0.0/x.go                                                 | 404
      """)
  void noVanityLookUpReachesTheFake(String localPath, int status, VertxTestContext tc) {
    getFile(localPath)
        .compose(res -> fake.settled().map(v -> res))
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(status, res.statusCode(), res.bodyAsString());
          assertEquals(0, fake.count("/goget/"), fake.paths().toString());
          tc.completeNow();
        })));
  }
}
