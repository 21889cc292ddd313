package dev.sourcegate.fetch.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sourcegate.demo.github.ApiAccess;
import dev.sourcegate.demo.github.GitHubSchema;
import dev.sourcegate.demo.github.SimulatedGitHub;
import dev.sourcegate.fetch.ssrf.UpstreamResponse;
import dev.sourcegate.source.TokenHash;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The client against the simulated GitHub over HTTP on 127.0.0.1 (a plain WebClient stands in for the
 * fetcher's guarded client, which has no POST yet): the bearer token, the budget, and "use REST" when
 * the endpoint is missing or the points are spent, without calling again.
 */
@ExtendWith(VertxExtension.class)
class GraphQlClientTest {
  private SimulatedGitHub github;
  private WebClient web;
  private GraphQlClient client;
  private final GraphQlBudget budget = new GraphQlBudget();
  private final AtomicLong now = new AtomicLong(System.currentTimeMillis());
  private final BlobQuery query = BlobQuery.of(List.of(new FileLookup("acme", "app", "main", "go.mod")));

  @BeforeEach
  void start(Vertx vertx, VertxTestContext tc) {
    web = WebClient.create(vertx);
    github = new SimulatedGitHub(vertx, Clock.systemUTC());
    github.log().record(true);
    github.access().goodTokens(ApiAccess.anyOrNamed(Set.of("t")));
    github.repositories().repository("acme", "app").file("main", "go.mod", "module x\n".getBytes(StandardCharsets.UTF_8));
    GraphQlClient.Transport transport = (url, headers, body, maxBytes, deadline) -> web.postAbs(url).putHeaders(headers)
        .sendBuffer(body).map(res -> new UpstreamResponse(res.statusCode(), res.headers(), res.body()));
    GitHubSchema.load(vertx).compose(s -> github.start()).onComplete(tc.succeeding(g -> {
      client = new GraphQlClient(transport, GraphQlEndpoint.of(URI.create(github.apiUrl()), null), budget, now::get, 1 << 20);
      tc.completeNow();
    }));
  }

  @AfterEach
  void stop(VertxTestContext tc) {
    web.close();
    github.stop().onComplete(tc.succeedingThenComplete());
  }

  private long deadline() {
    return System.currentTimeMillis() + 10_000;
  }

  @Test
  void postsWithTheTokenAndKeepsTheBudget(VertxTestContext tc) {
    client.blobs("t", query, deadline()).onComplete(tc.succeeding(answers -> tc.verify(() -> {
      assertNull(answers.failure());
      assertEquals("module x\n", ((Answer.Found<GitBlob>) answers.answers().get(0)).value().text());
      assertEquals("Bearer t", github.log().requests().get(0).headers().get("Authorization"));
      assertEquals(4999, budget.remaining(TokenHash.of("t"), now.get()));
      tc.completeNow();
    })));
  }

  @Test
  void aMissingEndpointMeansRestUntilItIsAskedAgainLater(VertxTestContext tc) {
    github.graphQlAvailable(false);
    client.blobs("t", query, deadline()).recover(e -> {
      tc.verify(() -> assertInstanceOf(GraphQlClient.Unavailable.class, e));
      return client.blobs("t", query, deadline());
    }).recover(e -> {
      tc.verify(() -> {
        assertInstanceOf(GraphQlClient.Unavailable.class, e);
        assertEquals(1, github.log().graphQlCalls(), "known missing: not asked again");
      });
      github.graphQlAvailable(true);
      now.addAndGet(GraphQlClient.REPROBE_MS);
      return client.blobs("t", query, deadline());
    }).onComplete(tc.succeeding(answers -> tc.verify(() -> {
      assertNull(answers.failure(), "asked again after a while, and it is there now");
      assertEquals(2, github.log().graphQlCalls());
      tc.completeNow();
    })));
  }

  @Test
  void aRateLimitedAnswerMeansRestWithoutAnotherCall(VertxTestContext tc) {
    github.graphQlPoints().limit(1);
    // someone else with the same token spends the last point
    web.postAbs(github.graphQlUrl()).putHeader("Authorization", "Bearer t").sendBuffer(Buffer.buffer("{\"query\":\"{ rateLimit { cost } }\"}"))
        .compose(spent -> client.blobs("t", query, deadline())).compose(limited -> {
          tc.verify(() -> assertEquals(GraphQlResponse.Failure.RATE_LIMITED, limited.failure()));
          return client.blobs("t", query, deadline());
        }).onComplete(tc.failing(e -> tc.verify(() -> {
          assertInstanceOf(GraphQlClient.Unavailable.class, e);
          assertEquals(2, github.log().graphQlCalls());
          tc.completeNow();
        })));
  }

  @Test
  void whenTheAnswerSaysNoPointsAreLeftTheNextLookUpGoesOverRest(VertxTestContext tc) {
    github.graphQlPoints().limit(1);
    client.blobs("t", query, deadline()).compose(first -> {
      tc.verify(() -> assertNull(first.failure()));
      return client.blobs("t", query, deadline());
    }).onComplete(tc.failing(e -> tc.verify(() -> {
      assertInstanceOf(GraphQlClient.Unavailable.class, e);
      assertEquals(1, github.log().graphQlCalls());
      tc.completeNow();
    })));
  }
}
