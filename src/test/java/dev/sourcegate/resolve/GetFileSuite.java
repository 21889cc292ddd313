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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * GetFile end to end: the real gateway against the fake GitHub, checking the bytes and URL that come
 * back and which upstream paths were asked. {@link GetFileIntegrationTest} runs it twice, with
 * SOURCEGATE_WARM_ANSWERS on and off; every file is asked twice, and the second answer (from the warm
 * front when on, from the resolver when off) must be the first one, byte for byte.
 */
@ExtendWith(VertxExtension.class)
abstract class GetFileSuite {
  private static final String REPO = "https://github.com/acme/app";
  private static final String PYROSCOPE_YAML = """
      version: v1
      source_code:
        mappings:
          - function_name:
              - prefix: org/example
            language: java
            source:
              local:
                path: src/main/java
          - function_name:
              - prefix: java/
            language: java
            source:
              github:
                owner: openjdk
                repo: jdk
                ref: jdk-17+0
                path: src/java.base/share/classes
      """;
  private static final String GO_MOD = """
      module github.com/acme/app

      go 1.22

      require (
      \tgithub.com/pkg/errors v0.9.1
      \tgo.uber.org/zap v1.27.0
      \tgolang.org/x/net v0.20.0 // indirect
      )
      """;

  /** SOURCEGATE_WARM_ANSWERS of the gateway under test. */
  abstract boolean warmAnswers();

  /** SOURCEGATE_GITHUB_GRAPHQL of the gateway under test: GetFile's reads in one query, else all over REST. */
  boolean graphQl() {
    return false;
  }

  /** Whether GitHub's GraphQL endpoint is there (false: 404, and every read goes over REST). */
  boolean graphQlAvailable() {
    return true;
  }

  private FakeGitHub fake;
  private TestGateway gw;
  private final String alice = TestGateway.cookieFor("gho_alice");
  private final String bob = TestGateway.cookieFor("gho_bob");

  @BeforeEach
  void start(Vertx vertx, VertxTestContext tc) {
    fake = new FakeGitHub(vertx);
    fake.token("gho_alice").token("gho_bob")
        .file("acme", "app", "main", ".pyroscope.yaml", PYROSCOPE_YAML)
        .file("acme", "app", "main", "go.mod", GO_MOD)
        .file("acme", "app", "main", "src/main/java/org/example/App.java", "class App {}")
        .file("acme", "app", "main", "cmd/server/main.go", "package main")
        .file("acme", "app", "main", "web/src/app.ts", "export const x = 1;")
        .file("acme", "app", "main", "docs/a b?#.txt", "odd name")
        .file("openjdk", "jdk", "jdk-17+0", "src/java.base/share/classes/java/lang/String.java", "final class String {}")
        .file("golang", "go", "master", "src/net/http/server.go", "package http")
        .file("golang", "go", "go1.24.10", "src/fmt/print.go", "package fmt")
        .file("pkg", "errors", "v0.9.1", "errors.go", "package errors")
        .file("uber-go", "zap", "v1.27.0", "logger.go", "package zap")
        .file("python", "cpython", "3.12", "Lib/difflib.py", "# difflib")
        .goGetPage("go.uber.org/zap", "<html><head><meta name=\"go-import\" content=\"go.uber.org/zap git https://github.com/uber-go/zap\"></head></html>")
        .goGetPage("golang.org/x/net", "<html><head><meta name=\"go-import\" content=\"golang.org/x/net git https://go.googlesource.com/net\"></head></html>")
        .googleSourceFile("net", "v0.20.0", "http2/frame.go", "package http2")
        .privateRepo("acme", "secret", "gho_alice")
        .file("acme", "secret", "main", "main.py", "print('secret')")
        .graphQlAvailable(graphQlAvailable());
    fake.start()
        .compose(f -> {
          Map<String, String> env = new HashMap<>(TestGateway.env(fake));
          env.put("SOURCEGATE_WARM_ANSWERS", String.valueOf(warmAnswers()));
          return TestGateway.start(vertx, graphQl() ? TestGateway.withGraphQl(env) : env);
        })
        .onComplete(tc.succeeding(g -> {
          gw = g;
          tc.completeNow();
        }));
  }

  @AfterEach
  void stop(VertxTestContext tc) {
    gw.stop().compose(v -> fake.stop()).onComplete(tc.succeedingThenComplete());
  }

  private Future<HttpResponse<Buffer>> getFile(String cookie, String repo, String ref, String localPath, String rootPath, String function) {
    return gw.call("GetFile", new JsonObject().put("repositoryURL", repo).put("ref", ref)
        .put("localPath", localPath).put("rootPath", rootPath).put("functionName", function), cookie);
  }

  /**
   * Whether the gateway asked GitHub for the file: over REST its contents path (percent-encoded), over
   * GraphQL an object expression REF:PATH in a query (a string literal inside the JSON body).
   */
  private boolean askedGitHub(String owner, String repo, String ref, String path, String encodedPath) {
    if (graphQl() && graphQlAvailable()) {
      String literal = new JsonObject().put("q", "\"" + ref + ":" + path + "\"").encode();
      String inBody = literal.substring("{\"q\":\"".length(), literal.length() - 2);
      return fake.requests().stream().anyMatch(r -> r.path().equals("/api/graphql") && r.body() != null
          && r.body().contains(inBody) && r.body().contains(owner) && r.body().contains(repo));
    }
    return fake.paths().contains("/api/repos/" + owner + "/" + repo + "/contents/" + encodedPath + "?ref=" + ref);
  }

  private static String content(HttpResponse<Buffer> res) {
    return new String(Base64.getDecoder().decode(res.bodyAsJsonObject().getString("content")), StandardCharsets.UTF_8);
  }

  /** The file of the call, then the same answer again for the same call (served warm when that is on). */
  private void expectFile(VertxTestContext tc, Supplier<Future<HttpResponse<Buffer>>> call, String text, String url, Runnable more) {
    call.get().compose(first -> call.get().map(again -> List.of(first, again)))
        .onComplete(tc.succeeding(both -> tc.verify(() -> {
          HttpResponse<Buffer> res = both.get(0);
          assertEquals(200, res.statusCode(), res.bodyAsString());
          assertEquals(text, content(res));
          assertEquals(url, res.bodyAsJsonObject().getString("URL"));
          assertEquals(200, both.get(1).statusCode(), both.get(1).bodyAsString());
          assertEquals(res.body(), both.get(1).body(), "asked again, the same answer");
          more.run();
          tc.completeNow();
        })));
  }

  @Test
  void goStandardLibraryWithoutVersionReadsMaster(VertxTestContext tc) {
    expectFile(tc, () -> getFile(alice, REPO, "main", "/usr/local/go/src/net/http/server.go", "", "net/http.(*conn).serve"),
        "package http", "https://github.com/golang/go/blob/master/src/net/http/server.go",
        () -> assertTrue(askedGitHub("golang", "go", "master", "src/net/http/server.go", "src/net/http/server.go"), fake.paths().toString()));
  }

  @Test
  void goStandardLibraryWithVersionReadsTheTag(VertxTestContext tc) {
    expectFile(tc, () -> getFile(alice, REPO, "main", "/usr/local/go/go1.24.10/src/fmt/print.go", "", "fmt.Println"),
        "package fmt", "https://github.com/golang/go/blob/go1.24.10/src/fmt/print.go", () -> {});
  }

  @Test
  void goModuleFromGoModRequire(VertxTestContext tc) {
    expectFile(tc, () -> getFile(alice, REPO, "main", "/root/go/pkg/mod/github.com/pkg/errors@v0.9.1/errors.go", "", "github.com/pkg/errors.New"),
        "package errors", "https://github.com/pkg/errors/blob/v0.9.1/errors.go",
        () -> assertTrue(askedGitHub("pkg", "errors", "v0.9.1", "errors.go", "errors.go"), fake.paths().toString()));
  }

  @Test
  void goVanityModuleOnGitHub(VertxTestContext tc) {
    expectFile(tc, () -> getFile(alice, REPO, "main", "/root/go/pkg/mod/go.uber.org/zap@v1.27.0/logger.go", "", "go.uber.org/zap.(*Logger).Info"),
        "package zap", "https://github.com/uber-go/zap/blob/v1.27.0/logger.go",
        () -> assertTrue(fake.paths().contains("/goget/go.uber.org/zap?go-get=1"), fake.paths().toString()));
  }

  @Test
  void goVanityModuleOnGoogleSource(VertxTestContext tc) {
    getFile(alice, REPO, "main", "/root/go/pkg/mod/golang.org/x/net@v0.20.0/http2/frame.go", "", "golang.org/x/net/http2.(*Framer).ReadFrame")
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(200, res.statusCode(), res.bodyAsString());
          assertEquals("package http2", content(res));
          assertTrue(fake.paths().contains("/googlesource/net/+/v0.20.0/http2/frame.go?format=TEXT"), fake.paths().toString());
          tc.completeNow();
        })));
  }

  @Test
  void javaThroughLocalMapping(VertxTestContext tc) {
    expectFile(tc, () -> getFile(alice, REPO, "main", "App.java", "", "org/example/App$Inner.run"),
        "class App {}", "https://github.com/acme/app/blob/main/src/main/java/org/example/App.java", () -> {});
  }

  @Test
  void javaThroughGitHubMapping(VertxTestContext tc) {
    expectFile(tc, () -> getFile(alice, REPO, "main", "String.java", "", "java/lang/String.indexOf"),
        "final class String {}", "https://github.com/openjdk/jdk/blob/jdk-17+0/src/java.base/share/classes/java/lang/String.java", () -> {});
  }

  @Test
  void javaWithoutMappingIsNotFound(VertxTestContext tc) {
    getFile(alice, REPO, "main", "Other.java", "", "com/other/Thing.run").onComplete(tc.succeeding(res -> tc.verify(() -> {
      assertEquals(404, res.statusCode(), res.bodyAsString());
      tc.completeNow();
    })));
  }

  @Test
  void pythonStandardLibrary(VertxTestContext tc) {
    expectFile(tc, () -> getFile(alice, REPO, "main", "/usr/lib/python3.12/difflib.py", "", "difflib.SequenceMatcher"),
        "# difflib", "https://github.com/python/cpython/blob/3.12/Lib/difflib.py", () -> {});
  }

  @Test
  void typescriptRelativeToRootPath(VertxTestContext tc) {
    expectFile(tc, () -> getFile(alice, REPO, "main", "src/app.ts", "web", "x"),
        "export const x = 1;", "https://github.com/acme/app/blob/main/web/src/app.ts",
        () -> assertTrue(askedGitHub("acme", "app", "main", "web/.pyroscope.yaml", "web/.pyroscope.yaml"), fake.paths().toString()));
  }

  @Test
  void goLastResortDropsLeadingDirectories(VertxTestContext tc) {
    expectFile(tc, () -> getFile(alice, REPO, "main", "/home/ci/build/github.com/acme/app/cmd/server/main.go", "", "main.main"),
        "package main", "https://github.com/acme/app/blob/main/cmd/server/main.go", () -> {});
  }

  @Test
  void pathSegmentsArePercentEncoded(VertxTestContext tc) {
    expectFile(tc, () -> getFile(alice, REPO, "main", "docs/a b?#.txt", "", ""),
        "odd name", "https://github.com/acme/app/blob/main/docs/a b?#.txt",
        () -> assertTrue(askedGitHub("acme", "app", "main", "docs/a b?#.txt", "docs/a%20b%3F%23.txt"), fake.paths().toString()));
  }

  @Test
  void climbingOutIsRefusedBeforeAnyUpstreamCall(VertxTestContext tc) {
    getFile(alice, REPO, "main", "../../etc/passwd", "", "")
        .compose(res -> {
          tc.verify(() -> assertEquals(400, res.statusCode(), res.bodyAsString()));
          return getFile(alice, REPO, "main", "main.go", "a/%2e%2e/%2e%2e", "");
        })
        .compose(res -> {
          tc.verify(() -> assertEquals(400, res.statusCode(), res.bodyAsString()));
          return getFile(alice, REPO, "main", "x\u0000.go", "", "");
        })
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(400, res.statusCode(), res.bodyAsString());
          assertEquals("invalid_argument", res.bodyAsJsonObject().getString("code"));
          assertEquals(List.of(), fake.paths());
          tc.completeNow();
        })));
  }

  @Test
  void privateRepositoryIsNotServedToAnotherUser(VertxTestContext tc) {
    getFile(alice, "https://github.com/acme/secret", "main", "main.py", "", "")
        .compose(res -> {
          tc.verify(() -> {
            assertEquals(200, res.statusCode(), res.bodyAsString());
            assertEquals("print('secret')", content(res));
          });
          return getFile(bob, "https://github.com/acme/secret", "main", "main.py", "", "");
        })
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(404, res.statusCode(), res.bodyAsString());
          assertEquals("not_found", res.bodyAsJsonObject().getString("code"));
          tc.completeNow();
        })));
  }

  @Test
  void missingFileIsNotFoundAndUnauthenticatedWithoutCookie(VertxTestContext tc) {
    getFile(alice, REPO, "main", "nothing/here.txt", "", "")
        .compose(res -> {
          tc.verify(() -> assertEquals(404, res.statusCode(), res.bodyAsString()));
          return getFile(null, REPO, "main", "cmd/server/main.go", "", "");
        })
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(401, res.statusCode(), res.bodyAsString());
          tc.completeNow();
        })));
  }
}
