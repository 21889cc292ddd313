package dev.sourcegate.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sourcegate.testkit.FakeGitHub;
import dev.sourcegate.testkit.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 13's two spellings of one Go file, counted by the simulated GitHub: a {@code -trimpath} frame
 * (resolved by module path) at a new commit, then the same file through an absolute build path, which
 * goes through the last-resort walk. Over GraphQL the first costs one query and the second nothing: the
 * real file is cached and the root listing the first query brought rules out every other step of the
 * walk. Over REST the second walks as before; both protocols give the same answer.
 */
class RootListingCallsTest {
  private static final String REPO = "https://github.com/acme/platform";
  private static final String SHA = "3333333333333333333333333333333333333333";
  private static final String TEXT = "package x\n\nfunc F() {}\n";
  private static final String URL = "https://github.com/acme/platform/blob/" + SHA + "/pkg/x/y.go";

  record Calls(long graphQl, long rest) {}

  @ExtendWith(VertxExtension.class)
  abstract static class TwoSpellings {
    /**
     * The simulated GitHub's schema is built once per JVM, cold in seconds on a busy machine: built before
     * the first query, so that the query is not timed out by the gateway and read over REST instead.
     */
    @org.junit.jupiter.api.BeforeAll
    static void buildSchema() {
      dev.sourcegate.demo.github.GitHubSchema.executable();
    }

    FakeGitHub fake;
    TestGateway gw;
    final String alice = TestGateway.cookieFor("gho_alice");

    abstract boolean graphQlOn();

    @BeforeEach
    void start(Vertx vertx, VertxTestContext tc) {
      fake = new FakeGitHub(vertx).token("gho_alice")
          .ref("acme", "platform", "main", false, FakeGitHub.commitJson("acme", "platform", SHA, "m", "2024-01-01T00:00:00Z", null))
          .file("acme", "platform", SHA, "go.mod", "module github.com/acme/platform\n\ngo 1.22\n")
          .file("acme", "platform", SHA, "pkg/x/y.go", TEXT)
          .file("acme", "platform", SHA, "cmd/app/main.go", "package main\n");
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

    /** One GetFile at the commit: its answer checked, the calls it made once every read it started has landed. */
    Future<Calls> getFile(String localPath) {
      fake.clearRequests();
      return gw.call("GetFile", new JsonObject().put("repositoryURL", REPO).put("ref", SHA).put("localPath", localPath)
          .put("rootPath", "").put("functionName", "github.com/acme/platform/pkg/x.F"), alice)
          .compose(res -> fake.settled().map(v -> {
            assertEquals(200, res.statusCode(), res.bodyAsString());
            JsonObject body = res.bodyAsJsonObject();
            assertEquals(TEXT, new String(Base64.getDecoder().decode(body.getString("content")), StandardCharsets.UTF_8));
            assertEquals(URL, body.getString("URL"));
            return new Calls(fake.graphQlCalls(), fake.restCalls());
          }));
    }

    abstract Calls absoluteAfterTrimpath();

    @Test
    void theSameFileThroughAnAbsoluteBuildPathAfterItsTrimpathSpelling(VertxTestContext tc) {
      getFile("github.com/acme/platform/pkg/x/y.go").compose(first -> {
        tc.verify(() -> assertEquals(graphQlOn() ? new Calls(1, 0) : first, first, () -> fake.paths().toString()));
        return getFile("/home/runner/work/platform/platform/pkg/x/y.go");
      }).onComplete(tc.succeeding(second -> tc.verify(() -> {
        assertEquals(absoluteAfterTrimpath(), second, () -> fake.paths().toString());
        tc.completeNow();
      })));
    }
  }

  @Nested
  class OverGraphQl extends TwoSpellings {
    @Override
    boolean graphQlOn() {
      return true;
    }

    @Override
    Calls absoluteAfterTrimpath() {
      return new Calls(0, 0);
    }
  }

  /** The same answers over REST; the walk's other candidates are each asked. */
  @Nested
  class OverRest extends TwoSpellings {
    @Override
    boolean graphQlOn() {
      return false;
    }

    @Override
    Calls absoluteAfterTrimpath() {
      return new Calls(0, 5);
    }
  }
}
