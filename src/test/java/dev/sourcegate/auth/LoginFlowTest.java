package dev.sourcegate.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.testkit.FakeGitHub;
import dev.sourcegate.testkit.FakeGitHub.OAuthAnswer;
import dev.sourcegate.testkit.FakeGitHub.Recorded;
import dev.sourcegate.testkit.TestGateway;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GithubApp, GithubLogin and GithubRefresh end to end: the real gateway against the fake's OAuth endpoint
 * (docs/api.md §3 and §4). Most tests run the gateway on a fixed clock so that every instant in the
 * answers can be checked exactly.
 */
@ExtendWith(VertxExtension.class)
class LoginFlowTest {
  private static final String TOKEN_PATH = "/login/oauth/access_token";
  /** The fixed "now" of the gateway: +183 days (GitHub's refresh token lifetime) falls on a one-digit day. */
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00.250Z");
  private static final long NOW_MS = NOW.toEpochMilli();
  private static final long EIGHT_HOURS_MS = 28_800_000L;
  private static final long GITHUB_REFRESH_LIFETIME_MS = 15_811_200_000L;
  private static final long DEFAULT_REFRESH_LIFETIME_MS = 15_897_600_000L;

  private static final Pattern COOKIE = Pattern.compile(
      "pyroscope_git_session=([A-Za-z0-9+/]+={0,2}); Expires=([^;]+); Secure; SameSite=Lax");

  private FakeGitHub fake;
  private TestGateway gateway;

  // ---------------------------------------------------------------- harness

  private Future<TestGateway> start(Vertx vertx, Clock clock, Consumer<Map<String, String>> envChanges) {
    fake = new FakeGitHub(vertx);
    return fake.start().compose(f -> {
      Map<String, String> env = new HashMap<>(TestGateway.env(f));
      envChanges.accept(env);
      return TestGateway.start(vertx, env, clock);
    }).onSuccess(g -> gateway = g);
  }

  private Future<TestGateway> start(Vertx vertx) {
    return start(vertx, Clock.fixed(NOW, ZoneOffset.UTC), env -> {});
  }

  private Future<TestGateway> startMultitenant(Vertx vertx) {
    return start(vertx, Clock.fixed(NOW, ZoneOffset.UTC), env -> env.put("SOURCEGATE_MULTITENANT", "true"));
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

  private Future<HttpResponse<Buffer>> call(String method, JsonObject body, String cookie) {
    return gateway.call(method, body, cookie);
  }

  private Future<HttpResponse<Buffer>> call(String method, String cookie, String tenant) {
    return gateway.call(method, new JsonObject(), cookie, tenant == null ? Map.of() : Map.of("X-Scope-OrgID", tenant));
  }

  private Future<HttpResponse<Buffer>> login(String code) {
    return call("GithubLogin", new JsonObject().put("authorizationCode", code), null);
  }

  private Future<HttpResponse<Buffer>> refresh(String cookie) {
    return call("GithubRefresh", new JsonObject(), cookie);
  }

  /** GitHub's JSON answer for a GitHub App user token. */
  private static JsonObject grant(String access, String refresh) {
    return new JsonObject()
        .put("access_token", access).put("expires_in", 28800)
        .put("refresh_token", refresh).put("refresh_token_expires_in", 15811200)
        .put("scope", "repo").put("token_type", "bearer");
  }

  /** Answers a login with the grant for one code, a refresh with the grant for one refresh token. */
  private void script(String code, JsonObject loginGrant, String refreshToken, JsonObject refreshGrant) {
    fake.oauth(form -> {
      if ("refresh_token".equals(form.get("grant_type"))) {
        return refreshToken != null && refreshToken.equals(form.get("refresh_token"))
            ? OAuthAnswer.json(refreshGrant) : OAuthAnswer.json(new JsonObject().put("error", "bad_refresh_token"));
      }
      return code.equals(form.get("code")) ? OAuthAnswer.json(loginGrant)
          : OAuthAnswer.json(new JsonObject().put("error", "bad_verification_code")
              .put("error_description", "The code passed is incorrect or expired."));
    });
  }

  private List<Recorded> tokenCalls() {
    return fake.requests().stream().filter(r -> r.path().equals(TOKEN_PATH)).toList();
  }

  private static Map<String, String> form(Recorded r) {
    Map<String, String> out = new HashMap<>();
    new QueryStringDecoder(r.body(), StandardCharsets.UTF_8, false).parameters().forEach((k, v) -> out.put(k, v.get(0)));
    return out;
  }

  private static JsonObject ok(HttpResponse<Buffer> res) {
    assertEquals(200, res.statusCode(), res::bodyAsString);
    assertTrue(res.getHeader("Content-Type").startsWith("application/json"), res.getHeader("Content-Type"));
    return res.bodyAsJsonObject();
  }

  private static JsonObject error(HttpResponse<Buffer> res, int status, String code) {
    assertEquals(status, res.statusCode(), res::bodyAsString);
    JsonObject body = res.bodyAsJsonObject();
    assertEquals(code, body.getString("code"), body::encode);
    assertNotNull(body.getString("message"));
    String text = res.bodyAsString();
    assertFalse(text.contains("Exception"), text);
    assertFalse(text.contains(TestGateway.CLIENT_SECRET), text);
    assertFalse(text.contains("gho_"), "no token in an error: " + text);
    assertFalse(text.contains("ghr_"), "no token in an error: " + text);
    return body;
  }

  /** What the cookie field of a login/refresh answer says, checked against the other fields. */
  record Issued(String cookieValue, String sealed, long cookieExpiry, String expires, long tokenExpiresAt, long refreshTokenExpiresAt) {}

  private static Issued issued(JsonObject body) {
    String cookie = body.getString("cookie");
    assertNotNull(cookie, body::encode);
    Matcher m = COOKIE.matcher(cookie);
    assertTrue(m.matches(), () -> "cookie field not in the exact released format: " + cookie);
    JsonObject value = new JsonObject(new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8));
    assertEquals(2, value.size(), () -> "older form has exactly metadata and expiry: " + value.encode());
    assertTrue(value.getValue("expiry") instanceof Number, value::encode);
    assertTrue(body.getValue("tokenExpiresAt") instanceof String, () -> "int64 is a JSON string: " + body.encode());
    assertTrue(body.getValue("refreshTokenExpiresAt") instanceof String, () -> "int64 is a JSON string: " + body.encode());
    Issued issued = new Issued(m.group(1), value.getString("metadata"), value.getLong("expiry"), m.group(2),
        Long.parseLong(body.getString("tokenExpiresAt")), Long.parseLong(body.getString("refreshTokenExpiresAt")));
    assertEquals(body.getString("token"), issued.sealed(), "token field is the sealed token in the cookie");
    return issued;
  }

  private static OAuthToken open(String sealed, String tenant) {
    return OAuthToken.fromGoJson(TokenCipher.open(new TenantKeys(TestGateway.SECRET).keyFor(tenant), sealed));
  }

  // ---------------------------------------------------------------- GithubApp

  @Test
  void githubAppReturnsClientIdAndCallback(Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> call("GithubApp", new JsonObject(), null))
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          assertEquals(new JsonObject().put("clientID", TestGateway.CLIENT_ID).put("callbackURL", TestGateway.CALLBACK), ok(res));
          assertTrue(fake.requests().isEmpty(), "GithubApp does not call GitHub");
          ctx.completeNow();
        })));
  }

  // ---------------------------------------------------------------- GithubLogin

  @Test
  void loginExchangesTheCodeAndAnswersInTheReleasedFormat(Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> {
          script("good-code", grant("gho_login", "ghr_login"), null, null);
          return login("good-code");
        })
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          Issued i = issued(ok(res));
          assertEquals(NOW_MS + EIGHT_HOURS_MS, i.tokenExpiresAt());
          assertEquals(NOW_MS + GITHUB_REFRESH_LIFETIME_MS, i.refreshTokenExpiresAt());
          assertEquals(i.tokenExpiresAt(), i.cookieExpiry(), "the cookie's expiry is the access token's");
          // Go's http.TimeFormat of the refresh token's expiry, two-digit day
          assertEquals("Wed, 02 Jun 2027 10:00:00 GMT", i.expires());
          OAuthToken token = open(i.sealed(), "anonymous");
          assertEquals("gho_login", token.accessToken());
          assertEquals("ghr_login", token.refreshToken());
          assertEquals(Instant.ofEpochMilli(NOW_MS + EIGHT_HOURS_MS), token.expiry());

          List<Recorded> calls = tokenCalls();
          assertEquals(1, calls.size(), fake.paths()::toString);
          assertEquals("POST", calls.get(0).method());
          Map<String, String> form = form(calls.get(0));
          assertEquals(TestGateway.CLIENT_ID, form.get("client_id"));
          assertEquals(TestGateway.CLIENT_SECRET, form.get("client_secret"));
          assertEquals("good-code", form.get("code"));
          assertNull(form.get("grant_type"));
          ctx.completeNow();
        })));
  }

  @Test
  void loginOnTheSystemClockExpiresInEightHours(Vertx vertx, VertxTestContext ctx) {
    long before = System.currentTimeMillis();
    start(vertx, Clock.systemUTC(), env -> {})
        .compose(g -> {
          script("good-code", grant("gho_login", "ghr_login"), null, null);
          return login("good-code");
        })
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          long after = System.currentTimeMillis();
          Issued i = issued(ok(res));
          assertTrue(i.tokenExpiresAt() >= before + EIGHT_HOURS_MS && i.tokenExpiresAt() <= after + EIGHT_HOURS_MS, i::toString);
          assertTrue(i.refreshTokenExpiresAt() >= before + GITHUB_REFRESH_LIFETIME_MS
              && i.refreshTokenExpiresAt() <= after + GITHUB_REFRESH_LIFETIME_MS, i::toString);
          ctx.completeNow();
        })));
  }

  @Test
  void loginAcceptsAFormEncodedAnswer(Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> {
          fake.oauth(form -> "form-code".equals(form.get("code"))
              ? OAuthAnswer.form("access_token=gho_form&expires_in=28800&refresh_token=ghr_form"
                  + "&refresh_token_expires_in=15811200&scope=&token_type=bearer")
              : OAuthAnswer.form("error=bad_verification_code&error_description=The+code+passed+is+incorrect"));
          return login("form-code");
        })
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          Issued i = issued(ok(res));
          assertEquals(NOW_MS + EIGHT_HOURS_MS, i.tokenExpiresAt());
          assertEquals(NOW_MS + GITHUB_REFRESH_LIFETIME_MS, i.refreshTokenExpiresAt());
          OAuthToken token = open(i.sealed(), "anonymous");
          assertEquals("gho_form", token.accessToken());
          assertEquals("ghr_form", token.refreshToken());
          ctx.completeNow();
        })));
  }

  @Test
  void loginRejectedFormEncodedIsUnauthenticated(Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> {
          fake.oauth(form -> OAuthAnswer.form("error=bad_verification_code&error_description=The+code+passed+is+incorrect"));
          return login("whatever");
        })
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          error(res, 401, "unauthenticated");
          ctx.completeNow();
        })));
  }

  @Test
  void withoutRefreshTokenExpiresInTheReferenceConstantIsUsed(Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> {
          fake.oauth(form -> OAuthAnswer.json(new JsonObject().put("access_token", "gho_a").put("expires_in", 28800)
              .put("refresh_token", "ghr_a").put("scope", "").put("token_type", "bearer")));
          return login("c");
        })
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          Issued i = issued(ok(res));
          assertEquals(NOW_MS + DEFAULT_REFRESH_LIFETIME_MS, i.refreshTokenExpiresAt());
          assertEquals("Thu, 03 Jun 2027 10:00:00 GMT", i.expires());
          assertEquals(NOW_MS + EIGHT_HOURS_MS, i.tokenExpiresAt());
          ctx.completeNow();
        })));
  }

  @Test
  void aTokenWithoutExpiryGetsTheCookieExpiry(Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> {
          // an OAuth App, or a GitHub App with expiring tokens turned off: no expires_in, no refresh token
          fake.oauth(form -> OAuthAnswer.json(new JsonObject().put("access_token", "gho_forever").put("scope", "repo").put("token_type", "bearer")));
          return login("c");
        })
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          Issued i = issued(ok(res));
          assertEquals(NOW_MS + DEFAULT_REFRESH_LIFETIME_MS, i.refreshTokenExpiresAt());
          assertEquals(i.refreshTokenExpiresAt(), i.cookieExpiry(), "no refresh loop: the cookie's expiry is the cookie's lifetime");
          assertEquals("Thu, 03 Jun 2027 10:00:00 GMT", i.expires());
          OAuthToken token = open(i.sealed(), "anonymous");
          assertEquals("gho_forever", token.accessToken());
          assertNull(token.expiry(), "sealed with Go's zero time: never expires");
          JsonObject plain = new JsonObject(new String(TokenCipher.open(new TenantKeys(TestGateway.SECRET).keyFor("anonymous"), i.sealed()), StandardCharsets.UTF_8));
          assertEquals("0001-01-01T00:00:00Z", plain.getString("expiry"));
          ctx.completeNow();
        })));
  }

  @ParameterizedTest
  @CsvSource({"expires_in,soon", "expires_in,''", "refresh_token_expires_in,never", "refresh_token_expires_in,''"})
  void aLoginAnswerWithALifetimeThatIsNotANumberIsInternal(String field, String value, Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> {
          fake.oauth(form -> OAuthAnswer.json(grant("gho_l", "ghr_l").put(field, value)));
          return login("c");
        })
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          JsonObject body = error(res, 500, "internal");
          assertTrue(body.getString("message").startsWith("failed to log in"), body::encode);
          assertFalse(body.encode().contains("cookie"), body::encode);
          ctx.completeNow();
        })));
  }

  @Test
  void aBadCodeIsUnauthenticated(Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> {
          script("good-code", grant("gho_x", "ghr_x"), null, null);
          return login("bad-code");
        })
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          error(res, 401, "unauthenticated");
          assertEquals(1, tokenCalls().size());
          ctx.completeNow();
        })));
  }

  @Test
  void anAnswerWithoutAccessTokenIsUnauthenticated(Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> {
          fake.oauth(form -> OAuthAnswer.json(new JsonObject().put("token_type", "bearer")));
          return login("c");
        })
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          error(res, 401, "unauthenticated");
          ctx.completeNow();
        })));
  }

  // ---------------------------------------------------------------- GithubRefresh

  private static String cookieValue(String cookieField) {
    Matcher m = COOKIE.matcher(cookieField);
    assertTrue(m.matches(), cookieField);
    return m.group(1);
  }

  @Test
  void refreshWithTheLoginCookieTradesTheRefreshToken(Vertx vertx, VertxTestContext ctx) {
    JsonObject refreshed = grant("gho_new", "ghr_new").put("expires_in", 3600).put("refresh_token_expires_in", 86400);
    start(vertx)
        .compose(g -> {
          script("good-code", grant("gho_old", "ghr_old"), "ghr_old", refreshed);
          return login("good-code");
        })
        .compose(res -> refresh(cookieValue(ok(res).getString("cookie"))))
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          Issued i = issued(ok(res));
          assertEquals(NOW_MS + 3_600_000L, i.tokenExpiresAt(), "the NEW token's expiry");
          assertEquals(NOW_MS + 86_400_000L, i.refreshTokenExpiresAt());
          assertEquals(i.tokenExpiresAt(), i.cookieExpiry());
          assertEquals("Wed, 02 Dec 2026 10:00:00 GMT", i.expires());
          OAuthToken token = open(i.sealed(), "anonymous");
          assertEquals("gho_new", token.accessToken());
          assertEquals("ghr_new", token.refreshToken());

          List<Recorded> calls = tokenCalls();
          assertEquals(2, calls.size(), fake.paths()::toString);
          Map<String, String> form = form(calls.get(1));
          assertEquals("refresh_token", form.get("grant_type"));
          assertEquals("ghr_old", form.get("refresh_token"));
          assertEquals(TestGateway.CLIENT_ID, form.get("client_id"));
          assertEquals(TestGateway.CLIENT_SECRET, form.get("client_secret"));
          ctx.completeNow();
        })));
  }

  @Test
  void refreshAcceptsAFormEncodedAnswer(Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> {
          fake.oauth(form -> OAuthAnswer.form("access_token=gho_f2&expires_in=28800&refresh_token=ghr_f2"
              + "&refresh_token_expires_in=15811200&scope=repo&token_type=bearer"));
          return refresh(TestGateway.cookieFor("gho_f1"));
        })
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          Issued i = issued(ok(res));
          assertEquals("gho_f2", open(i.sealed(), "anonymous").accessToken());
          assertEquals(NOW_MS + EIGHT_HOURS_MS, i.tokenExpiresAt());
          ctx.completeNow();
        })));
  }

  /** GitHub App user tokens carry no OAuth scopes: GitHub sends scope, but empty ("scope": "" / scope=). */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void refreshAcceptsTheEmptyScopeGitHubAppsSend(boolean json, Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> {
          fake.oauth(form -> json
              ? OAuthAnswer.json(grant("gho_app2", "ghr_app2").put("scope", ""))
              : OAuthAnswer.form("access_token=gho_app2&expires_in=28800&refresh_token=ghr_app2"
                  + "&refresh_token_expires_in=15811200&scope=&token_type=bearer"));
          return refresh(TestGateway.cookieFor("gho_app1"));
        })
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          Issued i = issued(ok(res));
          assertEquals("gho_app2", open(i.sealed(), "anonymous").accessToken());
          ctx.completeNow();
        })));
  }

  @ParameterizedTest
  @ValueSource(strings = {"access_token", "expires_in", "refresh_token", "refresh_token_expires_in", "scope", "token_type"})
  void aRefreshAnswerMissingAFieldIsInternal(String missing, Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> {
          JsonObject answer = grant("gho_r", "ghr_r");
          answer.remove(missing);
          fake.oauth(form -> OAuthAnswer.json(answer));
          return refresh(TestGateway.cookieFor("gho_before"));
        })
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          JsonObject body = error(res, 500, "internal");
          assertEquals("failed to refresh token", body.getString("message"));
          assertEquals(1, tokenCalls().size());
          ctx.completeNow();
        })));
  }

  @ParameterizedTest
  @CsvSource({"expires_in,soon", "expires_in,''", "expires_in,8h", "refresh_token_expires_in,never",
      "refresh_token_expires_in,''", "refresh_token_expires_in,Infinity"})
  void aRefreshAnswerWithALifetimeThatIsNotANumberIsInternal(String field, String value, Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> {
          fake.oauth(form -> OAuthAnswer.json(grant("gho_r", "ghr_r").put(field, value)));
          return refresh(TestGateway.cookieFor("gho_before"));
        })
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          assertEquals("failed to refresh token", error(res, 500, "internal").getString("message"));
          assertEquals(1, tokenCalls().size());
          ctx.completeNow();
        })));
  }

  @Test
  void aFormEncodedRefreshAnswerWithALifetimeThatIsNotANumberIsInternal(Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> {
          fake.oauth(form -> OAuthAnswer.form("access_token=gho_f3&expires_in=28800&refresh_token=ghr_f3"
              + "&refresh_token_expires_in=half-a-year&scope=&token_type=bearer"));
          return refresh(TestGateway.cookieFor("gho_before"));
        })
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          assertEquals("failed to refresh token", error(res, 500, "internal").getString("message"));
          ctx.completeNow();
        })));
  }

  @Test
  void aRefreshAnswerWithLifetimesAsNumericStringsIsAccepted(Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> {
          fake.oauth(form -> OAuthAnswer.json(grant("gho_s", "ghr_s")
              .put("expires_in", "3600").put("refresh_token_expires_in", "86400")));
          return refresh(TestGateway.cookieFor("gho_before"));
        })
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          Issued i = issued(ok(res));
          assertEquals(NOW_MS + 3_600_000L, i.tokenExpiresAt());
          assertEquals(NOW_MS + 86_400_000L, i.refreshTokenExpiresAt());
          ctx.completeNow();
        })));
  }

  @Test
  void aRefusedRefreshIsInternal(Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> {
          fake.oauth(form -> OAuthAnswer.json(new JsonObject().put("error", "bad_refresh_token")));
          return refresh(TestGateway.cookieFor("gho_before"));
        })
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          assertEquals("failed to refresh token", error(res, 500, "internal").getString("message"));
          ctx.completeNow();
        })));
  }

  @Test
  void concurrentRefreshesOfOneCookieShareOneUpstreamCall(Vertx vertx, VertxTestContext ctx) {
    String cookie = TestGateway.cookieFor("anonymous", "gho_shared", "ghr_shared", Instant.now().plusSeconds(60));
    start(vertx)
        .compose(g -> {
          fake.oauth(form -> "ghr_shared".equals(form.get("refresh_token"))
              ? OAuthAnswer.json(grant("gho_next", "ghr_next"))
              // GitHub invalidates a used refresh token: a second use fails
              : OAuthAnswer.json(new JsonObject().put("error", "bad_refresh_token")));
          fake.delay(200);
          return Future.all(refresh(cookie), refresh(cookie));
        })
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          HttpResponse<Buffer> first = both.resultAt(0);
          HttpResponse<Buffer> second = both.resultAt(1);
          Issued a = issued(ok(first));
          Issued b = issued(ok(second));
          assertEquals("gho_next", open(a.sealed(), "anonymous").accessToken());
          assertEquals("gho_next", open(b.sealed(), "anonymous").accessToken());
          assertEquals(a.tokenExpiresAt(), b.tokenExpiresAt());
          List<Recorded> calls = tokenCalls();
          assertEquals(1, calls.size(), () -> "exactly one upstream refresh: " + fake.paths());
          assertEquals("ghr_shared", form(calls.get(0)).get("refresh_token"));
          ctx.completeNow();
        })));
  }

  @Test
  void refreshWorksWithAnExpiredAccessToken(Vertx vertx, VertxTestContext ctx) {
    String expired = TestGateway.cookieFor("anonymous", "gho_expired", "ghr_still_good", NOW.minusSeconds(3600));
    start(vertx)
        .compose(g -> {
          script("unused", null, "ghr_still_good", grant("gho_fresh", "ghr_fresh"));
          return refresh(expired);
        })
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          assertEquals("gho_fresh", open(issued(ok(res)).sealed(), "anonymous").accessToken());
          ctx.completeNow();
        })));
  }

  @Test
  void refreshWithoutACookieIsUnauthenticated(Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> refresh(null))
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          error(res, 401, "unauthenticated");
          assertTrue(tokenCalls().isEmpty());
          ctx.completeNow();
        })));
  }

  @ParameterizedTest
  @ValueSource(strings = {"garbage", "e30=", "eyJ0b2tlbiI6ImFhYWEifQ=="})
  void refreshWithAnUndecodableCookieIsUnauthenticated(String cookie, Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> refresh(cookie))
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          error(res, 401, "unauthenticated");
          assertTrue(tokenCalls().isEmpty());
          ctx.completeNow();
        })));
  }

  @Test
  void aCookieOfTenantAIsRefusedInTenantB(Vertx vertx, VertxTestContext ctx) {
    String forA = TestGateway.cookieFor("tenant-a", "gho_a", "ghr_a", NOW.plusSeconds(3600));
    startMultitenant(vertx)
        .compose(g -> {
          fake.oauth(form -> OAuthAnswer.json(grant("gho_a2", "ghr_a2")));
          return call("GithubRefresh", forA, "tenant-b");
        })
        .compose(inB -> call("GithubRefresh", forA, "tenant-a").map(inA -> List.of(inB, inA)))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          error(both.get(0), 401, "unauthenticated");
          // the same cookie is fine in its own tenant, and the new one is sealed for that tenant
          Issued i = issued(ok(both.get(1)));
          assertEquals("gho_a2", open(i.sealed(), "tenant-a").accessToken());
          assertEquals(1, tokenCalls().size(), "tenant-b's attempt never reached GitHub");
          ctx.completeNow();
        })));
  }

  @Test
  void theOlderCookieFormIsAccepted(Vertx vertx, VertxTestContext ctx) {
    OAuthToken token = new OAuthToken("gho_legacy", "bearer", "ghr_legacy", NOW.plusSeconds(600));
    String sealed = TokenCipher.seal(new TenantKeys(TestGateway.SECRET).keyFor("anonymous"), token.toGoJson());
    String older = Base64.getEncoder().encodeToString(
        new JsonObject().put("metadata", sealed).put("expiry", NOW_MS + 600_000).encode().getBytes(StandardCharsets.UTF_8));
    start(vertx)
        .compose(g -> {
          script("unused", null, "ghr_legacy", grant("gho_from_legacy", "ghr_from_legacy"));
          return refresh(older);
        })
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          assertEquals("gho_from_legacy", open(issued(ok(res)).sealed(), "anonymous").accessToken());
          ctx.completeNow();
        })));
  }

  @Test
  void theCookieFieldOfALoginIsWhatABrowserSendsBack(Vertx vertx, VertxTestContext ctx) {
    // document.cookie = cookie + "; path=/" -> the browser sends name=value; nothing else
    start(vertx)
        .compose(g -> {
          script("good-code", grant("gho_1", "ghr_1"), "ghr_1", grant("gho_2", "ghr_2"));
          return login("good-code");
        })
        .compose(res -> {
          String field = ok(res).getString("cookie");
          String sent = field.substring(0, field.indexOf(';'));
          return gateway.client().post("/vcs.v1.VCSService/GithubRefresh").putHeader("Content-Type", "application/json")
              .putHeader("Cookie", "grafana_session=abc; " + sent + "; other=1").sendBuffer(Buffer.buffer("{}"));
        })
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          assertEquals("gho_2", open(issued(ok(res)).sealed(), "anonymous").accessToken());
          ctx.completeNow();
        })));
  }

  // ---------------------------------------------------------------- cookies minted by Pyroscope

  private static List<JsonObject> vectors() {
    try (InputStream in = LoginFlowTest.class.getResourceAsStream("/cookie-vectors.json")) {
      JsonObject all = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      List<JsonObject> out = new ArrayList<>();
      all.getJsonArray("vectors").forEach(v -> out.add((JsonObject) v));
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"cookie", "deprecated_cookie"})
  void aCookieMintedByPyroscopeRefreshesHere(String form, Vertx vertx, VertxTestContext ctx) {
    JsonObject v = vectors().stream().filter(x -> x.getString("expect").equals("valid") && x.getString("tenant").equals("anonymous"))
        .findFirst().orElseThrow();
    String refreshToken = new JsonObject(v.getString("plaintext")).getString("refresh_token");
    start(vertx)
        .compose(g -> {
          script("unused", null, refreshToken, grant("gho_after_pyroscope", "ghr_after_pyroscope"));
          return refresh(v.getString(form));
        })
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          assertEquals("gho_after_pyroscope", open(issued(ok(res)).sealed(), "anonymous").accessToken());
          assertEquals(refreshToken, form(tokenCalls().get(0)).get("refresh_token"));
          ctx.completeNow();
        })));
  }

  // ---------------------------------------------------------------- the auth step of source RPCs

  private static final JsonObject GET_FILE = new JsonObject()
      .put("repositoryURL", "https://github.com/grafana/pyroscope").put("ref", "main").put("localPath", "pkg/x.go");

  private static String apiCallsOf(FakeGitHub fake) {
    return fake.paths().toString();
  }

  @Test
  void getFileWithoutACookieIsUnauthenticated(Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> call("GetFile", GET_FILE, null))
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          error(res, 401, "unauthenticated");
          assertTrue(fake.requests().isEmpty(), apiCallsOf(fake));
          ctx.completeNow();
        })));
  }

  @ParameterizedTest
  @ValueSource(strings = {"garbage", "e30=", "eyJ0b2tlbiI6ImFhYWEifQ==", "eyJtZXRhZGF0YSI6IiIsImV4cGlyeSI6MX0="})
  void getFileWithAGarbageCookieIsUnauthenticated(String cookie, Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> call("GetFile", GET_FILE, cookie))
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          error(res, 401, "unauthenticated");
          assertTrue(fake.requests().isEmpty(), apiCallsOf(fake));
          ctx.completeNow();
        })));
  }

  @Test
  void getFileWithAnExpiredTokenIsUnauthenticated(Vertx vertx, VertxTestContext ctx) {
    String expired = TestGateway.cookieFor("anonymous", "gho_expired", "ghr_x", NOW.minusMillis(1));
    String expiringNow = TestGateway.cookieFor("anonymous", "gho_expired", "ghr_x", NOW);
    start(vertx)
        .compose(g -> call("GetFile", GET_FILE, expired))
        .compose(a -> call("GetFile", GET_FILE, expiringNow).map(b -> List.of(a, b)))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          for (HttpResponse<Buffer> res : both) {
            error(res, 401, "unauthenticated");
          }
          assertTrue(fake.requests().isEmpty(), apiCallsOf(fake));
          ctx.completeNow();
        })));
  }

  @Test
  void getFileWithAnotherTenantsCookieIsUnauthenticated(Vertx vertx, VertxTestContext ctx) {
    String forA = TestGateway.cookieFor("tenant-a", "gho_a", "ghr_a", NOW.plusSeconds(3600));
    startMultitenant(vertx)
        .compose(g -> gateway.call("GetFile", GET_FILE, forA, Map.of("X-Scope-OrgID", "tenant-b")))
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          error(res, 401, "unauthenticated");
          assertTrue(fake.requests().isEmpty(), apiCallsOf(fake));
          ctx.completeNow();
        })));
  }

  @Test
  void getCommitAndGetCommitsNeedACookieToo(Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> call("GetCommit", new JsonObject().put("repositoryURL", "https://github.com/a/b").put("ref", "main"), null))
        .compose(one -> call("GetCommits", new JsonObject().put("repositoryUrl", "https://github.com/a/b")
            .put("refs", new io.vertx.core.json.JsonArray().add("main")), "garbage").map(many -> List.of(one, many)))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          for (HttpResponse<Buffer> res : both) {
            error(res, 401, "unauthenticated");
          }
          assertNotEquals(0, both.size());
          ctx.completeNow();
        })));
  }
}
