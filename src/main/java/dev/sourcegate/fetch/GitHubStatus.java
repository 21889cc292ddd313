package dev.sourcegate.fetch;

import dev.sourcegate.fetch.ssrf.UpstreamResponse;

import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;

/** GitHub's HTTP status as a Connect code (docs/resolution.md §8). */
public final class GitHubStatus {
  private GitHubStatus() {}

  public static RpcException toRpc(UpstreamResponse res, String what) {
    int status = res.status();
    Code code = switch (status) {
      case 400 -> Code.INVALID_ARGUMENT;
      case 401 -> Code.UNAUTHENTICATED;
      case 403 -> rateLimited(res) ? Code.RESOURCE_EXHAUSTED : Code.PERMISSION_DENIED;
      case 404, 422 -> Code.NOT_FOUND;
      case 429 -> Code.RESOURCE_EXHAUSTED;
      case 502, 503 -> Code.UNAVAILABLE;
      case 504 -> Code.DEADLINE_EXCEEDED;
      default -> Code.UNKNOWN;
    };
    String message = switch (code) {
      case NOT_FOUND -> what + " not found";
      case UNAUTHENTICATED -> "GitHub did not accept the session's token; log in again";
      case PERMISSION_DENIED -> "GitHub denied access to " + what;
      case RESOURCE_EXHAUSTED -> "GitHub rate limit reached" + resetSuffix(res);
      default -> "GitHub answered " + status + " for " + what;
    };
    return new RpcException(code, message);
  }

  /** A 403 is a rate limit when GitHub says no requests remain, or says so in its message. */
  static boolean rateLimited(UpstreamResponse res) {
    if ("0".equals(res.headers().get("X-RateLimit-Remaining")) || res.headers().contains("Retry-After")) {
      return true;
    }
    String body = res.body() == null ? "" : res.body().toString().toLowerCase(java.util.Locale.ROOT);
    return body.contains("rate limit");
  }

  private static String resetSuffix(UpstreamResponse res) {
    String reset = res.headers().get("X-RateLimit-Reset");
    if (reset != null && reset.matches("\\d{1,12}")) {
      return "; it resets at " + java.time.Instant.ofEpochSecond(Long.parseLong(reset));
    }
    String retry = res.headers().get("Retry-After");
    if (retry != null && retry.matches("\\d{1,9}")) {
      return "; retry after " + retry + " s";
    }
    return "";
  }
}
