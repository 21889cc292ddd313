package dev.sourcegate.fetch;

import dev.sourcegate.fetch.ssrf.UpstreamResponse;

import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GitHub's rate limit per token. Every answer's X-RateLimit-Remaining / Reset is noted; once GitHub says
 * a token is limited, no call is made with it before the reset (cached answers still flow).
 */
public final class RateLimits {
  private final ConcurrentHashMap<String, Long> blockedUntil = new ConcurrentHashMap<>();
  private volatile long lastRemaining = -1;

  /** Fails fast when the token is known to be limited right now. */
  public void check(String tokenHash, long nowMillis) {
    Long until = blockedUntil.get(tokenHash);
    if (until == null) {
      return;
    }
    if (nowMillis >= until) {
      blockedUntil.remove(tokenHash, until);
      return;
    }
    throw new RpcException(Code.RESOURCE_EXHAUSTED,
        "GitHub rate limit reached; it resets at " + Instant.ofEpochMilli(until));
  }

  /** Notes what an answer says about the token's budget. */
  public void observe(String tokenHash, UpstreamResponse res, long nowMillis) {
    String remaining = res.headers().get("X-RateLimit-Remaining");
    if (remaining != null && remaining.matches("\\d{1,9}")) {
      lastRemaining = Long.parseLong(remaining);
    }
    boolean limitedStatus = res.status() == 429 || (res.status() == 403 && GitHubStatus.rateLimited(res));
    if (!limitedStatus) {
      return;
    }
    long until = nowMillis + 60_000;
    String retryAfter = res.headers().get("Retry-After");
    String reset = res.headers().get("X-RateLimit-Reset");
    if (retryAfter != null && retryAfter.matches("\\d{1,9}")) {
      until = nowMillis + Long.parseLong(retryAfter) * 1000;
    } else if (reset != null && reset.matches("\\d{1,12}")) {
      until = Math.max(nowMillis, Long.parseLong(reset) * 1000);
    }
    blockedUntil.merge(tokenHash, until, Math::max);
  }

  /** The last X-RateLimit-Remaining GitHub sent (any token), -1 before the first. */
  public long lastRemaining() {
    return lastRemaining;
  }

  public int blockedTokens() {
    return blockedUntil.size();
  }
}
