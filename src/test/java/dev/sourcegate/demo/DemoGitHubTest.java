package dev.sourcegate.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The demo's simulated GitHub answers OAuth and REST the way the gateway expects GitHub to, and a gateway
 * started in demo mode (in-process) resolves every preset of the demo page through the API, with the
 * cookie of a GithubLogin round trip through the simulated authorize page.
 */
@ExtendWith(VertxExtension.class)
class DemoGitHubTest {
  private static final String CALLBACK = "http://localhost:18080/";
  private static final String SECRET = "demo-test-secret";
  private static final Pattern COOKIE = Pattern.compile(
      "pyroscope_git_session=([A-Za-z0-9+/]+={0,2}); Expires=[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT; Secure; SameSite=Lax");

  /** What each preset must resolve to: repository, ref and path of the file, and the commit's first line. */
  private record Expected(String repo, String ref, String path, String commitSubject, String authorLogin) {}

  /** An Expected repo naming an npm package rather than a sample repository. */
  private static final String NPM = "npm:";

  /** An Expected repo "pypi:NAME" is a distribution on the simulated PyPI, linked by PyPI's inspector. */
  private static final String PYPI = "pypi:";

  /** An Expected repo "maven:GROUP:ARTIFACT" is an artifact's sources jar on the demo's Maven repository. */
  private static final String MAVEN = "maven:";

  /**
   * The demo registries' flask and express name their GitHub repositories, which the demo's GitHub holds
   * with the file at the release's tag: their answers link there (the bytes stay the registry's).
   */
  private static final Map<String, String> DEPENDENCY_LINKS = Map.of(
      PYPI + "flask", "https://github.com/pallets/flask/blob/3.0.3/src/flask/app.py",
      NPM + "express", "https://github.com/expressjs/express/blob/4.18.2/lib/router/index.js");

  private static void assertLink(Expected want, String url, String preset) {
    if (want.repo().startsWith(MAVEN)) {
      String[] ga = want.repo().substring(MAVEN.length()).split(":");
      String jar = ga[1] + "-" + want.ref() + "-sources.jar";
      assertTrue(url.endsWith("/maven2/" + ga[0].replace('.', '/') + "/" + ga[1] + "/" + want.ref() + "/" + jar + "!/"
          + want.path()), preset + ": " + url);
      return;
    }
    if (want.repo().startsWith(PYPI) || want.repo().startsWith(NPM)) {
      assertEquals(DEPENDENCY_LINKS.get(want.repo()), url, preset);
      return;
    }
    assertEquals("https://github.com/" + fullName(want.repo()) + "/blob/" + want.ref() + "/" + want.path(), url, preset);
  }

  private static final Map<String, Expected> EXPECTED = Map.of(
      "go", new Expected("shop", "main", "internal/cart/cart.go",
          "cart: volume discounts of 5% from 10 items and 10% from 50", "mara-demo"),
      "go-module", new Expected("kit", "v1.2.0", "log/log.go",
          "cart: volume discounts of 5% from 10 items and 10% from 50", "mara-demo"),
      "python", new Expected("shop", "main", "app/checkout.py",
          "cart: volume discounts of 5% from 10 items and 10% from 50", "mara-demo"),
      "java", new Expected("shop", "v1.0.0", "src/main/java/com/demo/shop/Cart.java",
          "Add the Java cart library and map it in .pyroscope.yaml", null),
      // runtime frames, with no mapping: the runtime's repository at the version .tool-versions pins
      "jdk", new Expected("openjdk/jdk21u", "jdk-21.0.5-ga", "src/java.base/share/classes/java/util/HashMap.java",
          "cart: volume discounts of 5% from 10 items and 10% from 50", "mara-demo"),
      "cpython", new Expected("python/cpython", "v3.12.4", "Lib/json/encoder.py",
          "cart: volume discounts of 5% from 10 items and 10% from 50", "mara-demo"),
      "node", new Expected("nodejs/node", "v20.11.1", "lib/internal/timers.js",
          "cart: volume discounts of 5% from 10 items and 10% from 50", "mara-demo"),
      // a dependency frame: the demo's npm registry at the version web/package-lock.json locks
      "express", new Expected(NPM + "express", DemoNpm.EXPRESS_VERSION, DemoNpm.EXPRESS_ROUTER,
          "cart: volume discounts of 5% from 10 items and 10% from 50", "mara-demo"),
      // a dependency frame: the wheel's member on the simulated PyPI, at the version uv.lock pins
      "flask", new Expected(PYPI + "flask", "3.0.3", "flask/app.py",
          "cart: volume discounts of 5% from 10 items and 10% from 50", "mara-demo"),
      // a Java dependency frame: the sources jar on the demo's Maven repository, at the version pom.xml's BOM sets
      "spring", new Expected(MAVEN + "org.springframework:spring-webmvc", SampleMavenArtifacts.SPRING_VERSION,
          SampleMavenArtifacts.DISPATCHER_SERVLET, "cart: volume discounts of 5% from 10 items and 10% from 50", "mara-demo"));

  private static SampleRepositories repos;

  private DemoGitHub github;
  private DemoMode.Running demo;
  private WebClient web;

  @BeforeAll
  static void loadSamples() {
    repos = SampleRepositories.load(); // classpath reads: on the test thread, not an event loop
  }

  @AfterEach
  void stop(VertxTestContext tc) {
    List<Future<?>> all = new ArrayList<>();
    if (web != null) {
      web.close();
    }
    if (github != null) {
      all.add(github.stop());
    }
    if (demo != null) {
      all.add(demo.stop());
    }
    Future.join(all).onComplete(tc.succeedingThenComplete());
  }

  // ---------------------------------------------------------------- harness

  private Future<DemoGitHub> startGitHub(Vertx vertx) {
    web = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
    github = new DemoGitHub(vertx, new DemoGitHub.App(DemoMode.APP_NAME, DemoMode.CLIENT_ID, SECRET, CALLBACK), repos);
    return github.start();
  }

  /** repo: a name of the demo organisation, or owner/name. */
  private static byte[] sample(String repo, String ref, String path) {
    if (repo.startsWith(NPM)) {
      return DemoNpm.expressRouter().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
    if (repo.startsWith(MAVEN)) {
      return SampleMavenArtifacts.dispatcherServlet().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
    if (repo.startsWith(PYPI)) {
      return SampleRepositories.read("pypi/" + repo.substring(PYPI.length()) + "-" + ref + "/" + path);
    }
    String[] name = fullName(repo).split("/");
    byte[] bytes = repos.repo(name[0], name[1]).orElseThrow().resolve(ref).orElseThrow().tree().get(path);
    assertNotNull(bytes, repo + "@" + ref + ":" + path);
    return bytes;
  }

  private static String fullName(String repo) {
    return repo.contains("/") ? repo : "demo/" + repo;
  }

  /** The browser's part of the login: the authorize page, then its Authorize button; returns the redirect. */
  private Future<String> authorize(String authorizeUrl, String clientId, String redirectUri, String state) {
    String url = authorizeUrl + "?client_id=" + DemoGitHub.enc(clientId) + "&redirect_uri=" + DemoGitHub.enc(redirectUri)
        + "&state=" + DemoGitHub.enc(state);
    return web.getAbs(url).send().compose(page -> {
      assertEquals(200, page.statusCode(), page.bodyAsString());
      assertTrue(page.getHeader("Content-Type").startsWith("text/html"));
      String html = page.bodyAsString();
      assertTrue(html.contains("Authorize sourcegate demo"), html);
      assertTrue(html.contains("data-testid=\"authorize\""), html);
      MultiMap form = MultiMap.caseInsensitiveMultiMap()
          .add("client_id", clientId).add("redirect_uri", redirectUri).add("state", state);
      return web.postAbs(authorizeUrl).sendForm(form);
    }).map(res -> {
      assertEquals(302, res.statusCode(), res.bodyAsString());
      return res.getHeader("Location");
    });
  }

  private static String codeOf(String location, String expectedRedirect, String expectedState) {
    assertTrue(location.startsWith(expectedRedirect + "?"), location);
    QueryStringDecoder q = new QueryStringDecoder(location);
    assertEquals(List.of(expectedState), q.parameters().get("state"));
    String code = q.parameters().get("code").get(0);
    assertTrue(code.matches("[0-9a-f]{20}"), code);
    return code;
  }

  private Future<HttpResponse<Buffer>> token(MultiMap form, boolean json) {
    var req = web.postAbs(github.baseUrl() + "/login/oauth/access_token");
    if (json) {
      req.putHeader("Accept", "application/json");
    }
    return req.sendForm(form);
  }

  private Future<HttpResponse<Buffer>> api(String path, String token, String accept) {
    var req = web.getAbs(github.apiUrl() + path);
    if (token != null) {
      req.putHeader("Authorization", "Bearer " + token);
    }
    if (accept != null) {
      req.putHeader("Accept", accept);
    }
    return req.send();
  }

  private Future<String> loginToken() {
    return authorize(github.authorizeUrl(), DemoMode.CLIENT_ID, CALLBACK, "s1")
        .compose(location -> token(codeForm(codeOf(location, CALLBACK, "s1")), true))
        .map(res -> res.bodyAsJsonObject().getString("access_token"));
  }

  private static MultiMap codeForm(String code) {
    return MultiMap.caseInsensitiveMultiMap()
        .add("client_id", DemoMode.CLIENT_ID).add("client_secret", SECRET).add("code", code);
  }

  // ---------------------------------------------------------------- the simulated GitHub alone

  @Test
  void oauthCodeExchangeAndRefreshAnswerAsGitHub(Vertx vertx, VertxTestContext tc) {
    Map<String, Object> seen = new HashMap<>();
    startGitHub(vertx)
        .compose(g -> authorize(g.authorizeUrl(), DemoMode.CLIENT_ID, CALLBACK, "xyz"))
        .compose(location -> {
          String code = codeOf(location, CALLBACK, "xyz");
          seen.put("code", code);
          return token(codeForm(code), true);
        })
        .compose(res -> {
          assertEquals(200, res.statusCode());
          JsonObject t = res.bodyAsJsonObject();
          assertTrue(t.getString("access_token").startsWith("ghu_"), t.encode());
          assertTrue(t.getString("refresh_token").startsWith("ghr_"), t.encode());
          assertEquals("bearer", t.getString("token_type"));
          assertEquals("", t.getString("scope"));
          assertEquals(28_800L, t.getLong("expires_in"));
          assertEquals(15_811_200L, t.getLong("refresh_token_expires_in"));
          seen.put("token", t);
          // a code is single-use
          return token(codeForm((String) seen.get("code")), true);
        })
        .compose(res -> {
          assertEquals(200, res.statusCode());
          assertEquals("bad_verification_code", res.bodyAsJsonObject().getString("error"));
          // without Accept: application/json GitHub answers form-encoded
          return authorize(github.authorizeUrl(), DemoMode.CLIENT_ID, CALLBACK, "f")
              .compose(location -> token(codeForm(codeOf(location, CALLBACK, "f")), false));
        })
        .compose(res -> {
          assertTrue(res.getHeader("Content-Type").startsWith("application/x-www-form-urlencoded"));
          QueryStringDecoder form = new QueryStringDecoder(res.bodyAsString(), false);
          assertTrue(form.parameters().get("access_token").get(0).startsWith("ghu_"), res.bodyAsString());
          assertEquals("28800", form.parameters().get("expires_in").get(0));
          // a wrong client secret
          return token(MultiMap.caseInsensitiveMultiMap().add("client_id", DemoMode.CLIENT_ID)
              .add("client_secret", "wrong").add("code", "abc"), true);
        })
        .compose(res -> {
          assertEquals("incorrect_client_credentials", res.bodyAsJsonObject().getString("error"));
          JsonObject t = (JsonObject) seen.get("token");
          return token(refreshForm(t.getString("refresh_token")), true);
        })
        .compose(res -> {
          JsonObject fresh = res.bodyAsJsonObject();
          JsonObject old = (JsonObject) seen.get("token");
          for (String field : List.of("access_token", "expires_in", "refresh_token", "refresh_token_expires_in", "scope", "token_type")) {
            assertTrue(fresh.containsKey(field), field + " in " + fresh.encode());
          }
          assertNotEquals(old.getString("access_token"), fresh.getString("access_token"));
          seen.put("fresh", fresh);
          // GitHub invalidates a refresh token when it is used
          return token(refreshForm(old.getString("refresh_token")), true);
        })
        .compose(res -> {
          assertEquals("bad_refresh_token", res.bodyAsJsonObject().getString("error"));
          return api("/repos/demo/shop", ((JsonObject) seen.get("fresh")).getString("access_token"), null);
        })
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(200, res.statusCode());
          tc.completeNow();
        })));
  }

  private static MultiMap refreshForm(String refreshToken) {
    return MultiMap.caseInsensitiveMultiMap().add("grant_type", "refresh_token").add("refresh_token", refreshToken)
        .add("client_id", DemoMode.CLIENT_ID).add("client_secret", SECRET);
  }

  @Test
  void authorizePageRefusesUnknownClientsAndForeignRedirects(Vertx vertx, VertxTestContext tc) {
    startGitHub(vertx)
        .compose(g -> web.getAbs(g.authorizeUrl() + "?client_id=Iv1.other&redirect_uri=" + DemoGitHub.enc(CALLBACK)).send())
        .compose(res -> {
          assertEquals(404, res.statusCode());
          return web.getAbs(github.authorizeUrl() + "?client_id=" + DemoMode.CLIENT_ID
              + "&redirect_uri=" + DemoGitHub.enc("https://evil.example/")).send();
        })
        .compose(res -> {
          assertEquals(400, res.statusCode());
          // the Cancel link goes back with error=access_denied and the state
          return web.getAbs(github.authorizeUrl() + "?client_id=" + DemoMode.CLIENT_ID + "&state=abc").send();
        })
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(200, res.statusCode());
          assertTrue(res.bodyAsString().contains(
              "href=\"" + CALLBACK + "?error=access_denied&amp;error_description="), res.bodyAsString());
          assertTrue(res.bodyAsString().contains("state=abc"), res.bodyAsString());
          tc.completeNow();
        })));
  }

  @Test
  void restApiAnswersAsTheGatewayExpects(Vertx vertx, VertxTestContext tc) {
    Map<String, Object> seen = new HashMap<>();
    String mainSha = repos.repo("demo", "shop").orElseThrow().branches().get("main");
    String tagSha = repos.repo("demo", "shop").orElseThrow().tags().get("v1.0.0");
    startGitHub(vertx)
        .compose(g -> api("/repos/demo/shop", null, null))
        .compose(res -> {
          assertEquals(401, res.statusCode(), "no token");
          return api("/repos/demo/shop", "ghu_not_issued", null);
        })
        .compose(res -> {
          assertEquals(401, res.statusCode(), "a token it did not issue");
          assertEquals("Bad credentials", res.bodyAsJsonObject().getString("message"));
          return loginToken();
        })
        .compose(token -> {
          seen.put("token", token);
          return api("/repos/demo/shop", token, "application/vnd.github+json");
        })
        .compose(res -> {
          assertEquals(200, res.statusCode());
          assertEquals(Boolean.FALSE, res.bodyAsJsonObject().getBoolean("private"));
          assertEquals("demo/shop", res.bodyAsJsonObject().getString("full_name"));
          // the gateway re-checks access with a conditional GET
          return web.getAbs(github.apiUrl() + "/repos/demo/shop")
              .putHeader("Authorization", "Bearer " + seen.get("token"))
              .putHeader("If-None-Match", res.getHeader("ETag")).send();
        })
        .compose(res -> {
          assertEquals(304, res.statusCode());
          return api("/repos/demo/nope", (String) seen.get("token"), null);
        })
        .compose(res -> {
          assertEquals(404, res.statusCode());
          return api("/repos/demo/shop/contents/internal/cart/cart.go?ref=main", (String) seen.get("token"), "application/vnd.github+json");
        })
        .compose(res -> {
          assertEquals(200, res.statusCode());
          JsonObject f = res.bodyAsJsonObject();
          assertEquals("file", f.getString("type"));
          assertEquals("base64", f.getString("encoding"));
          assertArrayEquals(sample("shop", "main", "internal/cart/cart.go"), Base64.getMimeDecoder().decode(f.getString("content")));
          assertEquals("https://github.com/demo/shop/blob/main/internal/cart/cart.go", f.getString("html_url"));
          // the same file at the tag is the older version, without volume discounts
          return api("/repos/demo/shop/contents/internal/cart/cart.go?ref=v1.0.0", (String) seen.get("token"), null);
        })
        .compose(res -> {
          String old = new String(Base64.getMimeDecoder().decode(res.bodyAsJsonObject().getString("content")), StandardCharsets.UTF_8);
          assertFalse(old.contains("volumeDiscount"), old);
          return api("/repos/demo/shop/contents/.pyroscope.yaml?ref=" + tagSha, (String) seen.get("token"), "application/vnd.github.raw+json");
        })
        .compose(res -> {
          assertEquals(200, res.statusCode());
          assertTrue(res.bodyAsString().contains("prefix: com/demo/shop"), res.bodyAsString());
          return api("/repos/demo/shop/contents/internal?ref=main", (String) seen.get("token"), null);
        })
        .compose(res -> {
          assertEquals(200, res.statusCode());
          JsonArray listing = res.bodyAsJsonArray();
          assertEquals("dir", listing.getJsonObject(0).getString("type"));
          assertEquals("internal/cart", listing.getJsonObject(0).getString("path"));
          return api("/repos/demo/shop/contents/app/checkout.py?ref=v1.0.0-nope", (String) seen.get("token"), null);
        })
        .compose(res -> {
          assertEquals(404, res.statusCode(), "unknown ref");
          return api("/repos/demo/shop/contents/app/missing.py?ref=main", (String) seen.get("token"), null);
        })
        .compose(res -> {
          assertEquals(404, res.statusCode(), "missing file");
          return api("/repos/demo/shop/commits/main", (String) seen.get("token"), "application/vnd.github.sha");
        })
        .compose(res -> {
          assertEquals(200, res.statusCode());
          assertEquals(mainSha, res.bodyAsString());
          assertTrue(mainSha.matches("[0-9a-f]{40}"));
          String etag = res.getHeader("ETag");
          assertNotNull(etag);
          return web.getAbs(github.apiUrl() + "/repos/demo/shop/commits/main")
              .putHeader("Authorization", "Bearer " + seen.get("token"))
              .putHeader("Accept", "application/vnd.github.sha")
              .putHeader("If-None-Match", etag).send();
        })
        .compose(res -> {
          assertEquals(304, res.statusCode());
          return api("/repos/demo/shop/commits/tags/v1.0.0", (String) seen.get("token"), "application/vnd.github+json");
        })
        .compose(res -> {
          assertEquals(200, res.statusCode());
          JsonObject c = res.bodyAsJsonObject();
          assertEquals(tagSha, c.getString("sha"));
          assertTrue(c.getJsonObject("commit").getString("message").startsWith("Add the Java cart library"));
          assertEquals("2026-03-16T11:05:41Z", c.getJsonObject("commit").getJsonObject("author").getString("date"));
          assertNull(c.getValue("author"), "a commit linked to no user");
          assertEquals("https://github.com/demo/shop/commit/" + tagSha, c.getString("html_url"));
          return api("/repos/demo/shop/commits/" + mainSha.substring(0, 10), (String) seen.get("token"), null);
        })
        .compose(res -> {
          assertEquals(200, res.statusCode());
          JsonObject author = res.bodyAsJsonObject().getJsonObject("author");
          assertEquals("mara-demo", author.getString("login"));
          assertEquals(github.baseUrl() + "/avatars/mara-demo", author.getString("avatar_url"));
          return api("/repos/demo/shop/commits/nope", (String) seen.get("token"), null);
        })
        .compose(res -> {
          assertEquals(422, res.statusCode());
          return api("/repos/demo/kit/contents/log/log.go?ref=v1.2.0", (String) seen.get("token"), null);
        })
        .compose(res -> {
          assertEquals(200, res.statusCode());
          assertEquals("https://github.com/demo/kit/blob/v1.2.0/log/log.go", res.bodyAsJsonObject().getString("html_url"));
          return web.getAbs(github.baseUrl() + "/avatars/mara-demo").send();
        })
        .compose(res -> {
          assertEquals(200, res.statusCode());
          assertEquals("image/svg+xml", res.getHeader("Content-Type"));
          return web.getAbs(github.baseUrl() + "/go-get/go.example/x?go-get=1").send();
        })
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(404, res.statusCode());
          tc.completeNow();
        })));
  }

  // ---------------------------------------------------------------- the gateway in demo mode

  private Future<DemoMode.Running> startDemo(Vertx vertx) {
    web = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
    Map<String, String> env = Map.of(
        "SOURCEGATE_PORT", "0",
        "SOURCEGATE_MANAGEMENT_PORT", "0",
        "SOURCEGATE_HOST", "127.0.0.1",
        "SOURCEGATE_ACCESS_LOG", "false",
        "SOURCEGATE_SHUTDOWN_GRACE_MS", "1000");
    return DemoMode.start(vertx, env, Clock.systemUTC()).onSuccess(d -> demo = d);
  }

  private String gateway(String path) {
    return "http://127.0.0.1:" + demo.port() + path;
  }

  private Future<HttpResponse<Buffer>> rpc(String method, JsonObject body, String cookie) {
    var req = web.postAbs(gateway("/vcs.v1.VCSService/" + method)).putHeader("Content-Type", "application/json");
    if (cookie != null) {
      req.putHeader("Cookie", "pyroscope_git_session=" + cookie);
    }
    return req.sendBuffer(Buffer.buffer(body.encode()));
  }

  /** GithubApp, the authorize page, GithubLogin: the page's login, as a browser would go through it. */
  private Future<String> login(Map<String, Object> seen) {
    return rpc("GithubApp", new JsonObject(), null)
        .compose(app -> {
          assertEquals(200, app.statusCode(), app.bodyAsString());
          JsonObject a = app.bodyAsJsonObject();
          assertEquals(DemoMode.CLIENT_ID, a.getString("clientID"));
          assertEquals("http://localhost:" + demo.port() + "/", a.getString("callbackURL"));
          assertEquals(demo.pageUrl(), a.getString("callbackURL"));
          seen.put("callback", a.getString("callbackURL"));
          return web.getAbs(gateway("/demo/config")).send().map(cfg -> {
            assertEquals(200, cfg.statusCode());
            return cfg.bodyAsJsonObject().getString("authorizeUrl");
          }).compose(authorizeUrl -> authorize(authorizeUrl, a.getString("clientID"), a.getString("callbackURL"), "st"));
        })
        .compose(location -> rpc("GithubLogin",
            new JsonObject().put("authorizationCode", codeOf(location, (String) seen.get("callback"), "st")), null))
        .map(res -> {
          assertEquals(200, res.statusCode(), res.bodyAsString());
          JsonObject body = res.bodyAsJsonObject();
          Matcher m = COOKIE.matcher(body.getString("cookie"));
          assertTrue(m.matches(), body.getString("cookie"));
          assertTrue(body.getString("token").length() > 0);
          return m.group(1);
        });
  }

  @Test
  void demoGatewayResolvesEveryPresetWithTheLoginCookie(Vertx vertx, VertxTestContext tc) {
    Map<String, Object> seen = new HashMap<>();
    Future<Void> chain = startDemo(vertx)
        .compose(d -> rpc("GetFile", DemoPreset.ALL.get(0).toJson(), null))
        .compose(res -> {
          assertEquals(401, res.statusCode(), "no cookie: " + res.bodyAsString());
          assertEquals("unauthenticated", res.bodyAsJsonObject().getString("code"));
          return login(seen);
        })
        .map(cookie -> {
          seen.put("cookie", cookie);
          return null;
        });
    assertEquals(EXPECTED.keySet(), DemoPreset.ALL.stream().map(DemoPreset::id).collect(java.util.stream.Collectors.toSet()));
    for (DemoPreset preset : DemoPreset.ALL) {
      Expected want = EXPECTED.get(preset.id());
      chain = chain
          .compose(v -> rpc("GetFile", preset.toJson(), (String) seen.get("cookie")))
          .compose(res -> {
            assertEquals(200, res.statusCode(), preset.id() + ": " + res.bodyAsString());
            JsonObject f = res.bodyAsJsonObject();
            assertArrayEquals(sample(want.repo(), want.ref(), want.path()), Base64.getDecoder().decode(f.getString("content")),
                preset.id());
            assertLink(want, f.getString("URL"), preset.id());
            return rpc("GetCommit", new JsonObject().put("repositoryURL", preset.repositoryUrl()).put("ref", preset.ref()),
                (String) seen.get("cookie"));
          })
          .map(res -> {
            assertEquals(200, res.statusCode(), preset.id() + ": " + res.bodyAsString());
            JsonObject c = res.bodyAsJsonObject();
            String sha = repos.repo("demo", "shop").orElseThrow().resolve(preset.ref()).orElseThrow().sha();
            assertEquals(sha, c.getString("sha"), preset.id());
            assertTrue(c.getString("message").startsWith(want.commitSubject()), c.encode());
            JsonObject author = c.getJsonObject("author");
            assertNotNull(author, "author is always sent");
            if (want.authorLogin() == null) {
              assertNull(author.getString("login"), c.encode());
            } else {
              assertEquals(want.authorLogin(), author.getString("login"));
              assertTrue(author.getString("avatarURL").endsWith("/avatars/" + want.authorLogin()));
            }
            return null;
          });
    }
    chain
        .compose(v -> rpc("GetCommits", new JsonObject().put("repository_url", DemoPreset.SHOP_URL)
            .put("refs", new JsonArray().add("main").add("nope").add("v1.0.0")), (String) seen.get("cookie")))
        .compose(res -> {
          assertEquals(200, res.statusCode(), res.bodyAsString());
          JsonArray commits = res.bodyAsJsonObject().getJsonArray("commits");
          assertEquals(2, commits.size(), commits.encode());
          // a missing file of the shop is not_found, as the page shows it
          return rpc("GetFile", new JsonObject().put("repositoryURL", DemoPreset.SHOP_URL).put("ref", "main")
              .put("localPath", "app/nope.py"), (String) seen.get("cookie"));
        })
        .compose(res -> {
          assertEquals(404, res.statusCode(), res.bodyAsString());
          assertEquals("not_found", res.bodyAsJsonObject().getString("code"));
          // the demo has no gems: a gem frame asks the simulated GitHub, which has none, never rubygems.org
          return rpc("GetFile", new JsonObject().put("repositoryURL", DemoPreset.SHOP_URL).put("ref", "main")
              .put("localPath", "/usr/local/bundle/gems/rack-3.0.8/lib/rack.rb"), (String) seen.get("cookie"));
        })
        .compose(res -> {
          assertEquals(404, res.statusCode(), res.bodyAsString());
          assertTrue(res.bodyAsJsonObject().getString("message").contains("rack-3.0.8 on RubyGems"), res.bodyAsString());
          return rpc("GithubRefresh", new JsonObject(), (String) seen.get("cookie"));
        })
        .compose(res -> {
          assertEquals(200, res.statusCode(), res.bodyAsString());
          Matcher m = COOKIE.matcher(res.bodyAsJsonObject().getString("cookie"));
          assertTrue(m.matches(), res.bodyAsString());
          assertNotEquals(seen.get("cookie"), m.group(1));
          return rpc("GetFile", DemoPreset.ALL.get(2).toJson(), m.group(1));
        })
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(200, res.statusCode(), "the refreshed session works: " + res.bodyAsString());
          tc.completeNow();
        })));
  }

  @Test
  void demoGatewayServesThePageFromMemory(Vertx vertx, VertxTestContext tc) {
    startDemo(vertx)
        .compose(d -> web.getAbs(gateway("/?code=abc&state=def")).send())
        .compose(res -> {
          assertEquals(200, res.statusCode());
          assertTrue(res.getHeader("Content-Type").startsWith("text/html"));
          String csp = res.getHeader("Content-Security-Policy");
          assertNotNull(csp);
          assertTrue(csp.contains("script-src 'self'") && csp.contains(demo.github().baseUrl()), csp);
          String html = res.bodyAsString();
          assertTrue(html.contains("data-testid=\"connect\"") && html.contains("/demo/app.js"), html);
          assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), "nothing is loaded from elsewhere");
          return web.getAbs(gateway("/demo/config")).send();
        })
        .compose(res -> {
          JsonObject cfg = res.bodyAsJsonObject();
          assertEquals(demo.github().authorizeUrl(), cfg.getString("authorizeUrl"));
          assertEquals(DemoPreset.ALL.size(), cfg.getJsonArray("presets").size());
          assertEquals("com/demo/shop/Cart$Item.total", cfg.getJsonArray("presets").getJsonObject(3).getString("functionName"));
          return web.getAbs(gateway("/demo/app.js")).send();
        })
        .compose(res -> {
          assertEquals(200, res.statusCode());
          assertTrue(res.getHeader("Content-Type").startsWith("text/javascript"));
          assertTrue(res.bodyAsString().contains("document.cookie = cookie + '; path=/'"));
          return web.getAbs(gateway("/demo/app.css")).send();
        })
        .compose(res -> {
          assertEquals(200, res.statusCode());
          assertTrue(res.getHeader("Content-Type").startsWith("text/css"));
          return web.postAbs(gateway("/")).send();
        })
        .compose(res -> {
          assertEquals(405, res.statusCode());
          return web.getAbs(gateway("/demo/nope")).send();
        })
        .compose(res -> {
          assertEquals(404, res.statusCode());
          return web.getAbs(gateway("/healthz")).send();
        })
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(200, res.statusCode());
          tc.completeNow();
        })));
  }
}
