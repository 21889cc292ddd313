package dev.sourcegate.demo.github;

import io.vertx.core.http.HttpServerResponse;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Who may call the REST API: whether a call without a token is served, which tokens are good, and the
 * rate-limit headers GitHub puts on every answer to a token.
 */
public final class ApiAccess {
  /** What a call's credentials allow: go on, or the 401 message GitHub gives. */
  public record Verdict(boolean allowed, String message) {}

  private final Clock clock;
  private volatile boolean anonymousServed = true;
  private volatile Predicate<String> goodToken = token -> true;
  private volatile boolean rateLimitHeaders;
  private final Map<String, AtomicInteger> callsPerToken = new ConcurrentHashMap<>();

  public ApiAccess(Clock clock) {
    this.clock = clock;
  }

  /** A call without a token gets 401 "Requires authentication" unless served. */
  public ApiAccess anonymousServed(boolean served) {
    this.anonymousServed = served;
    return this;
  }

  /** Tokens the API accepts; others get 401 "Bad credentials". */
  public ApiAccess goodTokens(Predicate<String> good) {
    this.goodToken = good;
    return this;
  }

  /** Accepts only the given tokens once any is named, every token while none is. */
  public static Predicate<String> anyOrNamed(Set<String> named) {
    return token -> named.isEmpty() || named.contains(token);
  }

  public ApiAccess rateLimitHeaders(boolean on) {
    this.rateLimitHeaders = on;
    return this;
  }

  Verdict check(String token) {
    if (token == null) {
      return new Verdict(anonymousServed, "Requires authentication");
    }
    return new Verdict(goodToken.test(token), "Bad credentials");
  }

  /** GitHub's core limit, counted per token; never 0 so that the demo never has to wait. */
  void count(String token, HttpServerResponse res) {
    if (!rateLimitHeaders || token == null) {
      return;
    }
    int used = callsPerToken.computeIfAbsent(token, k -> new AtomicInteger()).incrementAndGet();
    res.putHeader("X-RateLimit-Limit", "5000")
        .putHeader("X-RateLimit-Remaining", String.valueOf(Math.max(1, 5000 - used)))
        .putHeader("X-RateLimit-Reset", String.valueOf(clock.millis() / 1000 + 3600))
        .putHeader("X-RateLimit-Resource", "core");
  }

  /** The token of an Authorization header (Bearer or token scheme); null when there is none. */
  static String bearer(String header) {
    if (header == null) {
      return null;
    }
    String h = header.trim();
    for (String scheme : new String[] {"Bearer ", "bearer ", "token "}) {
      if (h.startsWith(scheme) && h.length() > scheme.length()) {
        return h.substring(scheme.length()).trim();
      }
    }
    return null;
  }
}
