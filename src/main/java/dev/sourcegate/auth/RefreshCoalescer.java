package dev.sourcegate.auth;

import dev.sourcegate.fetch.oauth.TokenGrant;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * GitHub invalidates a refresh token the moment it is used, so two tabs refreshing at once would make
 * one of them fail. Concurrent refreshes of one token share one upstream call, and a successful answer
 * is kept for a short while so that a refresh arriving just after it gets the same answer.
 * Shared by every auth verticle instance, so it is safe to use from several event loops.
 */
public final class RefreshCoalescer {
  private final Vertx vertx;
  private final long keepMillis;
  private final java.util.concurrent.ConcurrentHashMap<String, Future<TokenGrant>> calls =
      new java.util.concurrent.ConcurrentHashMap<>();

  public RefreshCoalescer(Vertx vertx, long keepMillis) {
    this.vertx = vertx;
    this.keepMillis = keepMillis;
  }

  Future<TokenGrant> refresh(String refreshToken, Function<String, Future<TokenGrant>> upstream) {
    String key = digest(refreshToken);
    boolean[] started = {false};
    Future<TokenGrant> call = calls.computeIfAbsent(key, k -> {
      started[0] = true;
      return upstream.apply(refreshToken);
    });
    if (!started[0]) {
      return call;
    }
    call.onComplete(ar -> {
      if (ar.succeeded()) {
        vertx.setTimer(keepMillis, id -> calls.remove(key, call));
      } else {
        calls.remove(key, call);
      }
    });
    return call;
  }

  int size() {
    return calls.size();
  }

  /** Keys are digests so that refresh tokens do not sit in memory longer than needed. */
  private static String digest(String token) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
