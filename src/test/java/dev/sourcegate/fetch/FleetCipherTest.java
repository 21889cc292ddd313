package dev.sourcegate.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sourcegate.auth.TenantKeys;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Fleet-cache values are sealed: a round trip works; tampering, another key or another key name do not. */
class FleetCipherTest {
  private static final String SECRET = "16_byte_key_XXXX";
  private static final String KEY = FleetCodec.PREFIX + "file\nacme/private\n" + "a".repeat(40) + "\nsrc/secret.go";
  private static final Buffer SOURCE = Buffer.buffer("package secret // the private source", "UTF-8");
  private final FleetCipher cipher = new FleetCipher(SECRET);

  @Test
  void aSealedValueOpensUnderItsKeyName() {
    Buffer sealed = cipher.seal(KEY, SOURCE);
    assertEquals(SOURCE, cipher.open(KEY, sealed));
    assertEquals(SOURCE, new FleetCipher(SECRET).open(KEY, sealed), "another replica with the same secret opens it");
  }

  @Test
  void theStoredBytesHoldNoPlaintextAndNeverRepeat() {
    Buffer one = cipher.seal(KEY, SOURCE);
    Buffer two = cipher.seal(KEY, SOURCE);
    assertFalse(one.toString(StandardCharsets.ISO_8859_1).contains("package"), "no plaintext in Redis");
    assertNotEquals(one, two, "a fresh nonce per value");
    assertFalse(Arrays.equals(one.getBytes(1, 13), two.getBytes(1, 13)));
    assertEquals(1 + 12 + SOURCE.length() + 16, one.length());
  }

  @Test
  void anyAlteredByteIsAMiss() {
    Buffer sealed = cipher.seal(KEY, SOURCE);
    for (int i = 0; i < sealed.length(); i++) {
      byte[] bytes = sealed.getBytes();
      bytes[i] ^= 0x01;
      assertNull(cipher.open(KEY, Buffer.buffer(bytes)), "byte " + i + " altered");
    }
    assertNull(cipher.open(KEY, sealed.getBuffer(0, sealed.length() - 1)), "truncated");
    assertNull(cipher.open(KEY, Buffer.buffer()), "empty");
    assertNull(cipher.open(KEY, SOURCE), "a plaintext value (the old format)");
  }

  @Test
  void anotherSecretIsAMiss() {
    Buffer sealed = new FleetCipher("another-secret").seal(KEY, SOURCE);
    assertNull(cipher.open(KEY, sealed));
  }

  @Test
  void aValueMovedToAnotherKeyIsAMiss() {
    Buffer sealed = cipher.seal(KEY, SOURCE);
    assertNull(cipher.open(FleetCodec.PREFIX + "file\nacme/public\n" + "a".repeat(40) + "\nsrc/secret.go", sealed));
    assertNull(cipher.open(KEY + "x", sealed));
  }

  @Test
  void theKeyIsNoCookieKey() {
    byte[] fleet = FleetCipher.deriveKey(SECRET.getBytes(StandardCharsets.UTF_8));
    assertEquals(32, fleet.length);
    for (String tenant : new String[] {"anonymous", "fleet-cache", ":fleet-cache", "sourcegate fleet cache", ""}) {
      assertFalse(Arrays.equals(fleet, new TenantKeys(SECRET).keyFor(tenant).getEncoded()), tenant);
    }
    assertFalse(Arrays.equals(fleet, FleetCipher.deriveKey("other".getBytes(StandardCharsets.UTF_8))));
  }

  /** RFC 5869's construction, checked against an independent HMAC computation of the same steps. */
  @Test
  void theKeyIsHkdfSha256OfTheSecret() throws Exception {
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec("sourcegate fleet cache".getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
    byte[] prk = mac.doFinal(SECRET.getBytes(StandardCharsets.UTF_8));
    mac.init(new javax.crypto.spec.SecretKeySpec(prk, "HmacSHA256"));
    byte[] okm = mac.doFinal("fleet-cache value key v1\u0001".getBytes(StandardCharsets.US_ASCII));
    assertArrayEquals(okm, FleetCipher.deriveKey(SECRET.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void noSecretNoCipher() {
    assertThrows(IllegalArgumentException.class, () -> new FleetCipher(""));
  }
}
