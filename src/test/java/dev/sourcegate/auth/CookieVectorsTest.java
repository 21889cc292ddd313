package dev.sourcegate.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The session cookie against cookies a Pyroscope server wrote (src/test/resources/cookie-vectors.json),
 * plus the cookie/token format rules of docs/api.md §3.
 */
class CookieVectorsTest {
  private static final String SECRET = "16_byte_key_XXXX";

  // ---------------------------------------------------------------- the shared vectors

  private static List<JsonObject> vectors() {
    try (InputStream in = CookieVectorsTest.class.getResourceAsStream("/cookie-vectors.json")) {
      if (in == null) {
        throw new IllegalStateException("cookie-vectors.json is not on the test classpath");
      }
      JsonArray all = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getJsonArray("vectors");
      List<JsonObject> out = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        out.add(all.getJsonObject(i));
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static SecretKey key(JsonObject v) {
    return new SecretKeySpec(TenantKeys.derive(v.getString("secret").getBytes(StandardCharsets.UTF_8), v.getString("tenant")), "AES");
  }

  private static String name(int i, JsonObject v) {
    return "vector " + i + " (" + v.getString("expect") + ", tenant " + v.getString("tenant") + ")";
  }

  @Test
  void theVectorFileCoversEveryExpectation() {
    List<String> expects = vectors().stream().map(v -> v.getString("expect")).toList();
    assertTrue(expects.contains("valid"), expects::toString);
    assertTrue(expects.contains("expired"), expects::toString);
    assertTrue(expects.contains("valid-no-expiry"), expects::toString);
    assertTrue(expects.stream().anyMatch(e -> e.startsWith("reject: tampered")), expects::toString);
    assertTrue(expects.stream().anyMatch(e -> e.startsWith("reject: minted for")), expects::toString);
  }

  @TestFactory
  Stream<DynamicTest> keyDerivationMatchesPyroscope() {
    List<JsonObject> all = vectors();
    List<DynamicTest> tests = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      JsonObject v = all.get(i);
      if (!v.containsKey("key_sha256_hex")) {
        continue;
      }
      tests.add(DynamicTest.dynamicTest(name(i, v), () -> {
        byte[] derived = TenantKeys.derive(v.getString("secret").getBytes(StandardCharsets.UTF_8), v.getString("tenant"));
        assertEquals(32, derived.length);
        assertEquals(v.getString("key_sha256_hex"), HexFormat.of().formatHex(derived));
        // the public, cached path gives the same key
        assertArrayEquals(derived, new TenantKeys(v.getString("secret")).keyFor(v.getString("tenant")).getEncoded());
      }));
    }
    assertFalse(tests.isEmpty());
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> everyVectorIsReadAsItsExpectSays() {
    List<JsonObject> all = vectors();
    List<DynamicTest> tests = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      JsonObject v = all.get(i);
      String expect = v.getString("expect");
      tests.add(DynamicTest.dynamicTest(name(i, v), () -> {
        if (expect.startsWith("reject")) {
          assertRejected(v);
        } else {
          assertReadable(v, expect);
        }
      }));
    }
    return tests.stream();
  }

  private static void assertReadable(JsonObject v, String expect) {
    SecretKey key = key(v);
    JsonObject plain = new JsonObject(v.getString("plaintext"));
    String encrypted = v.getString("encrypted_token");
    // both cookie forms carry the same sealed token
    assertEquals(encrypted, SessionCookie.sealedToken(v.getString("cookie")));
    assertEquals(encrypted, SessionCookie.sealedToken(v.getString("deprecated_cookie")));
    // the sealed token opens to Pyroscope's plaintext, byte for byte
    assertArrayEquals(v.getString("plaintext").getBytes(StandardCharsets.UTF_8), TokenCipher.open(key, encrypted));
    // sealing the same plaintext with the vector's nonce gives Pyroscope's bytes: same layout, same cipher
    byte[] nonce = Arrays.copyOf(Base64.getDecoder().decode(encrypted), 12);
    assertEquals(encrypted, TokenCipher.seal(key, v.getString("plaintext").getBytes(StandardCharsets.UTF_8), nonce));

    for (String form : List.of("cookie", "deprecated_cookie")) {
      OAuthToken token = SessionCookie.read(v.getString(form), key);
      assertEquals(plain.getString("access_token"), token.accessToken(), form);
      assertEquals(plain.getString("refresh_token", ""), token.refreshToken(), form);
      assertEquals(plain.getString("token_type"), token.tokenType(), form);
      switch (expect) {
        case "valid" -> {
          assertEquals(Instant.parse(plain.getString("expiry")), token.expiry(), form);
          assertFalse(token.expiredAt(Instant.now()), form + " must not be expired now");
        }
        case "expired" -> {
          assertEquals(Instant.parse(plain.getString("expiry")), token.expiry(), form);
          assertTrue(token.expiredAt(Instant.now()), form + " must be expired now");
        }
        case "valid-no-expiry" -> {
          assertNull(token.expiry(), form + ": Go's zero time means no expiry");
          assertFalse(token.expiredAt(Instant.now()), form);
          assertFalse(token.expiredAt(Instant.parse("9999-12-31T23:59:59Z")), form + ": never expires");
        }
        default -> fail("unknown expectation " + expect);
      }
    }
  }

  private static void assertRejected(JsonObject v) {
    SecretKey key = key(v);
    assertThrows(SessionException.class, () -> SessionCookie.read(v.getString("cookie"), key));
    assertThrows(SessionException.class, () -> TokenCipher.open(key, v.getString("encrypted_token")));
    if (v.containsKey("deprecated_cookie")) {
      assertThrows(SessionException.class, () -> SessionCookie.read(v.getString("deprecated_cookie"), key));
    }
  }

  @Test
  void theExpiredVectorKeepsItsZoneOffset() {
    JsonObject expired = vectors().stream().filter(v -> v.getString("expect").equals("expired")).findFirst().orElseThrow();
    OAuthToken token = SessionCookie.read(expired.getString("cookie"), key(expired));
    // "2020-01-02T03:04:05+02:00" is 01:04:05 UTC
    assertEquals(Instant.parse("2020-01-02T01:04:05Z"), token.expiry());
  }

  @Test
  void aCookieMintedForTenantAOpensInTenantAOnly() {
    JsonObject forB = vectors().stream().filter(v -> v.getString("expect").startsWith("reject: minted for")).findFirst().orElseThrow();
    String cookie = forB.getString("cookie");
    SecretKey tenantA = new TenantKeys(SECRET).keyFor("tenant-a");
    assertEquals("gho_tenant_a", SessionCookie.read(cookie, tenantA).accessToken());
    assertThrows(SessionException.class, () -> SessionCookie.read(cookie, new TenantKeys(SECRET).keyFor("tenant-b")));
    assertThrows(SessionException.class, () -> SessionCookie.read(cookie, new TenantKeys(SECRET).keyFor("anonymous")));
    assertThrows(SessionException.class, () -> SessionCookie.read(cookie, new TenantKeys("another-secret-1").keyFor("tenant-a")));
  }

  // ---------------------------------------------------------------- round trips

  @Test
  void sealThenOpenRoundTrips() {
    SecretKey key = new TenantKeys(SECRET).keyFor("anonymous");
    OAuthToken token = new OAuthToken("gho_abc", "bearer", "ghr_def", Instant.parse("2030-05-06T07:08:09.120Z"));
    String sealed = SessionCookie.seal(token, key);
    assertEquals(token, SessionCookie.read(SessionCookie.value(sealed), key));
    assertEquals(token, SessionCookie.read(SessionCookie.legacyValue(sealed, 1234L), key));
    // a fresh nonce every time
    assertNotEquals(sealed, SessionCookie.seal(token, key));
    byte[] raw = Base64.getDecoder().decode(sealed);
    assertEquals(12 + token.toGoJson().length + 16, raw.length, "nonce || ciphertext || 16-byte tag");
  }

  @Test
  void sealedTokenPlaintextIsGoOAuth2Json() {
    SecretKey key = new TenantKeys(SECRET).keyFor("anonymous");
    OAuthToken token = new OAuthToken("gho_abc", "bearer", "ghr_def", Instant.parse("2030-05-06T07:08:09.120Z"));
    JsonObject plain = new JsonObject(new String(TokenCipher.open(key, SessionCookie.seal(token, key)), StandardCharsets.UTF_8));
    assertEquals("gho_abc", plain.getString("access_token"));
    assertEquals("bearer", plain.getString("token_type"));
    assertEquals("ghr_def", plain.getString("refresh_token"));
    assertEquals("2030-05-06T07:08:09.12Z", plain.getString("expiry"));

    OAuthToken never = new OAuthToken("gho_abc", "bearer", "", null);
    JsonObject plainNever = new JsonObject(new String(TokenCipher.open(key, SessionCookie.seal(never, key)), StandardCharsets.UTF_8));
    assertEquals("0001-01-01T00:00:00Z", plainNever.getString("expiry"), "no expiry is Go's zero time");
    assertEquals(never, SessionCookie.read(SessionCookie.value(SessionCookie.seal(never, key)), key));
  }

  @Test
  void cookieValueForms() {
    JsonObject current = new JsonObject(new String(Base64.getDecoder().decode(SessionCookie.value("SEALED")), StandardCharsets.UTF_8));
    assertEquals(new JsonObject().put("token", "SEALED"), current);
    JsonObject older = new JsonObject(new String(Base64.getDecoder().decode(SessionCookie.legacyValue("SEALED", 1796148000250L)), StandardCharsets.UTF_8));
    assertEquals(new JsonObject().put("metadata", "SEALED").put("expiry", 1796148000250L), older);
    assertTrue(older.getValue("expiry") instanceof Number, "expiry is a JSON number of unix ms");
  }

  // ---------------------------------------------------------------- the cookie field of login answers

  private static final Pattern RESPONSE_COOKIE = Pattern.compile(
      "pyroscope_git_session=([A-Za-z0-9+/]+={0,2}); Expires=([A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT); Secure; SameSite=Lax");

  @Test
  void responseCookieHasTheExactFormatReleasedClientsParse() {
    String cookie = SessionCookie.responseCookie("SEALED+/=", 1796148000250L, Instant.parse("2006-01-02T15:04:05.999Z"));
    Matcher m = RESPONSE_COOKIE.matcher(cookie);
    assertTrue(m.matches(), cookie);
    JsonObject value = new JsonObject(new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8));
    assertEquals(new JsonObject().put("metadata", "SEALED+/=").put("expiry", 1796148000250L), value);
    // Go's http.TimeFormat: two-digit day, English names, GMT
    assertEquals("Mon, 02 Jan 2006 15:04:05 GMT", m.group(2));
    assertFalse(cookie.contains("Path"), cookie);
    assertFalse(cookie.contains("Domain"), cookie);
    assertFalse(cookie.contains("HttpOnly"), cookie);
  }

  @ParameterizedTest
  @CsvSource({
      "2027-06-02T10:00:00.250Z, 'Wed, 02 Jun 2027 10:00:00 GMT'",
      "2026-12-31T23:59:59Z, 'Thu, 31 Dec 2026 23:59:59 GMT'",
      "2030-09-09T09:09:09Z, 'Mon, 09 Sep 2030 09:09:09 GMT'"})
  void responseCookieExpiresIsGoHttpTimeFormat(String instant, String expected) {
    String cookie = SessionCookie.responseCookie("x", 1L, Instant.parse(instant));
    assertTrue(cookie.contains("; Expires=" + expected + "; "), cookie);
  }

  // ---------------------------------------------------------------- bad cookies and tokens

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void truncatedTokenIsRejected() {
    SecretKey key = new TenantKeys(SECRET).keyFor("anonymous");
    String sealed = SessionCookie.seal(new OAuthToken("gho_a", "bearer", "ghr_b", null), key);
    byte[] raw = Base64.getDecoder().decode(sealed);
    for (int keep : new int[] {0, 5, 12, 27, raw.length - 1}) {
      String cut = Base64.getEncoder().encodeToString(Arrays.copyOf(raw, keep));
      assertThrows(SessionException.class, () -> TokenCipher.open(key, cut), "kept " + keep + " bytes");
      assertThrows(SessionException.class, () -> SessionCookie.read(SessionCookie.value(cut), key), "kept " + keep + " bytes");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"!!!not base64!!!", "eyJ0b2tlbiI6", "%%%", "e30=x"})
  void nonBase64CookieIsRejected(String value) {
    SecretKey key = new TenantKeys(SECRET).keyFor("anonymous");
    assertThrows(SessionException.class, () -> SessionCookie.read(value, key));
  }

  @Test
  void nonBase64SealedTokenIsRejected() {
    SecretKey key = new TenantKeys(SECRET).keyFor("anonymous");
    assertThrows(SessionException.class, () -> SessionCookie.read(SessionCookie.value("*** not base64 ***"), key));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"foo\":\"bar\"}", "{\"token\":\"\"}", "{\"metadata\":42}", "{\"token\":null}", "[]", "\"token\"", "null", "not json"})
  void cookieJsonWithoutATokenIsRejected(String json) {
    SecretKey key = new TenantKeys(SECRET).keyFor("anonymous");
    assertThrows(SessionException.class, () -> SessionCookie.read(b64(json), key));
  }

  @Test
  void missingOrEmptyCookieIsRejected() {
    SecretKey key = new TenantKeys(SECRET).keyFor("anonymous");
    assertThrows(SessionException.class, () -> SessionCookie.read(null, key));
    assertThrows(SessionException.class, () -> SessionCookie.read("", key));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"token_type\":\"bearer\"}",
      "{\"access_token\":\"\"}",
      "{\"access_token\":7}",
      "{\"access_token\":\"gho\",\"expiry\":\"yesterday\"}",
      "{\"access_token\":\"gho\",\"expiry\":12}",
      "[1,2]",
      "not json"})
  void sealedPlaintextThatIsNotAUsableTokenIsRejected(String plaintext) {
    SecretKey key = new TenantKeys(SECRET).keyFor("anonymous");
    String sealed = TokenCipher.seal(key, plaintext.getBytes(StandardCharsets.UTF_8));
    assertThrows(SessionException.class, () -> SessionCookie.read(SessionCookie.value(sealed), key));
  }

  @Test
  void sessionExceptionNeverCarriesTheCookie() {
    SecretKey key = new TenantKeys(SECRET).keyFor("anonymous");
    String cookie = TestCookies.tamper(SessionCookie.value(SessionCookie.seal(new OAuthToken("gho_secret_value", "bearer", "ghr_x", null), key)));
    SessionException e = assertThrows(SessionException.class, () -> SessionCookie.read(cookie, key));
    assertFalse(e.getMessage().contains("gho_secret_value"));
    assertFalse(e.getMessage().contains(cookie));
    assertEquals(0, e.getStackTrace().length, "an answer, not a bug: no stack trace");
  }

  /** Small helpers for building bad cookies. */
  static final class TestCookies {
    private TestCookies() {}

    /** Flips one bit of the sealed token's ciphertext inside a current-form cookie value. */
    static String tamper(String cookieValue) {
      String sealed = SessionCookie.sealedToken(cookieValue);
      byte[] raw = Base64.getDecoder().decode(sealed);
      raw[raw.length - 20] ^= 0x01;
      return SessionCookie.value(Base64.getEncoder().encodeToString(raw));
    }
  }

  // ---------------------------------------------------------------- Go time

  @ParameterizedTest
  @CsvSource({
      "2026-11-26T15:04:05Z, 2026-11-26T15:04:05Z",
      "2026-11-26T15:04:05.123456789Z, 2026-11-26T15:04:05.123456789Z",
      "2026-11-26T15:04:05.120Z, 2026-11-26T15:04:05.12Z",
      "2026-11-26T15:04:05.100000000Z, 2026-11-26T15:04:05.1Z",
      "2026-11-26T15:04:05.000000100Z, 2026-11-26T15:04:05.0000001Z",
      "2026-11-26T15:04:05.000001Z, 2026-11-26T15:04:05.000001Z",
      "2001-02-03T04:05:06.500Z, 2001-02-03T04:05:06.5Z"})
  void goTimeFormatTrimsTheFractionLikeRfc3339Nano(String instant, String expected) {
    assertEquals(expected, OAuthToken.formatGoTime(Instant.parse(instant)));
  }

  @ParameterizedTest
  @CsvSource({
      "2026-11-26T15:04:05Z, 2026-11-26T15:04:05Z",
      "2026-11-26T15:04:05.123456789Z, 2026-11-26T15:04:05.123456789Z",
      "2026-11-26T15:04:05.5Z, 2026-11-26T15:04:05.500Z",
      "2026-11-26T15:04:05+02:00, 2026-11-26T13:04:05Z",
      "2026-11-26T15:04:05.25-07:00, 2026-11-26T22:04:05.250Z",
      "2026-11-26T00:30:00+05:30, 2026-11-25T19:00:00Z"})
  void goTimeParsesRfc3339WithFractionAndOffset(String text, String expected) {
    assertEquals(Instant.parse(expected), OAuthToken.parseGoTime(text));
  }

  @Test
  void goZeroTimeMeansNoExpiry() {
    assertNull(OAuthToken.parseGoTime("0001-01-01T00:00:00Z"));
    assertNull(OAuthToken.parseGoTime(""));
    OAuthToken t = OAuthToken.fromGoJson("{\"access_token\":\"gho\",\"expiry\":\"0001-01-01T00:00:00Z\"}".getBytes(StandardCharsets.UTF_8));
    assertNull(t.expiry());
    OAuthToken noField = OAuthToken.fromGoJson("{\"access_token\":\"gho\"}".getBytes(StandardCharsets.UTF_8));
    assertNull(noField.expiry());
    assertEquals("bearer", noField.tokenType());
    assertEquals("", noField.refreshToken());
  }

  @ParameterizedTest
  @ValueSource(strings = {"yesterday", "2026-11-26", "2026-11-26 15:04:05Z", "2026-13-01T00:00:00Z", "2026-11-26T15:04:05"})
  void badGoTimeIsASessionException(String text) {
    assertThrows(SessionException.class, () -> OAuthToken.parseGoTime(text));
  }

  @Test
  void goTimeRoundTrips() {
    for (String s : List.of("2026-11-26T15:04:05Z", "2026-11-26T15:04:05.000000001Z", "2036-01-02T03:04:05.123456789Z")) {
      Instant t = Instant.parse(s);
      assertEquals(t, OAuthToken.parseGoTime(OAuthToken.formatGoTime(t)), s);
    }
  }
}
