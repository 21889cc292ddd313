package dev.sourcegate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.sourcegate.api.proto.GithubAppResponse;
import dev.sourcegate.api.proto.GithubLoginRequest;
import dev.sourcegate.api.proto.GithubLoginResponse;
import dev.sourcegate.auth.SessionCookie;
import dev.sourcegate.auth.TenantKeys;
import dev.sourcegate.testkit.FakeGitHub;
import dev.sourcegate.testkit.FakeGitHub.OAuthAnswer;
import dev.sourcegate.testkit.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every transport rule of docs/api.md §1, against the real gateway (in-process, loopback) and the
 * fake GitHub, in both codecs. Requests are made with a bare HttpClient (no decompression, no default
 * headers) so that every header is the test's own.
 */
@ExtendWith(VertxExtension.class)
class ConnectTransportTest {
  private static final String APP = "/vcs.v1.VCSService/GithubApp";
  private static final String LOGIN = "/vcs.v1.VCSService/GithubLogin";
  private static final String GET_FILE = "/vcs.v1.VCSService/GetFile";

  /** The two codecs as a client sees them. */
  enum Wire {
    JSON("application/json"),
    PROTO("application/proto");

    final String contentType;

    Wire(String contentType) {
      this.contentType = contentType;
    }

    Buffer emptyRequest() {
      return this == JSON ? Buffer.buffer("{}") : Buffer.buffer(new byte[0]);
    }

    Buffer loginRequest(String code) {
      return this == JSON
          ? Buffer.buffer(new JsonObject().put("authorizationCode", code).encode())
          : Buffer.buffer(GithubLoginRequest.newBuilder().setAuthorizationCode(code).build().toByteArray());
    }

    Buffer malformed() {
      // JSON cut short; binary: field 1 claims 5 bytes and carries 1
      return this == JSON ? Buffer.buffer("{\"authorizationCode\":") : Buffer.buffer(new byte[] {0x0a, 0x05, 'a'});
    }

    GithubAppResponse app(Buffer body) {
      try {
        if (this == PROTO) {
          return GithubAppResponse.parseFrom(body.getBytes());
        }
        JsonObject j = new JsonObject(body.toString(StandardCharsets.UTF_8));
        return GithubAppResponse.newBuilder().setClientID(j.getString("clientID", "")).setCallbackURL(j.getString("callbackURL", "")).build();
      } catch (InvalidProtocolBufferException e) {
        throw new AssertionError("not a GithubAppResponse", e);
      }
    }

    GithubLoginResponse login(Buffer body) {
      try {
        if (this == PROTO) {
          return GithubLoginResponse.parseFrom(body.getBytes());
        }
        JsonObject j = new JsonObject(body.toString(StandardCharsets.UTF_8));
        return GithubLoginResponse.newBuilder().setCookie(j.getString("cookie", "")).setToken(j.getString("token", ""))
            .setTokenExpiresAt(Long.parseLong(j.getString("tokenExpiresAt", "0")))
            .setRefreshTokenExpiresAt(Long.parseLong(j.getString("refreshTokenExpiresAt", "0"))).build();
      } catch (InvalidProtocolBufferException e) {
        throw new AssertionError("not a GithubLoginResponse", e);
      }
    }
  }

  /** A response as it came over the wire. */
  record Raw(int status, MultiMap headers, Buffer body) {
    String header(String name) {
      return headers.get(name);
    }

    String text() {
      return body.toString(StandardCharsets.UTF_8);
    }

    JsonObject json() {
      return new JsonObject(text());
    }
  }

  private FakeGitHub fake;
  private TestGateway gateway;
  private HttpClient http;

  // ---------------------------------------------------------------- harness

  private Future<TestGateway> start(Vertx vertx, Consumer<Map<String, String>> envChanges) {
    fake = new FakeGitHub(vertx);
    http = vertx.createHttpClient(new HttpClientOptions().setDecompressionSupported(false).setKeepAlive(false));
    return fake.start().compose(f -> {
      Map<String, String> env = TestGateway.env(f);
      envChanges.accept(env);
      return TestGateway.start(vertx, env);
    }).onSuccess(g -> gateway = g);
  }

  private Future<TestGateway> start(Vertx vertx) {
    return start(vertx, env -> {});
  }

  @AfterEach
  void stop(VertxTestContext ctx) {
    List<Future<?>> all = new ArrayList<>();
    if (http != null) {
      all.add(http.close());
    }
    if (gateway != null) {
      all.add(gateway.stop());
    }
    if (fake != null) {
      all.add(fake.stop());
    }
    Future.join(all).onComplete(ar -> ctx.completeNow());
  }

  private Future<Raw> send(HttpMethod method, String path, Map<String, String> headers, Buffer body) {
    RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(gateway.port()).setURI(path);
    return http.request(options)
        .compose(req -> {
          headers.forEach(req::putHeader);
          return body == null ? req.send() : req.send(body);
        })
        .compose(res -> res.body().map(b -> new Raw(res.statusCode(), res.headers(), b)));
  }

  private Future<Raw> post(String path, Map<String, String> headers, Buffer body) {
    return send(HttpMethod.POST, path, headers, body);
  }

  private static Map<String, String> headers(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }

  private static Map<String, String> headers(Wire wire, String... pairs) {
    Map<String, String> m = headers(pairs);
    m.put("Content-Type", wire.contentType);
    return m;
  }

  /** A Connect error: the status of the code, a JSON body {code, message}, nothing internal in it. */
  static JsonObject assertError(Raw res, int status, String code) {
    assertEquals(status, res.status(), () -> "status; body " + res.text());
    String type = res.header("Content-Type");
    assertNotNull(type, "an error has a content type");
    assertTrue(type.startsWith("application/json"), type);
    JsonObject body = res.json();
    assertEquals(code, body.getString("code"), body::encode);
    assertTrue(body.getValue("message") instanceof String, body::encode);
    assertNoLeak(res.text());
    return body;
  }

  static void assertNoLeak(String text) {
    assertFalse(text.contains("Exception"), text);
    assertFalse(text.contains("\tat "), text);
    assertFalse(text.contains("at dev.sourcegate"), text);
    assertFalse(text.contains("at io.vertx"), text);
    assertFalse(text.contains("java."), text);
    assertFalse(text.contains(TestGateway.CLIENT_SECRET), text);
    assertFalse(text.contains(TestGateway.SECRET), text);
  }

  private static Buffer gzip(Buffer plain) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(plain.getBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Buffer.buffer(out.toByteArray());
  }

  private static Buffer gunzip(Buffer compressed) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed.getBytes()))) {
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new AssertionError("response body is not gzip", e);
    }
  }

  /** The fake's OAuth endpoint: a good token for the code "good-code", bad_verification_code otherwise. */
  private void goodCode(String code) {
    fake.oauth(form -> code.equals(form.get("code"))
        ? OAuthAnswer.json(new JsonObject().put("access_token", "gho_transport").put("expires_in", 28800)
            .put("refresh_token", "ghr_transport").put("refresh_token_expires_in", 15811200)
            .put("scope", "").put("token_type", "bearer"))
        : OAuthAnswer.json(new JsonObject().put("error", "bad_verification_code")));
  }

  private static void assertGithubApp(Wire wire, Raw res) {
    assertEquals(200, res.status(), res::text);
    assertTrue(res.header("Content-Type").startsWith(wire.contentType), res.header("Content-Type"));
    GithubAppResponse app = wire.app(res.body());
    assertEquals(TestGateway.CLIENT_ID, app.getClientID());
    assertEquals(TestGateway.CALLBACK, app.getCallbackURL());
  }

  // ---------------------------------------------------------------- methods and content types

  @ParameterizedTest
  @EnumSource(Wire.class)
  void githubAppAnswersInTheRequestsCodec(Wire wire, Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> post(APP, headers(wire), wire.emptyRequest()))
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          assertGithubApp(wire, res);
          ctx.completeNow();
        })));
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET", "PUT", "DELETE", "PATCH"})
  void otherMethodsAre405WithAllowPost(String method, Vertx vertx, VertxTestContext ctx) {
    HttpMethod m = HttpMethod.valueOf(method);
    Buffer body = m == HttpMethod.GET || m == HttpMethod.DELETE ? null : Buffer.buffer("{}");
    start(vertx)
        .compose(g -> send(m, APP, headers(Wire.JSON), body))
        .compose(json -> send(m, LOGIN, headers(Wire.PROTO), body).map(proto -> List.of(json, proto)))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          for (Raw res : both) {
            assertEquals(405, res.status());
            assertEquals("POST", res.header("Allow"));
          }
          ctx.completeNow();
        })));
  }

  @Test
  void missingContentTypeIs415WithAcceptPost(Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> post(APP, headers(), Buffer.buffer("{}")))
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          assertEquals(415, res.status());
          String accept = res.header("Accept-Post");
          assertNotNull(accept, "415 carries Accept-Post");
          assertTrue(accept.contains("application/json"), accept);
          assertTrue(accept.contains("application/proto"), accept);
          ctx.completeNow();
        })));
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/plain", "application/grpc", "application/connect+json", "application/json; charset=latin1",
      "application/x-www-form-urlencoded", "application/protobuf"})
  void unknownContentTypeIs415WithAcceptPost(String type, Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> post(APP, headers("Content-Type", type), Buffer.buffer("{}")))
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          assertEquals(415, res.status());
          assertNotNull(res.header("Accept-Post"));
          assertTrue(res.header("Accept-Post").contains("application/json"), res.header("Accept-Post"));
          ctx.completeNow();
        })));
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/json; charset=utf-8", "application/json;charset=UTF-8", "Application/JSON"})
  void jsonWithUtf8CharsetIsJson(String type, Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> post(APP, headers("Content-Type", type), Buffer.buffer("{}")))
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          assertGithubApp(Wire.JSON, res);
          ctx.completeNow();
        })));
  }

  // ---------------------------------------------------------------- Connect headers

  @ParameterizedTest
  @EnumSource(Wire.class)
  void protocolVersionOneIsAccepted(Wire wire, Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> post(APP, headers(wire, "Connect-Protocol-Version", "1"), wire.emptyRequest()))
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          assertGithubApp(wire, res);
          ctx.completeNow();
        })));
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void otherProtocolVersionsAreInvalidArgument(Wire wire, Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> post(APP, headers(wire, "Connect-Protocol-Version", "2"), wire.emptyRequest()))
        .compose(two -> post(APP, headers(wire, "Connect-Protocol-Version", "v1"), wire.emptyRequest()).map(v1 -> List.of(two, v1)))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          for (Raw res : both) {
            JsonObject body = assertError(res, 400, "invalid_argument");
            assertFalse(body.getString("message").isEmpty());
          }
          ctx.completeNow();
        })));
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void timeoutHeaderOfAtMostTenDigitsIsAccepted(Wire wire, Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> post(APP, headers(wire, "Connect-Timeout-Ms", "9999999999"), wire.emptyRequest()))
        .compose(ten -> post(APP, headers(wire, "Connect-Timeout-Ms", "15000"), wire.emptyRequest()).map(five -> List.of(ten, five)))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          for (Raw res : both) {
            assertGithubApp(wire, res);
          }
          ctx.completeNow();
        })));
  }

  @ParameterizedTest
  @ValueSource(strings = {"12345678901", "abc", "1e3", "-1", "10s", "1.5", "99999999999999999999"})
  void badTimeoutHeaderIsInvalidArgument(String value, Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> post(APP, headers(Wire.JSON, "Connect-Timeout-Ms", value), Wire.JSON.emptyRequest()))
        .compose(json -> post(APP, headers(Wire.PROTO, "Connect-Timeout-Ms", value), Wire.PROTO.emptyRequest()).map(proto -> List.of(json, proto)))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          for (Raw res : both) {
            assertError(res, 400, "invalid_argument");
          }
          ctx.completeNow();
        })));
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void anExpiredTimeoutIsDeadlineExceeded(Wire wire, Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> {
          goodCode("slow-code");
          fake.delay(5_000);
          return post(LOGIN, headers(wire, "Connect-Timeout-Ms", "200"), wire.loginRequest("slow-code"));
        })
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          assertError(res, 504, "deadline_exceeded");
          ctx.completeNow();
        })));
  }

  // ---------------------------------------------------------------- compression

  @ParameterizedTest
  @EnumSource(Wire.class)
  void gzipRequestBodyIsAccepted(Wire wire, Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> {
          goodCode("gz-code");
          return post(LOGIN, headers(wire, "Content-Encoding", "gzip"), gzip(wire.loginRequest("gz-code")));
        })
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          assertEquals(200, res.status(), res::text);
          GithubLoginResponse login = wire.login(res.body());
          assertTrue(login.getCookie().startsWith("pyroscope_git_session="), login.getCookie());
          // the code reached GitHub intact, so the body was inflated
          assertEquals(1, fake.requests().stream().filter(r -> r.path().equals("/login/oauth/access_token"))
              .filter(r -> r.body().contains("code=gz-code")).count(), () -> fake.requests().toString());
          ctx.completeNow();
        })));
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void identityContentEncodingIsAccepted(Wire wire, Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> post(APP, headers(wire, "Content-Encoding", "identity"), wire.emptyRequest()))
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          assertGithubApp(wire, res);
          ctx.completeNow();
        })));
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void otherContentEncodingsAreUnimplemented(Wire wire, Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> post(APP, headers(wire, "Content-Encoding", "br"), wire.emptyRequest()))
        .compose(br -> post(APP, headers(wire, "Content-Encoding", "deflate"), wire.emptyRequest()).map(d -> List.of(br, d)))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          for (Raw res : both) {
            assertError(res, 501, "unimplemented");
          }
          ctx.completeNow();
        })));
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void brokenGzipIsInvalidArgument(Wire wire, Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> post(APP, headers(wire, "Content-Encoding", "gzip"), Buffer.buffer("definitely not gzip")))
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          assertError(res, 400, "invalid_argument");
          ctx.completeNow();
        })));
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void acceptEncodingGzipGzipsTheResponse(Wire wire, Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> post(APP, headers(wire, "Accept-Encoding", "gzip"), wire.emptyRequest()))
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          assertEquals(200, res.status());
          assertEquals("gzip", res.header("Content-Encoding"));
          GithubAppResponse app = wire.app(gunzip(res.body()));
          assertEquals(TestGateway.CLIENT_ID, app.getClientID());
          assertEquals(TestGateway.CALLBACK, app.getCallbackURL());
          ctx.completeNow();
        })));
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void acceptEncodingListingGzipGzipsErrorsToo(Wire wire, Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> post(APP, headers(wire, "Accept-Encoding", "br, gzip;q=0.8", "Connect-Protocol-Version", "7"), wire.emptyRequest()))
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          assertEquals(400, res.status());
          assertEquals("gzip", res.header("Content-Encoding"));
          JsonObject body = new JsonObject(gunzip(res.body()).toString(StandardCharsets.UTF_8));
          assertEquals("invalid_argument", body.getString("code"));
          ctx.completeNow();
        })));
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void withoutAcceptEncodingTheResponseIsPlain(Wire wire, Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> post(APP, headers(wire), wire.emptyRequest()))
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          assertNull(res.header("Content-Encoding"));
          assertGithubApp(wire, res);
          ctx.completeNow();
        })));
  }

  // ---------------------------------------------------------------- bodies

  @Test
  void emptyJsonBodyIsInvalidArgument(Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> post(APP, headers(Wire.JSON), Buffer.buffer()))
        .compose(app -> post(LOGIN, headers(Wire.JSON), Buffer.buffer()).map(login -> List.of(app, login)))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          for (Raw res : both) {
            assertError(res, 400, "invalid_argument");
          }
          ctx.completeNow();
        })));
  }

  @Test
  void emptyBinaryBodyIsTheEmptyMessage(Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> post(APP, headers(Wire.PROTO), Buffer.buffer()))
        .compose(empty -> post(APP, headers(Wire.PROTO), null).map(none -> List.of(empty, none)))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          for (Raw res : both) {
            assertGithubApp(Wire.PROTO, res);
          }
          ctx.completeNow();
        })));
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void malformedBodyIsInvalidArgument(Wire wire, Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> post(LOGIN, headers(wire), wire.malformed()))
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          assertError(res, 400, "invalid_argument");
          assertTrue(fake.requests().isEmpty(), "nothing reaches GitHub");
          ctx.completeNow();
        })));
  }

  @Test
  void malformedJsonVariantsAreInvalidArgument(Vertx vertx, VertxTestContext ctx) {
    List<String> bodies = List.of("not json", "{\"authorizationCode\":\"abc\"", "[]", "{\"x\":" + "[".repeat(100) + "]".repeat(100) + "}");
    start(vertx)
        .compose(g -> Future.all(bodies.stream().map(b -> post(LOGIN, headers(Wire.JSON), Buffer.buffer(b))).toList()))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          for (int i = 0; i < bodies.size(); i++) {
            assertError(all.resultAt(i), 400, "invalid_argument");
          }
          ctx.completeNow();
        })));
  }

  @Test
  void jsonThatOnlyALenientParserReadsIsInvalidArgument(Vertx vertx, VertxTestContext ctx) {
    // unquoted name, trailing data: not JSON (RFC 8259), so no login may happen from it
    List<String> bodies = List.of("{authorizationCode:\"good-code\"}", "{\"authorizationCode\":\"good-code\"} {}");
    start(vertx)
        .compose(g -> {
          goodCode("good-code");
          return Future.all(bodies.stream().map(b -> post(LOGIN, headers(Wire.JSON), Buffer.buffer(b))).toList());
        })
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          for (int i = 0; i < bodies.size(); i++) {
            assertError(all.resultAt(i), 400, "invalid_argument");
          }
          assertTrue(fake.requests().isEmpty(), () -> "nothing reaches GitHub: " + fake.paths());
          ctx.completeNow();
        })));
  }

  @Test
  void nonUtf8JsonIsInvalidArgument(Vertx vertx, VertxTestContext ctx) {
    Buffer body = Buffer.buffer("{\"authorizationCode\":\"").appendBytes(new byte[] {(byte) 0xc3, (byte) 0x28}).appendString("\"}");
    start(vertx)
        .compose(g -> post(LOGIN, headers(Wire.JSON), body))
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          assertError(res, 400, "invalid_argument");
          ctx.completeNow();
        })));
  }

  // ---------------------------------------------------------------- paths

  @ParameterizedTest
  @EnumSource(Wire.class)
  void unknownRpcPathIs404(Wire wire, Vertx vertx, VertxTestContext ctx) {
    List<String> paths = List.of("/vcs.v1.VCSService/Nope", "/vcs.v1.VCSService/githubapp", "/vcs.v2.VCSService/GithubApp",
        "/vcs.v1.VCSService/GithubApp/extra", "/vcs.v1.VCSService/", "/vcs.v1.OtherService/GithubApp", "/GithubApp");
    start(vertx)
        .compose(g -> Future.all(paths.stream().map(p -> post(p, headers(wire), wire.emptyRequest())).toList()))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          for (int i = 0; i < paths.size(); i++) {
            Raw res = all.resultAt(i);
            assertEquals(404, res.status(), paths.get(i));
            assertNoLeak(res.text());
            if (res.header("Content-Type") != null && res.header("Content-Type").startsWith("application/json")) {
              assertEquals("not_found", res.json().getString("code"), paths.get(i));
            }
          }
          ctx.completeNow();
        })));
  }

  @Test
  void unknownMethodOfTheServiceIsAConnectNotFound(Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> post("/vcs.v1.VCSService/DeleteEverything", headers(Wire.JSON), Buffer.buffer("{}")))
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          assertError(res, 404, "not_found");
          ctx.completeNow();
        })));
  }

  // ---------------------------------------------------------------- tenants

  @ParameterizedTest
  @EnumSource(Wire.class)
  void grafanaOrgIdIsNotATenant(Wire wire, Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> {
          goodCode("org-code");
          return post(LOGIN, headers(wire, "X-Grafana-Org-Id", "7"), wire.loginRequest("org-code"));
        })
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          assertEquals(200, res.status(), res::text);
          GithubLoginResponse login = wire.login(res.body());
          // single-tenant: the session belongs to "anonymous", whatever Grafana's org is
          assertEquals("gho_transport", SessionCookie.read(
              SessionCookie.value(login.getToken()), new TenantKeys(TestGateway.SECRET).keyFor("anonymous")).accessToken());
          ctx.completeNow();
        })));
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void multitenantWithoutScopeOrgIdIsUnauthenticated(Wire wire, Vertx vertx, VertxTestContext ctx) {
    start(vertx, env -> env.put("SOURCEGATE_MULTITENANT", "true"))
        .compose(g -> post(APP, headers(wire), wire.emptyRequest()))
        .compose(none -> post(APP, headers(wire, "X-Grafana-Org-Id", "1"), wire.emptyRequest()).map(grafana -> List.of(none, grafana)))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          for (Raw res : both) {
            JsonObject body = assertError(res, 401, "unauthenticated");
            assertEquals("no org id", body.getString("message"));
          }
          ctx.completeNow();
        })));
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void multitenantWithAValidTenantServesIt(Wire wire, Vertx vertx, VertxTestContext ctx) {
    start(vertx, env -> env.put("SOURCEGATE_MULTITENANT", "true"))
        .compose(g -> {
          goodCode("mt-code");
          return post(APP, headers(wire, "X-Scope-OrgID", "tenant-a"), wire.emptyRequest());
        })
        .compose(app -> post(LOGIN, headers(wire, "X-Scope-OrgID", "tenant-a"), wire.loginRequest("mt-code")).map(login -> List.of(app, login)))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          assertGithubApp(wire, both.get(0));
          assertEquals(200, both.get(1).status(), both.get(1)::text);
          String sealed = wire.login(both.get(1).body()).getToken();
          assertEquals("gho_transport",
              SessionCookie.read(SessionCookie.value(sealed), new TenantKeys(TestGateway.SECRET).keyFor("tenant-a")).accessToken());
          ctx.completeNow();
        })));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a/b", ".", "..", "a b", "a|b", "t#1"})
  void multitenantWithABadTenantIsUnauthenticated(String tenant, Vertx vertx, VertxTestContext ctx) {
    start(vertx, env -> env.put("SOURCEGATE_MULTITENANT", "true"))
        .compose(g -> post(APP, headers(Wire.JSON, "X-Scope-OrgID", tenant), Wire.JSON.emptyRequest()))
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          assertError(res, 401, "unauthenticated");
          ctx.completeNow();
        })));
  }

  @Test
  void singleTenantIgnoresScopeOrgId(Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> post(APP, headers(Wire.JSON, "X-Scope-OrgID", "not/valid"), Wire.JSON.emptyRequest()))
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          assertGithubApp(Wire.JSON, res);
          ctx.completeNow();
        })));
  }

  // ---------------------------------------------------------------- auth step before the resolver

  @ParameterizedTest
  @EnumSource(Wire.class)
  void sourceRpcWithoutCookieIsUnauthenticated(Wire wire, Vertx vertx, VertxTestContext ctx) {
    Buffer body = wire == Wire.JSON ? Buffer.buffer("{\"repositoryURL\":\"https://github.com/a/b\",\"ref\":\"main\",\"localPath\":\"x.go\"}")
        : Buffer.buffer(dev.sourcegate.api.proto.GetFileRequest.newBuilder().setRepositoryURL("https://github.com/a/b")
            .setRef("main").setLocalPath("x.go").build().toByteArray());
    start(vertx)
        .compose(g -> post(GET_FILE, headers(wire), body))
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          assertError(res, 401, "unauthenticated");
          assertTrue(fake.requests().isEmpty(), "nothing reaches GitHub");
          ctx.completeNow();
        })));
  }

  // ---------------------------------------------------------------- operations

  @Test
  void healthAndReadiness(Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> send(HttpMethod.GET, "/healthz", Map.of(), null))
        .compose(h -> send(HttpMethod.GET, "/readyz", Map.of(), null).map(r -> List.of(h, r)))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          assertEquals(200, both.get(0).status(), "/healthz");
          assertEquals(200, both.get(1).status(), "/readyz");
          ctx.completeNow();
        })));
  }

  @Test
  void metricsCountRequestsByMethodAndCode(Vertx vertx, VertxTestContext ctx) {
    start(vertx)
        .compose(g -> post(APP, headers(Wire.JSON), Buffer.buffer("{}")))
        .compose(ok -> post(APP, headers(Wire.JSON, "Connect-Protocol-Version", "9"), Buffer.buffer("{}")))
        .compose(bad -> scrapeUntil(List.of(
            series("GithubApp", "ok"), series("GithubApp", "invalid_argument")), 20))
        .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
          assertEquals(200, res.status());
          assertTrue(res.header("Content-Type").startsWith("text/plain"), res.header("Content-Type"));
          String text = res.text();
          assertTrue(hasSeries(text, series("GithubApp", "ok")), text);
          assertTrue(hasSeries(text, series("GithubApp", "invalid_argument")), text);
          assertFalse(hasSeries(text, series("GithubLogin", "ok")), "no login was made");
          ctx.completeNow();
        })));
  }

  private static String[] series(String method, String code) {
    return new String[] {"method=\"" + method + "\"", "code=\"" + code + "\""};
  }

  private static boolean hasSeries(String scrape, String[] labels) {
    return scrape.lines().anyMatch(l -> l.startsWith("sourcegate_requests") && l.contains(labels[0]) && l.contains(labels[1]));
  }

  /** The metric is recorded as the answer is sent; re-scrape (no waiting) until it shows, a bounded number of times. */
  private Future<Raw> scrapeUntil(List<String[]> wanted, int attempts) {
    return send(HttpMethod.GET, "/metrics", Map.of(), null).compose(res -> {
      boolean all = wanted.stream().allMatch(w -> hasSeries(res.text(), w));
      return all || attempts <= 1 ? Future.succeededFuture(res) : scrapeUntil(wanted, attempts - 1);
    });
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void withoutAGitHubAppGithubAppIsUnimplementedAndTheGatewayIsHealthy(Wire wire, Vertx vertx, VertxTestContext ctx) {
    start(vertx, env -> env.remove("GITHUB_CLIENT_ID"))
        .compose(g -> post(APP, headers(wire), wire.emptyRequest()))
        .compose(app -> post(LOGIN, headers(wire), wire.loginRequest("any")).map(login -> List.of(app, login)))
        .compose(rpcs -> send(HttpMethod.GET, "/healthz", Map.of(), null)
            .compose(h -> send(HttpMethod.GET, "/readyz", Map.of(), null).map(r -> {
              List<Raw> all = new ArrayList<>(rpcs);
              all.add(h);
              all.add(r);
              return all;
            })))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          for (Raw res : all.subList(0, 2)) {
            JsonObject body = assertError(res, 501, "unimplemented");
            assertEquals("GitHub integration is not configured", body.getString("message"));
          }
          assertEquals(200, all.get(2).status(), "/healthz");
          assertEquals(200, all.get(3).status(), "/readyz");
          assertTrue(fake.requests().isEmpty(), "nothing reaches GitHub");
          ctx.completeNow();
        })));
  }
}
