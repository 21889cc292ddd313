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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A CPython frame whose version the repository tells (.python-version), over GraphQL, counted by the
 * simulated GitHub: on first contact the dry run lists CPython's file at the default version and the
 * real run reads the told version's file on its own, over REST; at a later commit of the
 * same repository, for the same caller, the dry run assumes the version last learnt, so one query holds
 * everything. The real run still reads the version files: a commit that moves the version is answered
 * at its own version, and another caller is not given what was learnt on someone else's behalf.
 * Each case asks a standard-library file not read before, so the fetcher's cache cannot hide a read.
 */
@ExtendWith(VertxExtension.class)
class RuntimeLastKnownCallsTest {
  private static final String REPO = "https://github.com/acme/app";

  private FakeGitHub fake;
  private TestGateway gw;
  private final String alice = TestGateway.cookieFor("gho_alice");
  private final String bob = TestGateway.cookieFor("gho_bob");

  record Calls(long graphQl, long rest) {}

  @BeforeEach
  void start(Vertx vertx, VertxTestContext tc) {
    fake = new FakeGitHub(vertx).token("gho_alice").token("gho_bob")
        .file("acme", "app", "c1", ".python-version", "3.12.4\n")
        .file("acme", "app", "c2", ".python-version", "3.12.4\n")
        .file("acme", "app", "c3", ".python-version", "3.13.1\n");
    for (String tag : new String[] {"3.12", "v3.12.4", "v3.13.1"}) {
      fake.file("python", "cpython", tag, "Lib/difflib.py", "# difflib " + tag)
          .file("python", "cpython", tag, "Lib/json/decoder.py", "# json.decoder " + tag);
    }
    fake.start().compose(f -> TestGateway.start(vertx, TestGateway.withGraphQl(TestGateway.env(fake))))
        .onComplete(tc.succeeding(g -> {
          gw = g;
          tc.completeNow();
        }));
  }

  @AfterEach
  void stop(VertxTestContext tc) {
    TestGateway.stop(gw, fake).onComplete(tc.succeedingThenComplete());
  }

  /** One cold GetFile of a standard-library module: checks its answer, counts the calls it made. */
  private Future<Calls> stdlib(String cookie, String ref, String localPath, String tag) {
    fake.clearRequests();
    String function = localPath.replace(".py", "").replace('/', '.') + ".f";
    return gw.call("GetFile", new JsonObject().put("repositoryURL", REPO).put("ref", ref).put("localPath", localPath)
        .put("rootPath", "").put("functionName", function), cookie).compose(res -> fake.settled().map(v -> {
          assertEquals(200, res.statusCode(), res.bodyAsString());
          JsonObject body = res.bodyAsJsonObject();
          assertEquals("# " + localPath.replace(".py", "").replace('/', '.') + " " + tag,
              new String(Base64.getDecoder().decode(body.getString("content")), StandardCharsets.UTF_8));
          assertEquals("https://github.com/python/cpython/blob/" + tag + "/Lib/" + localPath, body.getString("URL"));
          return new Calls(fake.graphQlCalls(), fake.restCalls());
        }));
  }

  @Test
  void aSecondCommitOfARepositorySeenBeforeCostsOneQueryAndNoRestCall(VertxTestContext tc) {
    stdlib(alice, "c1", "difflib.py", "v3.12.4").compose(first -> {
      // over REST a tag never read before costs its commit, then the file
      tc.verify(() -> assertEquals(new Calls(1, 2), first, () -> "first contact: " + fake.paths()));
      return stdlib(alice, "c2", "json/decoder.py", "v3.12.4");
    }).onComplete(tc.succeeding(second -> tc.verify(() -> {
      assertEquals(new Calls(1, 0), second, () -> fake.paths().toString());
      tc.completeNow();
    })));
  }

  @Test
  void aCommitThatMovesTheVersionIsAnsweredAtItsOwnVersion(VertxTestContext tc) {
    stdlib(alice, "c1", "difflib.py", "v3.12.4")
        .compose(first -> stdlib(alice, "c3", "json/decoder.py", "v3.13.1"))
        .onComplete(tc.succeeding(moved -> tc.verify(() -> {
          // the guess (v3.12.4) missed: the real run read v3.13.1's file over REST (its commit, then the file)
          assertEquals(new Calls(1, 2), moved, () -> fake.paths().toString());
          tc.completeNow();
        })));
  }

  @Test
  void anotherCallerIsNotGivenTheVersionLearntForAlice(VertxTestContext tc) {
    stdlib(alice, "c1", "difflib.py", "v3.12.4")
        .compose(first -> stdlib(bob, "c2", "json/decoder.py", "v3.12.4"))
        .onComplete(tc.succeeding(bobs -> tc.verify(() -> {
          // bob's first contact: the dry run lists the default's file, the real run reads v3.12.4's over
          // REST (one call: the tag's commit is known from alice's read, a public repository's)
          assertEquals(new Calls(1, 1), bobs, () -> fake.paths().toString());
          tc.completeNow();
        })));
  }
}
