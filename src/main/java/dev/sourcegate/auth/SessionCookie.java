package dev.sourcegate.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.SecretKey;

/**
 * The pyroscope_git_session cookie, byte-compatible with Pyroscope (docs/api.md §3). Its value is
 * base64 of {"token":"<sealed token>"}, or the older {"metadata":"<sealed token>","expiry":<unix ms>};
 * both are read. The login answers' cookie field is written in the older form because every released
 * front end reads its expiry to schedule GithubRefresh.
 */
public final class SessionCookie {
  public static final String NAME = "pyroscope_git_session";
  private static final ObjectMapper JSON = new ObjectMapper();
  // Go's http.TimeFormat: two-digit day, always GMT
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
  private static final int MAX_COOKIE_CHARS = 16 * 1024;

  private SessionCookie() {}

  /** The sealed token inside a cookie value of either form. */
  public static String sealedToken(String cookieValue) {
    if (cookieValue == null || cookieValue.isEmpty()) {
      throw new SessionException("no session cookie");
    }
    if (cookieValue.length() > MAX_COOKIE_CHARS) {
      throw new SessionException("session cookie is too long");
    }
    String value = cookieValue;
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      value = value.substring(1, value.length() - 1);
    }
    byte[] json;
    try {
      json = Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw new SessionException("session cookie is not base64");
    }
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (IOException e) {
      throw new SessionException("session cookie is not JSON");
    }
    if (node != null && node.isObject()) {
      if (node.path("token").isTextual() && !node.get("token").asText().isEmpty()) {
        return node.get("token").asText();
      }
      if (node.path("metadata").isTextual() && !node.get("metadata").asText().isEmpty()) {
        return node.get("metadata").asText();
      }
    }
    throw new SessionException("session cookie holds no token");
  }

  /** Opens a cookie value with the tenant's key. */
  public static OAuthToken read(String cookieValue, SecretKey tenantKey) {
    return OAuthToken.fromGoJson(TokenCipher.open(tenantKey, sealedToken(cookieValue)));
  }

  public static String seal(OAuthToken token, SecretKey tenantKey) {
    return TokenCipher.seal(tenantKey, token.toGoJson());
  }

  /** The current form: base64 of {"token":"<sealed>"}. */
  public static String value(String sealedToken) {
    ObjectNode node = JSON.createObjectNode();
    node.put("token", sealedToken);
    return base64Json(node);
  }

  /** The older form, which released clients parse: base64 of {"metadata":"<sealed>","expiry":<ms>}. */
  public static String legacyValue(String sealedToken, long expiryMillis) {
    ObjectNode node = JSON.createObjectNode();
    node.put("metadata", sealedToken);
    node.put("expiry", expiryMillis);
    return base64Json(node);
  }

  /**
   * The login/refresh answers' cookie field, exactly as released clients expect it: no Path, no Domain,
   * no HttpOnly (the client assigns it to document.cookie itself).
   */
  public static String responseCookie(String sealedToken, long accessExpiryMillis, Instant cookieExpiry) {
    return NAME + "=" + legacyValue(sealedToken, accessExpiryMillis)
        + "; Expires=" + HTTP_DATE.format(cookieExpiry) + "; Secure; SameSite=Lax";
  }

  private static String base64Json(ObjectNode node) {
    try {
      return Base64.getEncoder().encodeToString(JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
