package dev.sourcegate.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@link CommitsSuite} over GitHub's GraphQL API, and over REST where GraphQL is not there (404). */
class CommitsPerProtocolTest {
  /** All refs of a GetCommit or GetCommits in one query, every spelling of a ref in it: no REST call. */
  @Nested
  class OverGraphQl extends CommitsSuite {
    @Override
    boolean graphQlAvailable() {
      return true;
    }

    @Override
    void calls(long graphQl, long restCommits, int refsAsked, int spellingsTried) {
      assertEquals(1, graphQl, "one query for " + refsAsked + " refs");
      assertEquals(0, restCommits);
    }

    @Test
    void onceTheGraphQlPointsAreSpentRestServesWithoutAskingGraphQl(VertxTestContext tc) {
      fake.graphQlPoints(1);
      gw.call("GetCommit", new JsonObject().put("repositoryURL", REPO).put("ref", "abc123"), cookie)
          .compose(res -> {
            tc.verify(() -> assertEquals(1, fake.graphQlCalls()));
            fake.clearRequests();
            return gw.call("GetCommit", new JsonObject().put("repositoryURL", REPO).put("ref", "main"), cookie);
          })
          .onComplete(tc.succeeding(res -> tc.verify(() -> {
            assertEquals(200, res.statusCode(), res.bodyAsString());
            assertEquals("main111", res.bodyAsJsonObject().getString("sha"));
            assertEquals(0, fake.graphQlCalls(), "the answer said no points remain: not asked again before the reset");
            assertEquals(List.of("/api/repos/acme/app/commits/main"), fake.paths());
            tc.completeNow();
          })));
    }

    @Test
    void aFailingGraphQlEndpointLeavesTheAnswerToRest(VertxTestContext tc) {
      fake.intercept(ctx -> {
        if (ctx.request().path().equals("/api/graphql")) {
          ctx.response().setStatusCode(502).end();
          return true;
        }
        return false;
      });
      gw.call("GetCommit", new JsonObject().put("repositoryURL", REPO).put("ref", "v1.0.0"), cookie)
          .onComplete(tc.succeeding(res -> tc.verify(() -> {
            assertEquals(200, res.statusCode(), res.bodyAsString());
            assertEquals("tag222", res.bodyAsJsonObject().getString("sha"));
            assertEquals(1, restCommitCalls(), fake.paths()::toString);
            tc.completeNow();
          })));
    }
  }

  /** GraphQL answers 404 once; then every spelling is read over REST, one call each, as before. */
  @Nested
  class GraphQlUnavailable extends CommitsSuite {
    @Override
    boolean graphQlAvailable() {
      return false;
    }

    @Override
    void calls(long graphQl, long restCommits, int refsAsked, int spellingsTried) {
      assertEquals(1, graphQl, "the one 404 that says GraphQL is not there");
      assertEquals(spellingsTried, restCommits);
    }
  }
}
