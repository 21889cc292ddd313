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
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Upstream calls of a cold GetFile, per protocol, counted by the simulated GitHub: over GraphQL the
 * rules' candidates are read in one query; over REST (GraphQL off, or not there) each step of the rules
 * is a call, as before. The answers are the same either way.
 */
class GetFileCallsPerProtocolTest {
  private static final String REPO = "https://github.com/acme/app";
  private static final String CONFIG = """
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
  private static final String GO_MOD = "module github.com/acme/app\n\ngo 1.22\n\nrequire github.com/pkg/errors v0.9.1\n";

  /** Calls expected for one case: GraphQL queries and REST calls. */
  record Calls(long graphQl, long rest) {}

  @ExtendWith(VertxExtension.class)
  abstract static class Counting {
    FakeGitHub fake;
    TestGateway gw;
    final String alice = TestGateway.cookieFor("gho_alice");

    /** SOURCEGATE_GITHUB_GRAPHQL, and whether the endpoint is there. */
    abstract boolean graphQlOn();

    boolean graphQlAvailable() {
      return true;
    }

    abstract Calls goModuleDependency();

    abstract Calls goLastResortWalk();

    abstract Calls javaMappedFirstContact();

    abstract Calls javaMappedSeenBefore();

    abstract Calls pythonStandardLibrary();

    abstract Calls goStandardLibrary();

    @BeforeEach
    void start(Vertx vertx, VertxTestContext tc) {
      fake = new FakeGitHub(vertx).token("gho_alice");
      for (String ref : List.of("main", "next")) {
        fake.file("acme", "app", ref, ".pyroscope.yaml", CONFIG)
            .file("acme", "app", ref, "go.mod", GO_MOD)
            .file("acme", "app", ref, "src/main/java/org/example/App.java", "class App {} // " + ref)
            .file("acme", "app", ref, "cmd/server/main.go", "package main // " + ref);
      }
      fake.file("openjdk", "jdk", "jdk-17+0", "src/java.base/share/classes/java/lang/String.java", "final class String {}")
          .file("golang", "go", "master", "src/net/http/server.go", "package http")
          .file("pkg", "errors", "v0.9.1", "errors.go", "package errors")
          .file("python", "cpython", "3.12", "Lib/difflib.py", "# difflib")
          .graphQlAvailable(graphQlAvailable());
      fake.start().compose(f -> {
        Map<String, String> env = new HashMap<>(TestGateway.env(fake));
        return TestGateway.start(vertx, graphQlOn() ? TestGateway.withGraphQl(env) : env);
      }).onComplete(tc.succeeding(g -> {
        gw = g;
        tc.completeNow();
      }));
    }

    @AfterEach
    void stop(VertxTestContext tc) {
      TestGateway.stop(gw, fake).onComplete(tc.succeedingThenComplete());
    }

    private Future<HttpResponse<Buffer>> getFile(String ref, String localPath, String function) {
      return gw.call("GetFile", new JsonObject().put("repositoryURL", REPO).put("ref", ref)
          .put("localPath", localPath).put("rootPath", "").put("functionName", function), alice);
    }

    /** One cold GetFile: its answer, and the calls it made once every read it started has landed. */
    private Future<Calls> cold(String ref, String localPath, String function, String text, String url) {
      fake.clearRequests();
      return getFile(ref, localPath, function).compose(res -> fake.settled().map(v -> {
        assertEquals(200, res.statusCode(), res.bodyAsString());
        assertEquals(text, new String(Base64.getDecoder().decode(res.bodyAsJsonObject().getString("content")), StandardCharsets.UTF_8));
        assertEquals(url, res.bodyAsJsonObject().getString("URL"));
        return new Calls(fake.graphQlCalls(), fake.restCalls());
      }));
    }

    private void expect(VertxTestContext tc, Calls expected, Future<Calls> measured) {
      measured.onComplete(tc.succeeding(calls -> tc.verify(() -> {
        assertEquals(expected, calls, () -> fake.paths().toString());
        tc.completeNow();
      })));
    }

    @Test
    void goModuleDependency(VertxTestContext tc) {
      expect(tc, goModuleDependency(), cold("main", "/root/go/pkg/mod/github.com/pkg/errors@v0.9.1/errors.go",
          "github.com/pkg/errors.New", "package errors", "https://github.com/pkg/errors/blob/v0.9.1/errors.go"));
    }

    @Test
    void goOwnCodeThroughTheLastResortWalk(VertxTestContext tc) {
      expect(tc, goLastResortWalk(), cold("main", "/home/ci/build/github.com/acme/app/cmd/server/main.go", "main.main",
          "package main // main", "https://github.com/acme/app/blob/main/cmd/server/main.go"));
    }

    @Test
    void javaMappedFileOnFirstContact(VertxTestContext tc) {
      expect(tc, javaMappedFirstContact(), cold("main", "App.java", "org/example/App$Inner.run",
          "class App {} // main", "https://github.com/acme/app/blob/main/src/main/java/org/example/App.java"));
    }

    /** The repository's .pyroscope.yaml was read at another commit before: its mapped candidates are in the first query. */
    @Test
    void javaMappedFileInARepositorySeenBefore(VertxTestContext tc) {
      expect(tc, javaMappedSeenBefore(), cold("main", "App.java", "org/example/App$Inner.run",
          "class App {} // main", "https://github.com/acme/app/blob/main/src/main/java/org/example/App.java")
          .compose(first -> cold("next", "App.java", "org/example/App$Inner.run",
              "class App {} // next", "https://github.com/acme/app/blob/next/src/main/java/org/example/App.java")));
    }

    @Test
    void pythonStandardLibrary(VertxTestContext tc) {
      expect(tc, pythonStandardLibrary(), cold("main", "/usr/lib/python3.12/difflib.py", "difflib.SequenceMatcher",
          "# difflib", "https://github.com/python/cpython/blob/3.12/Lib/difflib.py"));
    }

    @Test
    void goStandardLibrary(VertxTestContext tc) {
      expect(tc, goStandardLibrary(), cold("main", "/usr/local/go/src/net/http/server.go", "net/http.(*conn).serve",
          "package http", "https://github.com/golang/go/blob/master/src/net/http/server.go"));
    }
  }

  /** One query per cold GetFile; a mapping met for the first time costs one more read. */
  @Nested
  class OverGraphQl extends Counting {
    @Override
    boolean graphQlOn() {
      return true;
    }

    @Override
    Calls goModuleDependency() {
      return new Calls(1, 0);
    }

    @Override
    Calls goLastResortWalk() {
      return new Calls(1, 0);
    }

    @Override
    Calls javaMappedFirstContact() {
      return new Calls(1, 1);
    }

    @Override
    Calls javaMappedSeenBefore() {
      return new Calls(1, 0);
    }

    @Override
    Calls pythonStandardLibrary() {
      return new Calls(1, 0);
    }

    @Override
    Calls goStandardLibrary() {
      return new Calls(1, 0);
    }
  }

  /** GraphQL off: every step of the rules is a REST call, as before. */
  @Nested
  class OverRest extends Counting {
    @Override
    boolean graphQlOn() {
      return false;
    }

    @Override
    Calls goModuleDependency() {
      return new Calls(0, 5);
    }

    @Override
    Calls goLastResortWalk() {
      return new Calls(0, 5);
    }

    @Override
    Calls javaMappedFirstContact() {
      return new Calls(0, 3);
    }

    @Override
    Calls javaMappedSeenBefore() {
      return new Calls(0, 3);
    }

    @Override
    Calls pythonStandardLibrary() {
      return new Calls(0, 4);
    }

    @Override
    Calls goStandardLibrary() {
      return new Calls(0, 4);
    }
  }
}
