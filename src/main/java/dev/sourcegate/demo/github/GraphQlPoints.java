package dev.sourcegate.demo.github;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GitHub's GraphQL rate limit, apart from REST's: points per token per hour. Every query costs one
 * point here (GitHub charges one point per query without connections, which is all the gateway asks).
 * The window starts at a token's first query and ends an hour later, by the given clock.
 */
public final class GraphQlPoints {
  /** One query's charge: whether it may run, and the limit as GitHub reports it afterwards. */
  record Charge(boolean allowed, int cost, int limit, int used, long resetEpochSeconds) {
    int remaining() {
      return Math.max(0, limit - used);
    }

    /** The {@code rateLimit} object of the answer. */
    Map<String, Object> rateLimit() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("cost", cost);
      m.put("limit", limit);
      m.put("nodeCount", 0);
      m.put("remaining", remaining());
      m.put("resetAt", Instant.ofEpochSecond(resetEpochSeconds).toString());
      m.put("used", used);
      return m;
    }
  }

  private record Window(long resetMillis, int used) {}

  private final Clock clock;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();
  private volatile int limit = 5000;

  public GraphQlPoints(Clock clock) {
    this.clock = clock;
  }

  /** Points per hour for every token (GitHub gives 5,000 to a user). */
  public GraphQlPoints limit(int points) {
    this.limit = points;
    return this;
  }

  /** Charges one query to the token's window, unless that would go past the limit. */
  Charge charge(String token) {
    long now = clock.millis();
    int cap = limit;
    boolean[] charged = {false};
    Window w = windows.compute(token, (k, old) -> {
      Window current = old == null || now >= old.resetMillis() ? new Window(now + 3_600_000L, 0) : old;
      if (current.used() + 1 > cap) {
        return current;
      }
      charged[0] = true;
      return new Window(current.resetMillis(), current.used() + 1);
    });
    return new Charge(charged[0], 1, cap, w.used(), w.resetMillis() / 1000);
  }
}
