package dev.sourcegate.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * An OAuth token in the JSON shape Go's golang.org/x/oauth2 writes, which is what a Pyroscope cookie
 * holds. expiry is null for a token that never expires (Go's zero time).
 */
public record OAuthToken(String accessToken, String tokenType, String refreshToken, Instant expiry) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GO_ZERO_TIME = "0001-01-01T00:00:00Z";
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

  public boolean expiredAt(Instant now) {
    return expiry != null && !now.isBefore(expiry);
  }

  public byte[] toGoJson() {
    ObjectNode node = JSON.createObjectNode();
    node.put("access_token", accessToken);
    node.put("token_type", tokenType == null || tokenType.isEmpty() ? "bearer" : tokenType);
    if (refreshToken != null && !refreshToken.isEmpty()) {
      node.put("refresh_token", refreshToken);
    }
    node.put("expiry", expiry == null ? GO_ZERO_TIME : formatGoTime(expiry));
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static OAuthToken fromGoJson(byte[] json) {
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (IOException e) {
      throw SessionException.unusableToken("session token is not JSON");
    }
    if (node == null || !node.isObject() || !node.path("access_token").isTextual()
        || node.path("access_token").asText().isEmpty()) {
      throw SessionException.unusableToken("session token has no access token");
    }
    // a token goes into an Authorization header or a form: CR, LF, NUL and the like must never get there
    if (!headerSafe(node.get("access_token").asText())) {
      throw SessionException.unusableToken("session token has an invalid access token");
    }
    JsonNode refresh = node.get("refresh_token");
    if (refresh != null && !refresh.isNull() && (!refresh.isTextual() || !headerSafe(refresh.asText()))) {
      throw SessionException.unusableToken("session token has an invalid refresh token");
    }
    Instant expiry = null;
    JsonNode e = node.get("expiry");
    if (e != null && !e.isNull()) {
      if (!e.isTextual()) {
        throw SessionException.unusableToken("session token has an invalid expiry");
      }
      expiry = parseGoTime(e.asText());
    }
    return new OAuthToken(
        node.get("access_token").asText(),
        node.path("token_type").asText("bearer"),
        node.path("refresh_token").asText(""),
        expiry);
  }

  /** Visible US-ASCII only: what OAuth tokens are made of (RFC 6750's b64token is a subset). */
  static boolean headerSafe(String token) {
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  /** RFC 3339 with optional fraction and offset; Go's zero time means "no expiry" (null). */
  static Instant parseGoTime(String text) {
    if (text.isEmpty() || text.equals(GO_ZERO_TIME)) {
      return null;
    }
    try {
      Instant t = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      return t.getEpochSecond() <= Instant.parse(GO_ZERO_TIME).getEpochSecond() ? null : t;
    } catch (DateTimeParseException ex) {
      throw SessionException.unusableToken("session token has an invalid expiry");
    }
  }

  /** Go's RFC3339Nano: fraction only when non-zero, trailing zeros trimmed, "Z" for UTC. */
  static String formatGoTime(Instant t) {
    StringBuilder sb = new StringBuilder(SECONDS.format(t.atOffset(ZoneOffset.UTC)));
    int nanos = t.getNano();
    if (nanos != 0) {
      String frac = String.format("%09d", nanos);
      int end = frac.length();
      while (frac.charAt(end - 1) == '0') {
        end--;
      }
      sb.append('.').append(frac, 0, end);
    }
    return sb.append('Z').toString();
  }

  @Override
  public String toString() {
    return "OAuthToken[accessToken=***, refreshToken=" + (refreshToken.isEmpty() ? "" : "***") + ", expiry=" + expiry + "]";
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
