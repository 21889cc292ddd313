package dev.sourcegate.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.testkit.FakeGitHub;
import dev.sourcegate.testkit.FakeGitHub.OAuthAnswer;
import dev.sourcegate.testkit.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What GithubLogin and GithubRefresh answer when GitHub's token endpoint does not hand out a token: each
 * way it can fail keeps its own Connect code, and GitHub's error code survives its prose. These are the
 * answers an OAuth library that folds every failure into one free-text error would lose (see the comment
 * at the top of GitHubOAuthClient).
 */
@ExtendWith(VertxExtension.class)
class TokenEndpointOutcomesTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private static final long DEFAULT_REFRESH_LIFETIME_MS = 15_897_600_000L;

  private FakeGitHub fake;
  private TestGateway gateway;

  private Future<TestGateway> start(Vertx vertx, Map<String, String> env) {
    fake = new FakeGitHub(vertx);
    return TestGateway.start(vertx, fake, env, Clock.fixed(NOW, ZoneOffset.UTC)).onSuccess(g -> gateway = g);
  }

  @AfterEach
  void stop(VertxTestContext ctx) {
    List<Future<?>> all = new ArrayList<>();
    if (gateway != null) {
      all.add(gateway.stop());
    }
    if (fake != null) {
      all.add(fake.stop());
    }
    Future.join(all).onComplete(ar -> ctx.completeNow());
  }

  /** A login with some code, or a refresh with a valid session cookie. */
  private Future<HttpResponse<Buffer>> ask(String method) {
    return method.equals("GithubLogin")
        ? gateway.call(method, new JsonObject().put("authorizationCode", "some-code"), null)
        : gateway.call(method, new JsonObject(), TestGateway.cookieFor("gho_before"));
  }

  private JsonObject error(HttpResponse<Buffer> res, int status, String code) {
    assertEquals(status, res.statusCode(), res::bodyAsString);
    JsonObject body = res.bodyAsJsonObject();
    assertEquals(code, body.getString("code"), body::encode);
    String text = res.bodyAsString();
    assertFalse(text.contains("127.0.0.1") || text.contains(String.valueOf(fake.port())), "upstream named: " + text);
    assertFalse(text.contains(TestGateway.CLIENT_SECRET), text);
    assertFalse(text.contains("Exception"), text);
    return body;
  }

  @ParameterizedTest
  @CsvSource({"GithubLogin,503,503,unavailable", "GithubRefresh,503,503,unavailable",
      "GithubLogin,502,503,unavailable", "GithubRefresh,502,503,unavailable",
      "GithubLogin,429,429,resource_exhausted", "GithubRefresh,429,429,resource_exhausted"})
  void gitHubDownOrRateLimitedIsNotARefusal(String method, int upstream, int status, String code,
      Vertx vertx, VertxTestContext ctx) {
    start(vertx, Map.of())
        .compose(g -> {
          fake.oauth(form -> new OAuthAnswer(upstream, "application/json; charset=utf-8",
              new JsonObject().put("message", "trouble at " + fake.baseUrl()).encode()));
          return ask(method);
        })
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          error(res, status, code);
          ctx.completeNow();
        })));
  }

  @ParameterizedTest
  @ValueSource(strings = {"GithubLogin", "GithubRefresh"})
  void aTokenEndpointThatNeverAnswersIsUnavailableOnceTheUpstreamTimeoutRunsOut(String method, Vertx vertx, VertxTestContext ctx) {
    // the fake takes the request and never answers: only the gateway's own upstream timeout can end the call
    start(vertx, Map.of("SOURCEGATE_UPSTREAM_TIMEOUT_MS", "300"))
        .compose(g -> {
          fake.intercept(c -> c.request().path().equals("/login/oauth/access_token"));
          return ask(method);
        })
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          error(res, 503, "unavailable");
          assertEquals(1, fake.requests().size(), fake.paths()::toString);
          ctx.completeNow();
        })));
  }

  @Test
  void aRefusedCodeNamesGitHubsErrorCodeNotItsProse(Vertx vertx, VertxTestContext ctx) {
    start(vertx, Map.of())
        .compose(g -> {
          fake.oauth(form -> OAuthAnswer.json(new JsonObject().put("error", "bad_verification_code")
              .put("error_description", "The code passed is incorrect or expired.")
              .put("error_uri", "https://docs.github.com/apps/troubleshooting")));
          return ask("GithubLogin");
        })
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          String message = error(res, 401, "unauthenticated").getString("message");
          assertTrue(message.contains("bad_verification_code"), message);
          assertFalse(message.contains("incorrect or expired"), message);
          ctx.completeNow();
        })));
  }

  /** Go's oauth2 reads expires_in 0 as "no expiry"; a login must not fail because of it. */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aLoginWithExpiresInZeroGetsATokenWithoutExpiry(boolean json, Vertx vertx, VertxTestContext ctx) {
    start(vertx, Map.of())
        .compose(g -> {
          fake.oauth(form -> json
              ? OAuthAnswer.json(new JsonObject().put("access_token", "gho_zero").put("expires_in", 0)
                  .put("scope", "").put("token_type", "bearer"))
              : OAuthAnswer.form("access_token=gho_zero&expires_in=0&scope=&token_type=bearer"));
          return ask("GithubLogin");
        })
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          assertEquals(200, res.statusCode(), res::bodyAsString);
          JsonObject body = res.bodyAsJsonObject();
          long refreshExpiry = NOW.toEpochMilli() + DEFAULT_REFRESH_LIFETIME_MS;
          assertEquals(String.valueOf(refreshExpiry), body.getString("refreshTokenExpiresAt"));
          assertEquals(String.valueOf(refreshExpiry), body.getString("tokenExpiresAt"), "no expiry: the cookie's lifetime");
          OAuthToken token = OAuthToken.fromGoJson(TokenCipher.open(
              new TenantKeys(TestGateway.SECRET).keyFor("anonymous"), body.getString("token")));
          assertEquals("gho_zero", token.accessToken());
          assertNull(token.expiry());
          ctx.completeNow();
        })));
  }
}
