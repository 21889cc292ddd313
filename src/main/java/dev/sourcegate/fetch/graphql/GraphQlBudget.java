package dev.sourcegate.fetch.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.sourcegate.fetch.ssrf.UpstreamResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * GitHub's GraphQL points per token (by token hash), tracked apart from REST's calls: GitHub counts the
 * two limits separately, so when one is spent the other may still serve. Each answer updates it, from
 * its {@code rateLimit} (remaining, resetAt) and from its {@code x-ratelimit-*} headers when they are
 * GraphQL's ({@code x-ratelimit-resource: graphql}); a RATE_LIMITED answer spends it until the reset.
 * {@link #preferRest} says when a look-up should go over REST instead. A token is forgotten an hour after
 * its last answer (GitHub's window is an hour), so the table stays bounded.
 */
public final class GraphQlBudget {
  private record Standing(long remaining, long resetMillis) {}

  private final Cache<String, Standing> standings = Caffeine.newBuilder()
      .expireAfterWrite(Duration.ofHours(1)).maximumSize(100_000).build();

  /** Notes what an answer says about the token's points. */
  public void observe(String tokenHash, GraphQlResponse answer, UpstreamResponse res, long nowMillis) {
    GraphQlResponse.RateLimitReading r = answer.rateLimit();
    if (r != null) {
      standings.put(tokenHash, new Standing(r.remaining(), r.resetAt().toEpochMilli()));
    } else if ("graphql".equalsIgnoreCase(res.headers().get("x-ratelimit-resource"))) {
      String remaining = res.headers().get("x-ratelimit-remaining");
      String reset = res.headers().get("x-ratelimit-reset");
      if (remaining != null && remaining.matches("\\d{1,9}") && reset != null && reset.matches("\\d{1,12}")) {
        standings.put(tokenHash, new Standing(Long.parseLong(remaining), Long.parseLong(reset) * 1000));
      }
    }
    if (answer.failure() == GraphQlResponse.Failure.RATE_LIMITED) {
      Standing known = standings.getIfPresent(tokenHash);
      // without a reset time from GitHub, wait a minute before asking again
      long reset = known != null && known.resetMillis() > nowMillis ? known.resetMillis() : nowMillis + 60_000;
      standings.put(tokenHash, new Standing(0, reset));
    }
  }

  /** True while the token's known points cannot pay for a query of cost (until GitHub's reset). */
  public boolean preferRest(String tokenHash, int cost, long nowMillis) {
    Standing s = standings.getIfPresent(tokenHash);
    return s != null && nowMillis < s.resetMillis() && s.remaining() < cost;
  }

  /** Points the token had left at its last answer; -1 when unknown or past the reset. */
  public long remaining(String tokenHash, long nowMillis) {
    Standing s = standings.getIfPresent(tokenHash);
    return s == null || nowMillis >= s.resetMillis() ? -1 : s.remaining();
  }

  /** When the token's points reset, if known. */
  public Instant resetAt(String tokenHash) {
    Standing s = standings.getIfPresent(tokenHash);
    return s == null ? null : Instant.ofEpochMilli(s.resetMillis());
  }
}
