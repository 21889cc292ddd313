package dev.sourcegate.demo.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The simulated GitHub's GraphQL endpoint, through a real HTTP client on 127.0.0.1: the same files and
 * commits as its REST API, and GitHub's error shapes.
 */
@ExtendWith(VertxExtension.class)
class SimulatedGraphQlTest {
  private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
  private static final String BLOB = "... on Blob { oid byteSize isBinary isTruncated text }";

  private SimulatedGitHub github;
  private WebClient web;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext tc) {
    web = WebClient.create(vertx);
    github = new SimulatedGitHub(vertx, Clock.systemUTC());
    github.log().record(true);
    github.access().goodTokens(ApiAccess.anyOrNamed(Set.of("good", "reader")));
    github.repositories().repository("acme", "app").describe("", "main")
        .snapshot(SHA, Map.of("src/a.go", bytes("package a\n"), "logo.png", new byte[] {(byte) 0x89, 'P', 0, 1},
            "big.txt", big(GitObjects.TEXT_LIMIT + 10)), commit())
        .branch("main", SHA)
        .tag("v1", SHA);
    github.repositories().repository("acme", "lib").file("main", "x.py", bytes("x = 1\n"));
    github.repositories().repository("acme", "secret").readableBy(List.of("reader")).file("main", "s.go", bytes("s"));
    // the first query builds the schema (about a second); the tests' own timeouts then measure only answers
    GitHubSchema.load(vertx).compose(s -> github.start()).onComplete(tc.succeedingThenComplete());
  }

  @AfterEach
  void stop(VertxTestContext tc) {
    web.close();
    github.stop().onComplete(tc.succeedingThenComplete());
  }

  private static JsonObject commit() {
    return new JsonObject().put("sha", SHA).put("html_url", "https://github.com/acme/app/commit/" + SHA)
        .put("commit", new JsonObject().put("message", "Fix it\n\nbody")
            .put("author", new JsonObject().put("name", "Ann").put("email", "ann@example.com").put("date", "2026-01-02T03:04:05Z")))
        .put("author", new JsonObject().put("login", "ann").put("avatar_url", "https://avatars.example/ann"));
  }

  private Future<HttpResponse<Buffer>> post(String token, String query) {
    var req = web.postAbs(github.graphQlUrl());
    if (token != null) {
      req.putHeader("Authorization", "bearer " + token);
    }
    return req.sendJsonObject(new JsonObject().put("query", query));
  }

  @Test
  void answersManyAliasedLookupsInOneQueryWithTheBlobIdsRestGives(VertxTestContext tc) {
    String query = "query { r0: repository(owner: \"acme\", name: \"app\") {"
        + " f0: object(expression: \"main:src/a.go\") { " + BLOB + " }"
        + " f1: object(expression: \"main:missing.go\") { " + BLOB + " }"
        + " f2: object(expression: \"main:src\") { " + BLOB + " }"
        + " f3: object(expression: \"v1:logo.png\") { " + BLOB + " }"
        + " f4: object(expression: \"" + SHA + ":big.txt\") { " + BLOB + " } }"
        + " r1: repository(owner: \"ACME\", name: \"lib\") { f0: object(expression: \"main:x.py\") { " + BLOB + " } }"
        + " rateLimit { cost remaining resetAt limit used } }";
    post("good", query).compose(res -> {
      tc.verify(() -> {
        assertEquals(200, res.statusCode());
        assertEquals("graphql", res.getHeader("x-ratelimit-resource"));
        JsonObject data = res.bodyAsJsonObject().getJsonObject("data");
        assertNull(res.bodyAsJsonObject().getValue("errors"));
        JsonObject app = data.getJsonObject("r0");
        JsonObject a = app.getJsonObject("f0");
        assertEquals(Answers.blobSha(bytes("package a\n")), a.getString("oid"));
        assertEquals(10, a.getInteger("byteSize"));
        assertEquals("package a\n", a.getString("text"));
        assertFalse(a.getBoolean("isBinary"));
        assertNull(app.getValue("f1"), "a missing file is null");
        assertEquals(new JsonObject(), app.getJsonObject("f2"), "a directory is a Tree: nothing of a Blob");
        assertTrue(app.getJsonObject("f3").getBoolean("isBinary"));
        assertNull(app.getJsonObject("f3").getValue("text"), "no text for a binary file");
        JsonObject bigFile = app.getJsonObject("f4");
        assertTrue(bigFile.getBoolean("isTruncated"));
        assertEquals(GitObjects.TEXT_LIMIT + 10, bigFile.getInteger("byteSize"));
        assertEquals(GitObjects.TEXT_LIMIT, bigFile.getString("text").length());
        assertEquals("x = 1\n", data.getJsonObject("r1").getJsonObject("f0").getString("text"));
        JsonObject limit = data.getJsonObject("rateLimit");
        assertEquals(1, limit.getInteger("cost"));
        assertEquals(4999, limit.getInteger("remaining"));
        assertEquals("4999", res.getHeader("x-ratelimit-remaining"));
      });
      return web.getAbs(github.apiUrl() + "/repos/acme/app/contents/src/a.go?ref=main").send();
    }).onComplete(tc.succeeding(rest -> tc.verify(() -> {
      assertEquals(Answers.blobSha(bytes("package a\n")), rest.bodyAsJsonObject().getString("sha"), "REST's sha is the same oid");
      assertEquals(1, github.log().graphQlCalls());
      assertEquals(1, github.log().restCalls());
      tc.completeNow();
    })));
  }

  @Test
  void answersACommitByEverySpellingWithTheFactsOfTheRestCommit(VertxTestContext tc) {
    String fields = "... on Commit { oid message committedDate url author { name email date avatarUrl user { login avatarUrl } } }";
    String query = "{ repository(owner: \"acme\", name: \"app\") {"
        + " c0: object(expression: \"main\") { " + fields + " }"
        + " c1: object(expression: \"refs/heads/main\") { " + fields + " }"
        + " c2: object(expression: \"refs/tags/main\") { " + fields + " }"
        + " c3: object(oid: \"" + SHA + "\") { " + fields + " }"
        + " c4: ref(qualifiedName: \"refs/tags/v1\") { name prefix target { " + fields + " } } } }";
    post("good", query).onComplete(tc.succeeding(res -> tc.verify(() -> {
      JsonObject repo = res.bodyAsJsonObject().getJsonObject("data").getJsonObject("repository");
      JsonObject c = repo.getJsonObject("c0");
      assertEquals(SHA, c.getString("oid"));
      assertEquals("Fix it\n\nbody", c.getString("message"));
      assertEquals("2026-01-02T03:04:05Z", c.getString("committedDate"));
      assertEquals("https://github.com/acme/app/commit/" + SHA, c.getString("url"));
      JsonObject author = c.getJsonObject("author");
      assertEquals("2026-01-02T03:04:05Z", author.getString("date"));
      assertEquals("ann", author.getJsonObject("user").getString("login"));
      assertEquals("https://avatars.example/ann", author.getJsonObject("user").getString("avatarUrl"));
      assertEquals(c, repo.getJsonObject("c1"));
      assertNull(repo.getValue("c2"), "main is no tag");
      assertEquals(c, repo.getJsonObject("c3"));
      assertEquals("v1", repo.getJsonObject("c4").getString("name"));
      assertEquals(c, repo.getJsonObject("c4").getJsonObject("target"));
      tc.completeNow();
    })));
  }

  @Test
  void aBlobByOidIsFoundOnlyThroughARepositoryHoldingIt(VertxTestContext tc) {
    String lib = Answers.blobSha(bytes("x = 1\n"));
    String secret = Answers.blobSha(bytes("s"));
    String query = "{ app: repository(owner: \"acme\", name: \"app\") {"
        + " own: object(oid: \"" + Answers.blobSha(bytes("package a\n")) + "\") { " + BLOB + " }"
        + " lib: object(oid: \"" + lib + "\") { " + BLOB + " } secret: object(oid: \"" + secret + "\") { " + BLOB + " } }"
        + " lib: repository(owner: \"acme\", name: \"lib\") { lib: object(oid: \"" + lib + "\") { " + BLOB + " } } }";
    post("reader", query).compose(res -> {
      tc.verify(() -> {
        JsonObject data = res.bodyAsJsonObject().getJsonObject("data");
        assertNull(res.bodyAsJsonObject().getValue("errors"));
        assertEquals("package a\n", data.getJsonObject("app").getJsonObject("own").getString("text"));
        assertNull(data.getJsonObject("app").getValue("lib"), "acme/lib's blob is not acme/app's");
        assertNull(data.getJsonObject("app").getValue("secret"), "nor is a private repository's, to its reader");
        assertEquals(lib, data.getJsonObject("lib").getJsonObject("lib").getString("oid"));
      });
      return web.getAbs(github.apiUrl() + "/repos/acme/app/git/blobs/" + lib).putHeader("Authorization", "bearer good").send();
    }).onComplete(tc.succeeding(rest -> tc.verify(() -> {
      assertEquals(404, rest.statusCode(), "REST's git/blobs neither");
      tc.completeNow();
    })));
  }

  @Test
  void aRepositoryTheTokenCannotReadIsNullWithNotFoundBesideTheOtherData(VertxTestContext tc) {
    String query = "{ s: repository(owner: \"acme\", name: \"secret\") { f: object(expression: \"main:s.go\") { " + BLOB + " } }"
        + " a: repository(owner: \"acme\", name: \"lib\") { f: object(expression: \"main:x.py\") { " + BLOB + " } } }";
    post("good", query).compose(res -> {
      tc.verify(() -> {
        JsonObject body = res.bodyAsJsonObject();
        assertEquals(200, res.statusCode());
        assertNull(body.getJsonObject("data").getValue("s"));
        assertEquals("x = 1\n", body.getJsonObject("data").getJsonObject("a").getJsonObject("f").getString("text"));
        JsonObject error = body.getJsonArray("errors").getJsonObject(0);
        assertEquals("NOT_FOUND", error.getString("type"));
        assertEquals(new JsonArray().add("s"), error.getJsonArray("path"));
        assertEquals("Could not resolve to a Repository with the name 'acme/secret'.", error.getString("message"));
      });
      return post("reader", query);
    }).onComplete(tc.succeeding(res -> tc.verify(() -> {
      assertEquals("s", res.bodyAsJsonObject().getJsonObject("data").getJsonObject("s").getJsonObject("f").getString("text"));
      assertNull(res.bodyAsJsonObject().getValue("errors"));
      tc.completeNow();
    })));
  }

  @Test
  void answersGitHubsErrorShapes(VertxTestContext tc) {
    github.graphQlPoints().limit(2);
    post(null, "{ rateLimit { cost } }").compose(res -> {
      tc.verify(() -> assertEquals(401, res.statusCode(), "no token"));
      return post("stolen", "{ rateLimit { cost } }");
    }).compose(res -> {
      tc.verify(() -> {
        assertEquals(401, res.statusCode());
        assertEquals("Bad credentials", res.bodyAsJsonObject().getString("message"));
      });
      return post("good", "{ repository(owner: \"acme\", name: \"app\") { noSuchField } }");
    }).compose(res -> {
      tc.verify(() -> {
        assertEquals(200, res.statusCode(), "a bad field is HTTP 200 with errors");
        assertFalse(res.bodyAsJsonObject().containsKey("data"));
        assertTrue(res.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("message").contains("noSuchField"));
      });
      return post("good", "{ rateLimit { remaining } }");
    }).compose(res -> {
      tc.verify(() -> assertEquals(0, res.bodyAsJsonObject().getJsonObject("data").getJsonObject("rateLimit").getInteger("remaining")));
      return post("good", "{ rateLimit { remaining } }");
    }).onComplete(tc.succeeding(res -> tc.verify(() -> {
      assertEquals(200, res.statusCode());
      assertEquals("0", res.getHeader("x-ratelimit-remaining"));
      assertEquals("RATE_LIMITED", res.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("type"));
      assertFalse(res.bodyAsJsonObject().containsKey("data"));
      tc.completeNow();
    })));
  }

  @Test
  void faultsApplyAndTheEndpointCanBeSwitchedOff(VertxTestContext tc) {
    github.faults().intercept(ctx -> {
      if (ctx.request().path().equals("/api/graphql") && github.log().graphQlCalls() == 1) {
        ctx.response().setStatusCode(502).end();
        return true;
      }
      return false;
    });
    post("good", "{ rateLimit { cost } }").compose(res -> {
      tc.verify(() -> assertEquals(502, res.statusCode()));
      return post("good", "{ rateLimit { cost } }");
    }).compose(res -> {
      tc.verify(() -> assertEquals(200, res.statusCode()));
      github.graphQlAvailable(false);
      return post("good", "{ rateLimit { cost } }");
    }).onComplete(tc.succeeding(res -> tc.verify(() -> {
      assertEquals(404, res.statusCode(), "a GitHub Enterprise Server without GraphQL");
      assertEquals(3, github.log().graphQlCalls());
      assertEquals(0, github.log().restCalls());
      tc.completeNow();
    })));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] big(int size) {
    byte[] b = new byte[size];
    Arrays.fill(b, (byte) 'a');
    return b;
  }
}
