package dev.sourcegate.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Tokens are never kept as keys: per-token bookkeeping uses a SHA-256 digest of the token. */
public final class TokenHash {
  private TokenHash() {}

  public static String of(String token) {
    if (token == null || token.isEmpty()) {
      return "anonymous";
    }
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
