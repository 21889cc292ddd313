package dev.sourcegate.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

/**
 * Whatever a client puts in the cookie, reading it either yields a usable token or throws SessionException:
 * never another exception (which would be a 500). Seeded, so a failure can be replayed.
 */
class SessionCookieFuzzTest {
  private static final SecretKey KEY = new TenantKeys("fuzz-secret").keyFor("anonymous");
  private static final String[] NASTY = {"\r", "\n", "\r\n", "\u0000", "\u007f", "\t", "\"", "\\", "\ud800", "é", "{", "}", ":", ","};

  @Test
  void randomCookieValuesOnlyEverThrowSessionException() {
    Random random = new Random(11);
    for (int i = 0; i < 20_000; i++) {
      String value = switch (i % 4) {
        case 0 -> randomText(random, 64);
        case 1 -> base64(randomBytes(random, 48));
        case 2 -> base64(("{\"token\":\"" + randomText(random, 40) + "\"}").getBytes(StandardCharsets.UTF_8));
        default -> base64(("{\"metadata\":" + randomJsonish(random) + ",\"expiry\":" + randomJsonish(random) + "}")
            .getBytes(StandardCharsets.UTF_8));
      };
      readOrRefuse(value, i);
    }
  }

  /** Tokens sealed with the right key (as a holder of the secret could) with hostile contents. */
  @Test
  void sealedTokensWithHostileContentsAreUsableOrRefused() {
    Random random = new Random(12);
    for (int i = 0; i < 5_000; i++) {
      String plain = switch (i % 3) {
        case 0 -> "{\"access_token\":\"gho_" + escaped(randomText(random, 20)) + "\",\"refresh_token\":\"ghr_"
            + escaped(randomText(random, 20)) + "\",\"expiry\":\"0001-01-01T00:00:00Z\"}";
        case 1 -> "{\"access_token\":" + randomJsonish(random) + ",\"expiry\":" + randomJsonish(random) + "}";
        default -> randomText(random, 80);
      };
      String sealed = TokenCipher.seal(KEY, plain.getBytes(StandardCharsets.UTF_8));
      OAuthToken token = readOrRefuse(SessionCookie.value(sealed), i);
      if (token != null) {
        assertTrue(OAuthToken.headerSafe(token.accessToken()), "a usable token is header-safe: " + i);
        assertTrue(OAuthToken.headerSafe(token.refreshToken()), "a usable refresh token is header-safe: " + i);
      }
    }
  }

  @Test
  void aTokenWithCrLfOrNulIsRefusedWithAShortMessage() {
    for (String bad : new String[] {"gho_a\r\nX: 1", "gho_a\u0000", "gho_a\nb"}) {
      String sealed = SessionCookie.seal(new OAuthToken(bad, "bearer", "", null), KEY);
      SessionException e = org.junit.jupiter.api.Assertions.assertThrows(SessionException.class,
          () -> SessionCookie.read(SessionCookie.value(sealed), KEY));
      assertEquals("session token has an invalid access token", e.getMessage());
      assertTrue(e.decrypted());
    }
  }

  private static OAuthToken readOrRefuse(String value, int i) {
    try {
      return SessionCookie.read(value, KEY);
    } catch (SessionException expected) {
      return null;
    } catch (RuntimeException e) {
      fail("case " + i + " threw " + e + " for " + value.chars().limit(120).mapToObj(c -> String.format("%04x", c)).toList());
      return null;
    }
  }

  private static String randomText(Random random, int max) {
    StringBuilder sb = new StringBuilder();
    int n = random.nextInt(max + 1);
    for (int k = 0; k < n; k++) {
      int pick = random.nextInt(10);
      if (pick == 0) {
        sb.append(NASTY[random.nextInt(NASTY.length)]);
      } else if (pick == 1) {
        sb.append((char) random.nextInt(0x20));
      } else if (pick == 2) {
        sb.append((char) random.nextInt(0x10000));
      } else {
        sb.append((char) (0x21 + random.nextInt(0x5e)));
      }
    }
    return sb.toString();
  }

  private static String randomJsonish(Random random) {
    return switch (random.nextInt(7)) {
      case 0 -> "null";
      case 1 -> String.valueOf(random.nextLong());
      case 2 -> "\"" + escaped(randomText(random, 30)) + "\"";
      case 3 -> "[1,2]";
      case 4 -> "{\"a\":1}";
      case 5 -> "\"" + randomText(random, 10) + "\"";
      default -> "1e999999";
    };
  }

  private static String escaped(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\' || c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static byte[] randomBytes(Random random, int max) {
    byte[] b = new byte[random.nextInt(max + 1)];
    random.nextBytes(b);
    return b;
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
