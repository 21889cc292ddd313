package dev.sourcegate.fetch.graphql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.demo.github.ApiAccess;
import dev.sourcegate.demo.github.GitHubSchema;
import dev.sourcegate.demo.github.SimulatedGitHub;
import dev.sourcegate.fetch.ssrf.UpstreamResponse;
import dev.sourcegate.source.GitBlobId;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The built queries, sent over HTTP on 127.0.0.1 to the simulated GitHub at the endpoint the rule
 * derives, and its answers read back: one call for many files across repositories, one for a GetCommit.
 */
@ExtendWith(VertxExtension.class)
class GraphQlRoundTripTest {
  private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
  private static final byte[] GO_MOD = "module example.com/app\n".getBytes(StandardCharsets.UTF_8);

  private SimulatedGitHub github;
  private WebClient web;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext tc) {
    web = WebClient.create(vertx);
    github = new SimulatedGitHub(vertx, Clock.systemUTC());
    github.log().record(true);
    github.access().goodTokens(ApiAccess.anyOrNamed(Set.of("t")));
    github.repositories().repository("acme", "app").describe("", "main")
        .snapshot(SHA, Map.of("go.mod", GO_MOD, "cmd/main.go", "package main\n".getBytes(StandardCharsets.UTF_8)),
            new JsonObject().put("sha", SHA).put("html_url", "https://github.com/acme/app/commit/" + SHA)
                .put("commit", new JsonObject().put("message", "m").put("author", new JsonObject().put("date", "2026-01-01T00:00:00Z"))))
        .branch("main", SHA);
    github.repositories().repository("golang", "go").file("go1.22.0", "src/fmt/print.go", "package fmt\n".getBytes(StandardCharsets.UTF_8));
    GitHubSchema.load(vertx).compose(s -> github.start()).onComplete(tc.succeedingThenComplete());
  }

  @AfterEach
  void stop(VertxTestContext tc) {
    web.close();
    github.stop().onComplete(tc.succeedingThenComplete());
  }

  private Future<UpstreamResponse> post(String text) {
    URI endpoint = GraphQlEndpoint.of(URI.create(github.apiUrl()), null);
    return web.postAbs(endpoint.toString()).putHeader("Authorization", "Bearer t")
        .sendJsonObject(new JsonObject().put("query", text))
        .map(res -> new UpstreamResponse(res.statusCode(), res.headers(), res.body()));
  }

  @Test
  void manyFilesAcrossRepositoriesInOneCall(VertxTestContext tc) {
    List<FileLookup> lookups = new ArrayList<>(List.of(
        new FileLookup("acme", "app", "main", "go.mod"),
        new FileLookup("acme", "app", SHA, ".pyroscope.yaml"),
        new FileLookup("golang", "go", "go1.22.0", "src/fmt/print.go"),
        new FileLookup("acme", "app", "main", "cmd")));
    for (String step : List.of("a/b/c/main.go", "b/c/main.go", "c/main.go", "main.go", "cmd/main.go")) {
      lookups.add(new FileLookup("acme", "app", SHA, step));
    }
    BlobQuery query = BlobQuery.of(lookups);
    GraphQlBudget budget = new GraphQlBudget();
    post(query.text()).onComplete(tc.succeeding(res -> tc.verify(() -> {
      QueryAnswers<GitBlob> answers = BlobAnswers.read(query, res);
      budget.observe("t", answers.response(), res, System.currentTimeMillis());
      assertNull(answers.failure());
      List<Answer<GitBlob>> a = answers.answers();
      GitBlob goMod = ((Answer.Found<GitBlob>) a.get(0)).value();
      assertEquals(GitBlobId.of(GO_MOD), goMod.oid());
      assertArrayEquals(GO_MOD, goMod.exactBytes().orElseThrow());
      assertEquals(new Answer.Missing<>(), a.get(1));
      assertEquals("package fmt\n", ((Answer.Found<GitBlob>) a.get(2)).value().text());
      assertEquals(new Answer.Missing<>(), a.get(3), "a directory");
      assertEquals(List.of(false, false, false, false, true), a.subList(4, 9).stream().map(x -> x instanceof Answer.Found).toList(),
          "the walk's steps, only the last found");
      assertEquals(1, github.log().graphQlCalls());
      assertEquals(0, github.log().restCalls());
      assertEquals(4999, budget.remaining("t", System.currentTimeMillis()));
      tc.completeNow();
    })));
  }

  /** A changed file's bytes by oid, in the same call as a file at a ref: the simulated GitHub answers object(oid:) with the blob. */
  @Test
  void blobsByOidAndFilesInOneCall(VertxTestContext tc) {
    String unknown = "ffffffffffffffffffffffffffffffffffffffff";
    BlobQuery query = BlobQuery.of(List.of(new OidLookup("acme", "app", GitBlobId.of(GO_MOD)),
        new FileLookup("acme", "app", "main", "cmd/main.go"), new OidLookup("acme", "app", unknown)));
    post(query.text()).onComplete(tc.succeeding(res -> tc.verify(() -> {
      QueryAnswers<GitBlob> answers = BlobAnswers.read(query, res);
      assertNull(answers.failure());
      GitBlob byOid = ((Answer.Found<GitBlob>) answers.answers().get(0)).value();
      assertArrayEquals(GO_MOD, byOid.exactBytes().orElseThrow());
      assertEquals("package main\n", ((Answer.Found<GitBlob>) answers.answers().get(1)).value().text());
      assertEquals(new Answer.Missing<>(), answers.answers().get(2), "no such blob");
      assertTrue(BlobAnswers.commitOid(query, answers.response(), 0).isEmpty(), "a blob by oid names no commit");
      assertEquals(SHA, BlobAnswers.commitOid(query, answers.response(), 1).orElseThrow());
      assertEquals(1, github.log().graphQlCalls());
      assertEquals(0, github.log().restCalls());
      tc.completeNow();
    })));
  }

  @Test
  void aGetCommitIsOneCall(VertxTestContext tc) {
    CommitQuery query = CommitQuery.plan("acme", "app", List.of("main", "nope")).get(0);
    post(query.text()).onComplete(tc.succeeding(res -> tc.verify(() -> {
      QueryAnswers<CommitFacts> answers = CommitAnswers.read(query, res);
      assertEquals(new Answer.Found<>(new CommitFacts(SHA, "m", "2026-01-01T00:00:00Z", "https://github.com/acme/app/commit/" + SHA, "", "")),
          answers.answers().get(0));
      assertEquals(new Answer.Missing<>(), answers.answers().get(1));
      assertEquals(1, github.log().graphQlCalls());
      tc.completeNow();
    })));
  }

  @Test
  void aServerWithoutGraphQlSaysSoAndTheCallerFallsBack(VertxTestContext tc) {
    github.graphQlAvailable(false);
    BlobQuery query = BlobQuery.of(List.of(new FileLookup("acme", "app", "main", "go.mod")));
    post(query.text()).onComplete(tc.succeeding(res -> tc.verify(() -> {
      assertEquals(GraphQlResponse.Failure.UNAVAILABLE, BlobAnswers.read(query, res).failure());
      tc.completeNow();
    })));
  }

  /** The largest queries fit one request body (the simulated GitHub takes 64 KB); sizes printed for the README. */
  @Test
  void theLargestQueriesFitOneRequest() {
    for (int n : new int[] {1, 10, 40, BlobQuery.MAX_OBJECTS}) {
      List<FileLookup> l = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        l.add(new FileLookup("grafana", "pyroscope", "0123456789abcdef0123456789abcdef01234567", "pkg/module" + i + "/file" + i + ".go"));
      }
      String text = BlobQuery.of(l).text();
      assertTrue(text.length() < 64 * 1024);
      System.out.printf("blob query, %d look-ups in one repository: %d bytes%n", n, text.length());
    }
    for (int n : new int[] {1, 10, 50}) {
      List<String> refs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        refs.add(String.format("%040x", i + 1));
      }
      List<CommitQuery> q = CommitQuery.plan("grafana", "pyroscope", refs);
      assertEquals(1, q.size(), "up to the default SOURCEGATE_MAX_REFS, one query");
      System.out.printf("commits query, %d SHAs: %d queries, %d bytes%n", n, q.size(), q.get(0).text().length());
    }
    String oneBranch = CommitQuery.plan("grafana", "pyroscope", List.of("main")).get(0).text();
    System.out.printf("GetCommit of a branch: %d bytes%n", oneBranch.length());
    List<String> branches = new ArrayList<>();
    for (int i = 0; i < 51; i++) {
      branches.add("branch-" + i);
    }
    assertEquals(2, CommitQuery.plan("grafana", "pyroscope", branches).size(), "51 branches are 153 objects: two queries");
  }
}
