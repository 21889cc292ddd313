package dev.sourcegate.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.testkit.FakeGitHub;
import dev.sourcegate.testkit.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A cookie that decrypts (so it was sealed with the session secret) but whose token holds CR, LF, NUL or
 * another control character is refused as unauthenticated before any upstream call: such a token cannot
 * go into an Authorization header.
 */
@ExtendWith(VertxExtension.class)
class UnusableTokenTest {
  private FakeGitHub fake;
  private TestGateway gw;

  @AfterEach
  void stop(VertxTestContext tc) {
    (gw == null ? fake.stop() : gw.stop().compose(v -> fake.stop())).onComplete(tc.succeedingThenComplete());
  }

  @ParameterizedTest
  @ValueSource(strings = {"gho_a\r\nX-Injected: 1", "gho_a\nb", "gho_a\u0000b", "gho_a\rb", "gho_\u007f", "gho_é"})
  void aSealedTokenWithControlCharactersIsUnauthenticated(String accessToken, Vertx vertx, VertxTestContext tc) {
    fake = new FakeGitHub(vertx);
    fake.file("acme", "app", "main", "a.py", "print(1)");
    String cookie = TestGateway.cookieFor("anonymous", accessToken, "ghr_r", Instant.now().plusSeconds(3600));
    JsonObject req = new JsonObject().put("repositoryURL", "https://github.com/acme/app").put("ref", "main").put("localPath", "a.py");
    TestGateway.start(vertx, fake, Map.of(), Clock.systemUTC())
        .compose(g -> {
          gw = g;
          return gw.call("GetFile", req, cookie);
        })
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(401, res.statusCode(), res.bodyAsString());
          JsonObject body = res.bodyAsJsonObject();
          assertEquals("unauthenticated", body.getString("code"));
          assertFalse(body.getString("message").contains("gho_"), body::encode);
          assertTrue(fake.requests().isEmpty(), () -> "no upstream call: " + fake.paths());
          tc.completeNow();
        })));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ghr_a\r\nX-Injected: 1", "ghr_\u0000"})
  void aRefreshWithARefreshTokenHoldingControlCharactersIsUnauthenticated(String refreshToken, Vertx vertx, VertxTestContext tc) {
    fake = new FakeGitHub(vertx);
    String cookie = TestGateway.cookieFor("anonymous", "gho_ok", refreshToken, Instant.now().plusSeconds(3600));
    TestGateway.start(vertx, fake, Map.of(), Clock.systemUTC())
        .compose(g -> {
          gw = g;
          return gw.call("GithubRefresh", new JsonObject(), cookie);
        })
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(401, res.statusCode(), res.bodyAsString());
          assertEquals("unauthenticated", res.bodyAsJsonObject().getString("code"));
          assertTrue(fake.requests().isEmpty(), () -> "no upstream call: " + fake.paths());
          tc.completeNow();
        })));
  }

  /** The token field of the cookie's JSON holding CR, LF or NUL (escaped, so the JSON itself is fine). */
  @ParameterizedTest
  @ValueSource(strings = {"{\"token\":\"abc\\r\\ndef\"}", "{\"token\":\"\\u0000\"}", "{\"metadata\":\"AAAA\\nAAAA\",\"expiry\":1}",
      "{\"token\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\\r\\n\"}"})
  void aCookieWhoseTokenFieldHoldsControlCharactersIsUnauthenticated(String json, Vertx vertx, VertxTestContext tc) {
    fake = new FakeGitHub(vertx);
    String cookie = java.util.Base64.getEncoder().encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    JsonObject req = new JsonObject().put("repositoryURL", "https://github.com/acme/app").put("ref", "main").put("localPath", "a.py");
    TestGateway.start(vertx, fake, Map.of(), Clock.systemUTC())
        .compose(g -> {
          gw = g;
          return gw.call("GetFile", req, cookie).compose(a -> gw.call("GithubRefresh", new JsonObject(), cookie).map(b -> java.util.List.of(a, b)));
        })
        .onComplete(tc.succeeding(both -> tc.verify(() -> {
          for (var res : both) {
            assertEquals(401, res.statusCode(), res.bodyAsString());
            assertEquals("unauthenticated", res.bodyAsJsonObject().getString("code"));
          }
          assertTrue(fake.requests().isEmpty(), () -> "no upstream call: " + fake.paths());
          tc.completeNow();
        })));
  }
}
