package dev.sourcegate.fetch.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.fetch.ssrf.UpstreamResponse;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** GraphQL points per token, from the answers' rateLimit and headers, apart from REST's limit. */
class GraphQlBudgetTest {
  private static final long NOW = Instant.parse("2026-12-06T22:00:00Z").toEpochMilli();
  private static final String RESET = "2026-12-06T22:30:00Z";

  private static UpstreamResponse res(int status, String body, String... headers) {
    MultiMap h = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < headers.length; i += 2) {
      h.add(headers[i], headers[i + 1]);
    }
    return new UpstreamResponse(status, h, Buffer.buffer(body));
  }

  private static void observe(GraphQlBudget budget, String token, UpstreamResponse res, long now) {
    budget.observe(token, GraphQlResponse.read(res), res, now);
  }

  @Test
  void followsTheRateLimitTheAnswerReportsPerToken() {
    GraphQlBudget budget = new GraphQlBudget();
    assertFalse(budget.preferRest("t1", 1, NOW), "nothing known: try GraphQL");
    observe(budget, "t1", res(200, "{\"data\":{\"rateLimit\":{\"cost\":1,\"remaining\":0,\"resetAt\":\"" + RESET + "\"}}}"), NOW);
    observe(budget, "t2", res(200, "{\"data\":{\"rateLimit\":{\"cost\":1,\"remaining\":7,\"resetAt\":\"" + RESET + "\"}}}"), NOW);
    assertTrue(budget.preferRest("t1", 1, NOW), "no points left");
    assertFalse(budget.preferRest("t2", 1, NOW), "another token's points are its own");
    assertTrue(budget.preferRest("t2", 8, NOW), "a query dearer than what is left");
    assertEquals(7, budget.remaining("t2", NOW));
    long afterReset = Instant.parse(RESET).toEpochMilli();
    assertFalse(budget.preferRest("t1", 1, afterReset), "points come back at the reset");
    assertEquals(-1, budget.remaining("t1", afterReset));
  }

  @Test
  void readsGraphQlHeadersButNotRests() {
    GraphQlBudget budget = new GraphQlBudget();
    long reset = NOW / 1000 + 600;
    observe(budget, "t", res(200, "{\"data\":{}}", "x-ratelimit-remaining", "0", "x-ratelimit-reset", String.valueOf(reset),
        "x-ratelimit-resource", "core"), NOW);
    assertFalse(budget.preferRest("t", 1, NOW), "REST's core limit says nothing about GraphQL points");
    observe(budget, "t", res(200, "{\"data\":{}}", "x-ratelimit-remaining", "0", "x-ratelimit-reset", String.valueOf(reset),
        "x-ratelimit-resource", "graphql"), NOW);
    assertTrue(budget.preferRest("t", 1, NOW));
    assertEquals(Instant.ofEpochSecond(reset), budget.resetAt("t"));
  }

  @Test
  void aRateLimitedAnswerSpendsTheTokenUntilTheResetOrAMinute() {
    GraphQlBudget budget = new GraphQlBudget();
    observe(budget, "t", res(200, "{\"errors\":[{\"type\":\"RATE_LIMITED\",\"message\":\"API rate limit exceeded\"}]}"), NOW);
    assertTrue(budget.preferRest("t", 1, NOW));
    assertTrue(budget.preferRest("t", 1, NOW + 59_000));
    assertFalse(budget.preferRest("t", 1, NOW + 60_000), "without a reset time, a minute");
    long reset = NOW / 1000 + 1800;
    observe(budget, "u", res(200, "{\"errors\":[{\"type\":\"RATE_LIMITED\",\"message\":\"x\"}]}",
        "x-ratelimit-remaining", "0", "x-ratelimit-reset", String.valueOf(reset), "x-ratelimit-resource", "graphql"), NOW);
    assertTrue(budget.preferRest("u", 1, NOW + 1_000_000), "until the reset GitHub named");
  }
}
