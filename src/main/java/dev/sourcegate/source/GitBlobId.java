package dev.sourcegate.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A file's git blob id, as GitHub reports it (REST's "sha", GraphQL's "oid"): SHA-1 of "blob LEN\0" + bytes. */
public final class GitBlobId {
  private static final HexFormat HEX = HexFormat.of();
  /**
   * One digest per thread, reset by each digest(): MessageDigest.getInstance looks the algorithm up among
   * the security providers every time, which cost more than hashing a typical source file (JFR, the
   * simulated GitHub under the benchmarks' cold figures).
   */
  private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  });

  private GitBlobId() {}

  public static String of(byte[] content) {
    MessageDigest sha1 = SHA1.get();
    sha1.reset();
    sha1.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
    return HEX.formatHex(sha1.digest(content));
  }
}
