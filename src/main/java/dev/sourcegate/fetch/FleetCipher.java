package dev.sourcegate.fetch;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals fleet-cache values so that a Redis dump or a shared Redis holds no source: AES-256-GCM with a
 * fresh random 12-byte nonce per value, and the Redis key as associated data, so a value copied to
 * another key does not open there. Layout: format byte, nonce, ciphertext and 16-byte tag.
 *
 * <p>The key is derived from GITHUB_SESSION_SECRET with HKDF-SHA256 (RFC 5869) under a label of its own,
 * so every replica with the same secret shares it, and it can never equal a cookie key (those are
 * SHA-256 of secret + ':' + tenant, and a tenant may be named anything, "fleet-cache" included).
 */
final class FleetCipher {
  private static final byte FORMAT = 1;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final byte[] SALT = "sourcegate fleet cache".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] INFO = "fleet-cache value key v1".getBytes(StandardCharsets.US_ASCII);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  FleetCipher(String sessionSecret) {
    if (sessionSecret == null || sessionSecret.isEmpty()) {
      throw new IllegalArgumentException("the fleet cache key is derived from a non-empty session secret");
    }
    this.key = new SecretKeySpec(deriveKey(sessionSecret.getBytes(StandardCharsets.UTF_8)), "AES");
  }

  /** HKDF-SHA256: extract with the label's salt, expand one block with the label: 32 bytes, an AES-256 key. */
  static byte[] deriveKey(byte[] secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SALT, "HmacSHA256"));
      byte[] pseudoRandomKey = mac.doFinal(secret);
      mac.init(new SecretKeySpec(pseudoRandomKey, "HmacSHA256"));
      mac.update(INFO);
      mac.update((byte) 1);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
    }
  }

  Buffer seal(String redisKey, Buffer plaintext) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(redisKey.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plaintext.getBytes());
      return Buffer.buffer(1 + NONCE_BYTES + sealed.length).appendByte(FORMAT).appendBytes(nonce).appendBytes(sealed);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is required by every Java platform", e);
    }
  }

  /** The plaintext, or null when the value was not sealed for this key name with this key (or was altered). */
  Buffer open(String redisKey, Buffer sealed) {
    if (sealed == null || sealed.length() < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed.getByte(0) != FORMAT) {
      return null;
    }
    byte[] bytes = sealed.getBytes();
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 1, NONCE_BYTES));
      cipher.updateAAD(redisKey.getBytes(StandardCharsets.UTF_8));
      return Buffer.buffer(cipher.doFinal(bytes, 1 + NONCE_BYTES, bytes.length - 1 - NONCE_BYTES));
    } catch (AEADBadTagException e) {
      return null;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is required by every Java platform", e);
    }
  }
}
