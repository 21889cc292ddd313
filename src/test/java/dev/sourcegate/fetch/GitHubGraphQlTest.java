package dev.sourcegate.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.bus.Messages.CommitOutcome;
import dev.sourcegate.bus.Messages.FileAt;
import dev.sourcegate.fetch.graphql.Answer;
import dev.sourcegate.fetch.graphql.CommitFacts;
import dev.sourcegate.fetch.graphql.GraphQlBudget;
import dev.sourcegate.fetch.graphql.GraphQlClient;
import dev.sourcegate.fetch.graphql.TokenQueryQueue;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.source.RepoRef;
import io.vertx.core.Future;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What a GraphQL commit answer becomes, and which calls never reach the GraphQL endpoint. */
class GitHubGraphQlTest {
  private final AtomicInteger posts = new AtomicInteger();
  private final GraphQlClient client = new GraphQlClient((url, headers, body, maxBytes, deadline) -> {
    posts.incrementAndGet();
    return Future.failedFuture("not expected");
  }, URI.create("http://127.0.0.1/api/graphql"), new GraphQlBudget(), System::currentTimeMillis, 1 << 20);
  private final GitHubGraphQl graphQl = new GitHubGraphQl(client, new dev.sourcegate.fetch.graphql.ContentStore(1 << 20, 1_000),
      new TokenQueryQueue(client, 1, 600, new SimpleMeterRegistry()));

  private static ProviderCall call(String token) {
    return new ProviderCall(token, System.currentTimeMillis() + 10_000, UpstreamScope.githubRepository("acme", "app"));
  }

  @Test
  void withoutATokenGraphQlIsNotAsked() {
    Future<List<CommitOutcome>> out = graphQl.commits(call(null), RepoRef.github("acme", "app"), List.of("main"));
    assertTrue(out.failed());
    assertEquals(0, posts.get(), "GitHub answers 401 to GraphQL without a token: REST serves");
  }

  @Test
  void refsNoQueryCanCarryAreLeftUnasked() {
    Future<List<CommitOutcome>> out = graphQl.commits(call("t"), RepoRef.github("acme", "app"), List.of("a:b"));
    assertEquals(List.of(CommitOutcome.unasked()), out.result());
    assertEquals(0, posts.get());
  }

  /** A path no query can carry is left to its single read: it neither fails the batch nor reaches GitHub. */
  @Test
  void filesNoQueryCanCarryAreLeftUnknownNotTheBatchFailed() {
    RepoRef app = RepoRef.github("acme", "app");
    Future<List<BatchedFile>> out = graphQl.files(call("t"),
        List.of(new FileAt(app, "main", ""), new FileAt(app, "main", "a\ud800.go")), 1 << 20,
        (c, where, oid, path) -> Future.failedFuture("not expected"));
    assertTrue(out.succeeded(), () -> String.valueOf(out.cause()));
    assertEquals(List.of(BatchedFile.unknown(), BatchedFile.unknown()), out.result());
    assertEquals(0, posts.get());
  }

  @Test
  void answersBecomeTheOutcomesRestGives() {
    assertEquals(Code.INTERNAL, GitHubGraphQl.outcome(new Answer.Found<>(new CommitFacts("s", "", "d", "u", "", "")), "r").code());
    assertEquals("s", GitHubGraphQl.outcome(new Answer.Found<>(new CommitFacts("s", "m", "d", "u", "", "")), "r").commit().sha());
    assertEquals(new CommitOutcome(null, Code.NOT_FOUND, "commit r not found"), GitHubGraphQl.outcome(new Answer.Missing<>(), "r"));
    assertEquals(Code.NOT_FOUND, GitHubGraphQl.outcome(new Answer.Failed<>("NOT_FOUND", "Could not resolve"), "r").code());
    assertEquals(Code.PERMISSION_DENIED, GitHubGraphQl.outcome(new Answer.Failed<>("FORBIDDEN", "no"), "r").code());
  }

  /**
   * Extras no query may carry (refused paths, a branch, a look-up the caller asks itself) are left out, so
   * they can never get the caller's own look-ups refused; the others are asked for their oid only.
   */
  @Test
  void extrasAreCarriedOidOnlyAndOnlyWhenAQueryMayCarryThem() {
    String sha = "0123456789abcdef0123456789abcdef01234567";
    java.util.List<String> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
    GraphQlClient recording = new GraphQlClient((url, headers, body, maxBytes, deadline) -> {
      bodies.add(new io.vertx.core.json.JsonObject(body).getString("query"));
      return Future.failedFuture("not answered here");
    }, URI.create("http://127.0.0.1/api/graphql"), new GraphQlBudget(), System::currentTimeMillis, 1 << 20);
    GitHubGraphQl withExtras = new GitHubGraphQl(recording, new dev.sourcegate.fetch.graphql.ContentStore(1 << 20, 1_000),
        new TokenQueryQueue(recording, 1, 600, new SimpleMeterRegistry()), 16);
    RepoRef app = RepoRef.github("acme", "app");
    FileAt own = new FileAt(app, sha, "own.go");
    withExtras.files(call("t"), List.of(own), List.of(new FileAt(app, sha, ""), new FileAt(app, sha, "a\ud800.go"),
        new FileAt(app, "main", "branch.go"), own, new FileAt(app, sha, "ok.go")), 1 << 20,
        (c, where, oid, path) -> Future.failedFuture("not expected"));
    assertEquals(1, bodies.size(), bodies::toString);
    String q = bodies.get(0);
    assertTrue(q.contains("\"" + sha + ":own.go\") { ...blob }"), q);
    assertTrue(q.contains("\"" + sha + ":ok.go\") { ... on Blob { oid byteSize isBinary isTruncated } }"), q);
    assertEquals(q.indexOf(sha + ":own.go"), q.lastIndexOf(sha + ":own.go"), () -> "own.go asked twice: " + q);
    assertTrue(!q.contains("branch.go") && !q.contains("\"" + sha + ":\") { ... on Blob") && !q.contains("a\ud800"), q);
  }

  /** Extras ride along a query that goes anyway: when none of the caller's own files can be asked, none goes. */
  @Test
  void extrasAloneSendNoQuery() {
    String sha = "0123456789abcdef0123456789abcdef01234567";
    GitHubGraphQl withExtras = new GitHubGraphQl(client, new dev.sourcegate.fetch.graphql.ContentStore(1 << 20, 1_000),
        new TokenQueryQueue(client, 1, 600, new SimpleMeterRegistry()), 16);
    RepoRef app = RepoRef.github("acme", "app");
    Future<List<BatchedFile>> out = withExtras.files(call("t"), List.of(new FileAt(app, sha, "a\ud800.go")),
        List.of(new FileAt(app, sha, "ok.go")), 1 << 20, (c, where, oid, path) -> Future.failedFuture("not expected"));
    assertEquals(0, posts.get(), "a query of extras only costs a call nobody asked for");
    assertTrue(out.succeeded(), () -> String.valueOf(out.cause()));
    assertEquals(List.of(BatchedFile.unknown(), BatchedFile.unknown()), out.result());
  }

  /** Extras go to the token's line as optional look-ups: they never send a caller its own way past the cap. */
  @Test
  void extrasDoNotCountAgainstTheWaitingCap() {
    String sha = "0123456789abcdef0123456789abcdef01234567";
    AtomicInteger held = new AtomicInteger();
    GraphQlClient holding = new GraphQlClient((url, headers, body, maxBytes, deadline) -> {
      held.incrementAndGet();
      return io.vertx.core.Promise.<dev.sourcegate.fetch.ssrf.UpstreamResponse>promise().future();
    }, URI.create("http://127.0.0.1/api/graphql"), new GraphQlBudget(), System::currentTimeMillis, 1 << 20);
    GitHubGraphQl withExtras = new GitHubGraphQl(holding, new dev.sourcegate.fetch.graphql.ContentStore(1 << 20, 1_000),
        new TokenQueryQueue(holding, 1, 1, new SimpleMeterRegistry()), 16);
    RepoRef app = RepoRef.github("acme", "app");
    GitHubGraphQl.BlobReader none = (c, where, oid, path) -> Future.failedFuture("not expected");
    withExtras.files(call("t"), List.of(new FileAt(app, sha, "first.go")), 1 << 20, none);
    withExtras.files(call("t"), List.of(new FileAt(app, sha, "own.go")),
        List.of(new FileAt(app, sha, "x.go"), new FileAt(app, sha, "y.go")), 1 << 20, none);
    assertEquals(1, held.get(), "one own look-up waits within a cap of 1, its extras beside it");
  }

  @Test
  void withoutALimitAProviderOffersNoExtras() {
    assertEquals(0, graphQl.prefetchLimit());
    assertTrue(!graphQl.prefetchable(RepoRef.github("acme", "app"), "never-seen.go"));
  }
}
