package dev.sourcegate.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Function;

/**
 * GitHub invalidates a refresh token the moment it is used, so two tabs refreshing at once would make
 * one of them fail. Concurrent refreshes of one token share one upstream call, and a successful answer
 * is kept for a short while so that a refresh arriving just after it gets the same answer.
 * Used from one event loop only (the auth verticle's), hence a plain HashMap.
 */
final class RefreshCoalescer {
  private final Vertx vertx;
  private final long keepMillis;
  private final Map<String, Future<TokenGrant>> calls = new HashMap<>();

  RefreshCoalescer(Vertx vertx, long keepMillis) {
    this.vertx = vertx;
    this.keepMillis = keepMillis;
  }

  Future<TokenGrant> refresh(String refreshToken, Function<String, Future<TokenGrant>> upstream) {
    String key = digest(refreshToken);
    Future<TokenGrant> existing = calls.get(key);
    if (existing != null) {
      return existing;
    }
    Future<TokenGrant> call = upstream.apply(refreshToken);
    calls.put(key, call);
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
