package dev.sourcegate.auth;

import dev.sourcegate.ops.Caches;

import com.github.benmanes.caffeine.cache.Cache;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.spec.SecretKeySpec;

/**
 * The per-tenant cookie key, as Pyroscope derives it: SHA-256 over the secret's bytes, ':' and the tenant
 * ID. A cookie sealed for one tenant therefore cannot be opened in another.
 */
public final class TenantKeys {
  private final byte[] secret;
  private final Cache<String, SecretKeySpec> keys = Caches.builder().maximumSize(10_000).build();

  public TenantKeys(String secret) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  public SecretKeySpec keyFor(String tenant) {
    return keys.get(tenant, t -> new SecretKeySpec(derive(secret, t), "AES"));
  }

  static byte[] derive(byte[] secret, String tenant) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(secret);
      sha.update((byte) ':');
      sha.update(tenant.getBytes(StandardCharsets.UTF_8));
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
