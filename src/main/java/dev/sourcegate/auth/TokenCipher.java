package dev.sourcegate.auth;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM sealing in Pyroscope's layout: a fresh 12-byte nonce, then ciphertext and 16-byte tag,
 * all in standard base64.
 */
public final class TokenCipher {
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private TokenCipher() {}

  public static String seal(SecretKey key, byte[] plaintext) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    return seal(key, plaintext, nonce);
  }

  static String seal(SecretKey key, byte[] plaintext, byte[] nonce) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      byte[] sealed = cipher.doFinal(plaintext);
      byte[] out = new byte[nonce.length + sealed.length];
      System.arraycopy(nonce, 0, out, 0, nonce.length);
      System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
      return Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is required by every Java platform", e);
    }
  }

  /** The plaintext, or a {@link SessionException} when the text is not base64, too short or was tampered with. */
  public static byte[] open(SecretKey key, String sealedBase64) {
    byte[] data;
    try {
      data = Base64.getDecoder().decode(sealedBase64);
    } catch (IllegalArgumentException e) {
      throw new SessionException("session token is not base64");
    }
    if (data.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new SessionException("session token is truncated");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, Arrays.copyOf(data, NONCE_BYTES)));
      return cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES);
    } catch (GeneralSecurityException e) {
      // wrong tenant, wrong secret or tampered bytes: GCM cannot tell them apart, neither do we
      throw new SessionException("session token cannot be decrypted");
    }
  }
}
