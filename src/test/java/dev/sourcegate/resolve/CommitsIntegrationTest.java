package dev.sourcegate.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.testkit.FakeGitHub;
import dev.sourcegate.testkit.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * GetCommit and GetCommits end to end through the Connect API against the fake GitHub, over REST: the exact
 * REST calls each answer costs. What both protocols must answer alike is in {@link CommitsSuite}.
 */
@ExtendWith(VertxExtension.class)
class CommitsIntegrationTest {
  private static final String REPO = "https://github.com/acme/app";
  private FakeGitHub fake;
  private TestGateway gw;
  private final String cookie = TestGateway.cookieFor("gho_user");

  @BeforeEach
  void start(Vertx vertx, VertxTestContext tc) {
    fake = new FakeGitHub(vertx);
    fake.commit("acme", "app", "abc123", FakeGitHub.commitJson("acme", "app", "abc123def", "Fix the bug", "2026-11-01T10:00:00Z", "octo"))
        .commit("acme", "app", "heads/main", FakeGitHub.commitJson("acme", "app", "main111", "On main", "2026-11-02T10:00:00Z", null))
        .commit("acme", "app", "tags/v1.0.0", FakeGitHub.commitJson("acme", "app", "tag222", "Release", "2026-11-03T10:00:00Z", "rel"))
        .commit("acme", "app", "nomsg", new JsonObject().put("sha", "x").put("commit", new JsonObject().put("author", new JsonObject().put("date", "2026-01-01T00:00:00Z"))));
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
          assertEquals(List.of("/api/repos/acme/app/commits/abc123"), fake.paths());
          assertEquals("Bearer gho_user", fake.requests().get(0).headers().get("Authorization"));
          tc.completeNow();
        })));
  }

  @Test
  void branchFallsBackToHeadsAndAuthorIsAlwaysSent(VertxTestContext tc) {
    gw.call("GetCommit", new JsonObject().put("repositoryURL", REPO + ".git").put("ref", "main"), cookie)
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(200, res.statusCode(), res.bodyAsString());
          JsonObject body = res.bodyAsJsonObject();
          assertEquals("main111", body.getString("sha"));
          assertEquals(new JsonObject(), body.getJsonObject("author"), "author must be {} when GitHub links no user");
          // (a background GET /repos/acme/app may also appear: it lets the gateway remember the miss)
          assertEquals(List.of("/api/repos/acme/app/commits/main", "/api/repos/acme/app/commits/heads/main"),
              fake.paths().stream().filter(p -> p.contains("/commits/")).toList());
          tc.completeNow();
        })));
  }

  @Test
  void tagFallbackAndMissingCommitIsNotFound(VertxTestContext tc) {
    gw.call("GetCommit", new JsonObject().put("repositoryURL", REPO).put("ref", "v1.0.0"), cookie)
        .compose(res -> {
          tc.verify(() -> {
            assertEquals(200, res.statusCode());
            assertEquals("tag222", res.bodyAsJsonObject().getString("sha"));
          });
          return gw.call("GetCommit", new JsonObject().put("repositoryURL", REPO).put("ref", "nope"), cookie);
        })
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(404, res.statusCode(), res.bodyAsString());
          assertEquals("not_found", res.bodyAsJsonObject().getString("code"));
          // the ref as asked, not the last spelling tried ("commit tags/nope not found")
          assertEquals("no commit nope in acme/app: no such repository, branch, tag or commit",
              res.bodyAsJsonObject().getString("message"));
          tc.completeNow();
        })));
  }

  @Test
  void getCommitsAllFailedIsUnknownAndEmptyIsEmpty(VertxTestContext tc) {
    JsonObject bad = new JsonObject().put("repositoryUrl", REPO).put("refs", new JsonArray().add("x").add("y"));
    gw.call("GetCommits", bad, cookie)
        .compose(res -> {
          tc.verify(() -> {
            assertEquals(500, res.statusCode());
            assertEquals("unknown", res.bodyAsJsonObject().getString("code"));
            assertEquals("failed to fetch any commits", res.bodyAsJsonObject().getString("message"));
          });
          return gw.call("GetCommits", new JsonObject().put("repositoryUrl", REPO), cookie);
        })
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(200, res.statusCode());
          assertFalse(res.bodyAsJsonObject().containsKey("commits") && !res.bodyAsJsonObject().getJsonArray("commits").isEmpty());
          tc.completeNow();
        })));
  }

  private static String sha(int i) {
    return String.format("%040x", 0xc0ffee00L + i);
  }

  @Test
  void fiftyFullShasCostOneUpstreamCallEach(VertxTestContext tc) {
    JsonArray refs = new JsonArray();
    for (int i = 0; i < 50; i++) {
      refs.add(sha(i));
      if (i % 2 == 0) {
        fake.commit("acme", "app", sha(i), FakeGitHub.commitJson("acme", "app", sha(i), "Commit " + i, "2026-11-01T10:00:00Z", null));
      }
    }
    gw.call("GetCommits", new JsonObject().put("repositoryUrl", REPO).put("refs", refs), cookie)
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(200, res.statusCode(), res.bodyAsString());
          JsonArray commits = res.bodyAsJsonObject().getJsonArray("commits");
          assertEquals(25, commits.size(), "the SHAs that exist, and only those");
          for (int i = 0; i < 25; i++) {
            assertEquals(sha(2 * i), commits.getJsonObject(i).getString("sha"));
          }
          List<String> commitCalls = fake.paths().stream().filter(p -> p.contains("/commits/")).toList();
          assertEquals(50, commitCalls.size(), () -> "one call per full SHA, no heads/ or tags/ spelling: " + commitCalls);
          assertTrue(commitCalls.stream().noneMatch(p -> p.contains("/heads/") || p.contains("/tags/")), commitCalls::toString);
          tc.completeNow();
        })));
  }

  @Test
  void aFullShaThatIsNotFoundIsNotFoundAfterOneCall(VertxTestContext tc) {
    gw.call("GetCommit", new JsonObject().put("repositoryURL", REPO).put("ref", sha(99).toUpperCase()), cookie)
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(404, res.statusCode(), res.bodyAsString());
          assertEquals("not_found", res.bodyAsJsonObject().getString("code"));
          assertEquals(List.of("/api/repos/acme/app/commits/" + sha(99).toUpperCase()),
              fake.paths().stream().filter(p -> p.contains("/commits/")).toList());
          tc.completeNow();
        })));
  }

  @Test
  void tooManyRefsNamesTheLimit(Vertx vertx, VertxTestContext tc) {
    JsonArray refs = new JsonArray();
    for (int i = 0; i < 51; i++) {
      refs.add("r" + i);
    }
    gw.call("GetCommits", new JsonObject().put("repositoryUrl", REPO).put("refs", refs), cookie)
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(400, res.statusCode());
          assertTrue(res.bodyAsJsonObject().getString("message").contains("50"));
          assertEquals(0, fake.requests().size(), "no upstream call for a refused request");
          tc.completeNow();
        })));
  }

  @Test
  void otherHostsAreInvalidArgument(VertxTestContext tc) {
    gw.call("GetCommit", new JsonObject().put("repositoryURL", "https://gitlab.com/a/b").put("ref", "main"), cookie)
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(400, res.statusCode());
          assertEquals("invalid_argument", res.bodyAsJsonObject().getString("code"));
          assertTrue(res.bodyAsJsonObject().getString("message").contains("only GitHub repositories are supported"));
          assertEquals(0, fake.requests().size());
          tc.completeNow();
        })));
  }
}
