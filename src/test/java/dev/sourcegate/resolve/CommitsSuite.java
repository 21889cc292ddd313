package dev.sourcegate.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sourcegate.demo.github.GitHubSchema;
import dev.sourcegate.testkit.FakeGitHub;
import dev.sourcegate.testkit.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * GetCommit and GetCommits end to end, the same answers whichever protocol reaches GitHub: run once per
 * protocol by {@link CommitsPerProtocolTest}, which says what each costs upstream ({@link #calls}).
 */
@ExtendWith(VertxExtension.class)
abstract class CommitsSuite {
  static final String REPO = "https://github.com/acme/app";
  FakeGitHub fake;
  TestGateway gw;
  final String cookie = TestGateway.cookieFor("gho_user");

  /** Whether the simulated GitHub answers GraphQL (else 404, as a GitHub Enterprise Server without it). */
  abstract boolean graphQlAvailable();

  /** What a first GetCommit or GetCommits of fresh refs costs upstream: GraphQL calls, REST commit calls. */
  abstract void calls(long graphQl, long restCommits, int refsAsked, int spellingsTried);

  @BeforeEach
  void start(Vertx vertx, VertxTestContext tc) {
    fake = new FakeGitHub(vertx).graphQlAvailable(graphQlAvailable());
    fake.commit("acme", "app", "abc123", FakeGitHub.commitJson("acme", "app", "abc123def", "Fix the bug", "2026-11-01T10:00:00Z", "octo"))
        .ref("acme", "app", "main", false, FakeGitHub.commitJson("acme", "app", "main111", "On main", "2026-11-02T10:00:00Z", null))
        .ref("acme", "app", "v1.0.0", true, FakeGitHub.commitJson("acme", "app", "tag222", "Release", "2026-11-03T10:00:00Z", "rel"))
        .commit("acme", "app", "nomsg", new JsonObject().put("sha", "x").put("commit", new JsonObject().put("author", new JsonObject().put("date", "2026-01-01T00:00:00Z"))));
    for (int i = 0; i < 10; i++) {
      fake.commit("acme", "app", sha(i), FakeGitHub.commitJson("acme", "app", sha(i), "Commit " + i, "2026-11-01T10:00:00Z", null));
    }
    GitHubSchema.load(vertx).compose(s -> fake.start())
        .compose(f -> TestGateway.start(vertx, TestGateway.withGraphQl(TestGateway.env(fake))))
        .onComplete(tc.succeeding(g -> {
          gw = g;
          tc.completeNow();
        }));
  }

  @AfterEach
  void stop(VertxTestContext tc) {
    gw.stop().compose(v -> fake.stop()).onComplete(tc.succeedingThenComplete());
  }

  static String sha(int i) {
    return String.format("%040x", 0xc0ffee00L + i);
  }

  long restCommitCalls() {
    return fake.paths().stream().filter(p -> p.contains("/commits/")).count();
  }

  @Test
  void commitByShaWithLinkedUser(VertxTestContext tc) {
    gw.call("GetCommit", new JsonObject().put("repositoryURL", REPO).put("ref", "abc123"), cookie)
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(200, res.statusCode(), res.bodyAsString());
          JsonObject body = res.bodyAsJsonObject();
          assertEquals("Fix the bug", body.getString("message"));
          assertEquals("abc123def", body.getString("sha"));
          assertEquals("2026-11-01T10:00:00Z", body.getString("date"));
          assertEquals("https://github.com/acme/app/commit/abc123def", body.getString("URL"));
          assertEquals(new JsonObject().put("login", "octo").put("avatarURL", "https://avatars.example/octo"), body.getJsonObject("author"));
          calls(fake.graphQlCalls(), restCommitCalls(), 1, 1);
          tc.completeNow();
        })));
  }

  @Test
  void aBranchIsFound(VertxTestContext tc) {
    gw.call("GetCommit", new JsonObject().put("repositoryURL", REPO + ".git").put("ref", "main"), cookie)
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(200, res.statusCode(), res.bodyAsString());
          assertEquals("main111", res.bodyAsJsonObject().getString("sha"));
          assertEquals(new JsonObject(), res.bodyAsJsonObject().getJsonObject("author"), "author must be {} when GitHub links no user");
          calls(fake.graphQlCalls(), restCommitCalls(), 1, 1);
          tc.completeNow();
        })));
  }

  @Test
  void aTagIsFoundAndAMissingRefIsNotFound(VertxTestContext tc) {
    gw.call("GetCommit", new JsonObject().put("repositoryURL", REPO).put("ref", "v1.0.0"), cookie)
        .compose(res -> {
          tc.verify(() -> {
            assertEquals(200, res.statusCode(), res.bodyAsString());
            assertEquals("tag222", res.bodyAsJsonObject().getString("sha"));
          });
          return gw.call("GetCommit", new JsonObject().put("repositoryURL", REPO).put("ref", "nope"), cookie);
        })
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(404, res.statusCode(), res.bodyAsString());
          assertEquals("not_found", res.bodyAsJsonObject().getString("code"));
          assertEquals("no commit nope in acme/app: no such repository, branch, tag or commit",
              res.bodyAsJsonObject().getString("message"));
          tc.completeNow();
        })));
  }

  @Test
  void aRepositoryThatDoesNotExistIsNotCalledAMissingTag(VertxTestContext tc) {
    gw.call("GetCommit", new JsonObject().put("repositoryURL", "https://github.com/acme/nothing-here").put("ref", "main"), cookie)
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(404, res.statusCode(), res.bodyAsString());
          assertEquals("not_found", res.bodyAsJsonObject().getString("code"));
          assertEquals("no commit main in acme/nothing-here: no such repository, branch, tag or commit",
              res.bodyAsJsonObject().getString("message"));
          tc.completeNow();
        })));
  }

  @Test
  void aCommitWithoutMessageIsInternal(VertxTestContext tc) {
    gw.call("GetCommit", new JsonObject().put("repositoryURL", REPO).put("ref", "nomsg"), cookie)
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(500, res.statusCode(), res.bodyAsString());
          assertEquals("internal", res.bodyAsJsonObject().getString("code"));
          tc.completeNow();
        })));
  }

  @Test
  void getCommitsKeepsOrderAndSkipsFailures(VertxTestContext tc) {
    JsonObject req = new JsonObject().put("repository_url", REPO)
        .put("refs", new JsonArray().add("v1.0.0").add("missing").add("abc123").add("main"));
    gw.call("GetCommits", req, cookie).onComplete(tc.succeeding(res -> tc.verify(() -> {
      assertEquals(200, res.statusCode(), res.bodyAsString());
      JsonArray commits = res.bodyAsJsonObject().getJsonArray("commits");
      assertEquals(3, commits.size());
      assertEquals("tag222", commits.getJsonObject(0).getString("sha"));
      assertEquals("abc123def", commits.getJsonObject(1).getString("sha"));
      assertEquals("main111", commits.getJsonObject(2).getString("sha"));
      assertEquals(new JsonObject(), commits.getJsonObject(2).getJsonObject("author"));
      tc.completeNow();
    })));
  }

  @Test
  void getCommitsAllFailedIsUnknown(VertxTestContext tc) {
    JsonObject bad = new JsonObject().put("repositoryUrl", REPO).put("refs", new JsonArray().add("x").add("y"));
    gw.call("GetCommits", bad, cookie).onComplete(tc.succeeding(res -> tc.verify(() -> {
      assertEquals(500, res.statusCode());
      assertEquals("unknown", res.bodyAsJsonObject().getString("code"));
      assertEquals("failed to fetch any commits", res.bodyAsJsonObject().getString("message"));
      tc.completeNow();
    })));
  }

  @Test
  void tenShasAtOnceThenFromTheCache(VertxTestContext tc) {
    JsonArray refs = new JsonArray();
    for (int i = 0; i < 10; i++) {
      refs.add(sha(i));
    }
    JsonObject req = new JsonObject().put("repositoryUrl", REPO).put("refs", refs);
    gw.call("GetCommits", req, cookie)
        .compose(res -> {
          tc.verify(() -> {
            assertEquals(200, res.statusCode(), res.bodyAsString());
            JsonArray commits = res.bodyAsJsonObject().getJsonArray("commits");
            assertEquals(10, commits.size());
            for (int i = 0; i < 10; i++) {
              assertEquals(sha(i), commits.getJsonObject(i).getString("sha"));
              assertEquals("Commit " + i, commits.getJsonObject(i).getString("message"));
            }
            calls(fake.graphQlCalls(), restCommitCalls(), 10, 10);
          });
          fake.clearRequests();
          return gw.call("GetCommits", req, cookie);
        })
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(10, res.bodyAsJsonObject().getJsonArray("commits").size());
          assertEquals(0, fake.requests().size(), () -> "each SHA's commit is cached: " + fake.paths());
          tc.completeNow();
        })));
  }
}
