package dev.sourcegate.fetch.registry;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Whether downloaded bytes are the ones a registry vouched for: a Subresource-Integrity string
 * ({@code sha512-<base64>}, several separated by spaces; the strongest known one is checked), else a
 * SHA-1 in hex (npm's {@code dist.shasum}, all that very old packages have). Neither: refused.
 */
public final class Integrity {
  private static final List<String> STRONGEST_FIRST = List.of("sha512", "sha384", "sha256", "sha1");

  private Integrity() {}

  public static void verify(byte[] bytes, String integrity, String sha1Hex, String what) {
    if (integrity != null && !integrity.isBlank()) {
      for (String algorithm : STRONGEST_FIRST) {
        for (String item : integrity.trim().split("\\s+")) {
          if (item.startsWith(algorithm + "-")) {
            byte[] expected = decode(item.substring(algorithm.length() + 1), what);
            check(digest(algorithm, bytes), expected, what);
            return;
          }
        }
      }
    }
    if (sha1Hex != null && sha1Hex.matches("[0-9a-fA-F]{40}")) {
      check(digest("sha1", bytes), HexFormat.of().parseHex(sha1Hex), what);
      return;
    }
    throw ArchiveRefused.unverified(what + " has no integrity hash this gateway can check");
  }

  private static byte[] decode(String base64, String what) {
    try {
      // the SRI spec allows options after '?'
      int q = base64.indexOf('?');
      return Base64.getDecoder().decode(q < 0 ? base64 : base64.substring(0, q));
    } catch (IllegalArgumentException e) {
      throw ArchiveRefused.unverified(what + " has a malformed integrity hash");
    }
  }

  private static void check(byte[] actual, byte[] expected, String what) {
    if (!MessageDigest.isEqual(actual, expected)) {
      throw ArchiveRefused.unverified(what + " does not match its integrity hash");
    }
  }

  private static byte[] digest(String algorithm, byte[] bytes) {
    String name = switch (algorithm) {
      case "sha512" -> "SHA-512";
      case "sha384" -> "SHA-384";
      case "sha256" -> "SHA-256";
      default -> "SHA-1";
    };
    try {
      return MessageDigest.getInstance(name).digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has " + name, e);
    }
  }
}
