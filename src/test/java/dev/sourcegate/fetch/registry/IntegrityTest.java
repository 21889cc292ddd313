package dev.sourcegate.fetch.registry;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sourcegate.rpc.Code;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class IntegrityTest {
  private static final byte[] BYTES = "tarball".getBytes(StandardCharsets.UTF_8);

  private static String sri(String alg, String javaName, byte[] b) throws Exception {
    return alg + "-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance(javaName).digest(b));
  }

  @Test
  void checksTheStrongestHashThenTheSha1() throws Exception {
    String sha512 = sri("sha512", "SHA-512", BYTES);
    String wrongSha1 = sri("sha1", "SHA-1", "other".getBytes(StandardCharsets.UTF_8));
    assertDoesNotThrow(() -> Integrity.verify(BYTES, wrongSha1 + " " + sha512, null, "t"));
    ArchiveRefused changed = assertThrows(ArchiveRefused.class,
        () -> Integrity.verify("changed".getBytes(StandardCharsets.UTF_8), sha512, null, "t"));
    assertEquals(Code.DATA_LOSS, changed.code());
    assertEquals(ArchiveRefused.Reason.UNVERIFIED, changed.reason());
    String sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(BYTES));
    assertDoesNotThrow(() -> Integrity.verify(BYTES, null, sha1, "t"));
    assertThrows(ArchiveRefused.class, () -> Integrity.verify(BYTES, "", "0".repeat(40), "t"));
    assertThrows(ArchiveRefused.class, () -> Integrity.verify(BYTES, "md5-abc", null, "t"));
    assertThrows(ArchiveRefused.class, () -> Integrity.verify(BYTES, "sha512-!!!", null, "t"));
  }
}
