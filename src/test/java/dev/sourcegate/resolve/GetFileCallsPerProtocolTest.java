package dev.sourcegate.resolve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.testkit.FakeGitHub;
import dev.sourcegate.testkit.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Upstream calls of a cold GetFile, per protocol, counted by the simulated GitHub: over GraphQL the
 * rules' candidates are read in one query; over REST (GraphQL off, or not there) each step of the rules
 * is a call, as before. The answers are the same either way.
 */
class GetFileCallsPerProtocolTest {
  private static final String REPO = "https://github.com/acme/app";
  private static final String CONFIG = """
      version: v1
      source_code:
        mappings:
          - function_name:
              - prefix: org/example
            language: java
            source:
              local:
                path: src/main/java
          - function_name:
              - prefix: java/
            language: java
            source:
              github:
                owner: openjdk
                repo: jdk
                ref: jdk-17+0
                path: src/java.base/share/classes
      """;
  private static final String GO_MOD = "module github.com/acme/app\n\ngo 1.22\n\nrequire github.com/pkg/errors v0.9.1\n";

  private static final String REAL_SHA = "0123456789abcdef0123456789abcdef01234567";
  /** A Python file past the size below which the text is always asked. */
  private static final String BIG_PY = "# filler\n".repeat(200);
  /** Files of acme/real no commit changed: read at both commits, they show the repository's files mostly unchanged. */
  private static final List<String> UNCHANGED = List.of("svc/m0.py", "svc/m1.py", "svc/m2.py", "svc/m3.py");
  /** A later commit of acme/real: svc/handler.py unchanged, svc/jobs.py changed. */
  private static final String NEXT_SHA = "89abcdef0123456789abcdef0123456789abcdef";
  private static final byte[] LATIN = {'c', 'a', 'f', (byte) 0xe9, '\n'};
  private static final byte[] BIG = "x".repeat(600 * 1024).getBytes(StandardCharsets.UTF_8);

  /** Calls expected for one case: GraphQL queries and REST calls. */
  record Calls(long graphQl, long rest) {}

  @ExtendWith(VertxExtension.class)
  abstract static class Counting {
    FakeGitHub fake;
    TestGateway gw;
    final String alice = TestGateway.cookieFor("gho_alice");

    /** SOURCEGATE_GITHUB_GRAPHQL, and whether the endpoint is there. */
    abstract boolean graphQlOn();

    /** Settings a case adds to the gateway's environment. */
    Map<String, String> extraEnv() {
      return Map.of();
    }

    Future<HttpResponse<Buffer>> read(String cookie, String repo, String ref, String localPath) {
      return gw.call("GetFile", new JsonObject().put("repositoryURL", repo).put("ref", ref)
          .put("localPath", localPath).put("rootPath", "").put("functionName", ""), cookie);
    }

    static byte[] bytes(HttpResponse<Buffer> res) {
      assertEquals(200, res.statusCode(), res.bodyAsString());
      return Base64.getDecoder().decode(res.bodyAsJsonObject().getString("content"));
    }

    String graphQlBodies() {
      return fake.requests().stream().filter(r -> r.path().endsWith("/graphql"))
          .map(r -> new JsonObject(r.body()).getString("query"))
          .reduce("", String::concat);
    }

    /** Reads paths one after another at ref of acme/real, each answer checked to be a 200. */
    Future<Void> readAll(String ref, List<String> paths) {
      Future<Void> chain = Future.succeededFuture();
      for (String p : paths) {
        chain = chain.compose(v -> read(alice, "https://github.com/acme/real", ref, p).map(res -> {
          assertEquals(200, res.statusCode(), res.bodyAsString());
          return null;
        }));
      }
      return chain;
    }

    /**
     * acme/real read at one commit, then its files seen unchanged at the next: the repository's history
     * shows most files unchanged, so a path held from the first commit asks only its oid.
     */
    Future<Void> historyShowsFilesUnchanged(String path) {
      List<String> first = new java.util.ArrayList<>(UNCHANGED);
      first.add(path);
      return readAll(REAL_SHA, first).compose(v -> readAll(NEXT_SHA, UNCHANGED)).compose(v -> fake.settleThenClear());
    }


    boolean graphQlAvailable() {
      return true;
    }


    @BeforeEach
    void start(Vertx vertx, VertxTestContext tc) {
      fake = new FakeGitHub(vertx).token("gho_alice").token("gho_bob");
      for (String ref : List.of("main", "next")) {
        fake.file("acme", "app", ref, ".pyroscope.yaml", CONFIG)
            .file("acme", "app", ref, "go.mod", GO_MOD)
            .file("acme", "app", ref, "src/main/java/org/example/App.java", "class App {} // " + ref)
            .file("acme", "app", ref, "cmd/server/main.go", "package main // " + ref);
      }
      fake.file("openjdk", "jdk", "jdk-17+0", "src/java.base/share/classes/java/lang/String.java", "final class String {}")
          .file("golang", "go", "master", "src/net/http/server.go", "package http")
          .file("pkg", "errors", "v0.9.1", "errors.go", "package errors")
          .file("python", "cpython", "3.12", "Lib/difflib.py", "# difflib")
          // a repository with real commits: its branch resolves to a SHA, its files are kept under it
          .ref("acme", "real", "main", false, FakeGitHub.commitJson("acme", "real", REAL_SHA, "m", "2024-01-01T00:00:00Z", null))
          .file("acme", "real", REAL_SHA, "svc/handler.py", "def handle(): pass")
          .file("acme", "real", REAL_SHA, "svc/jobs.py", BIG_PY + "def run(): return 1")
          .file("acme", "real", REAL_SHA, "svc/big.py", BIG_PY)
          .ref("acme", "real", "next", false, FakeGitHub.commitJson("acme", "real", NEXT_SHA, "n", "2024-01-02T00:00:00Z", null))
          .file("acme", "real", NEXT_SHA, "svc/handler.py", "def handle(): pass")
          .file("acme", "real", NEXT_SHA, "svc/jobs.py", BIG_PY + "def run(): return 2")
          .file("acme", "real", NEXT_SHA, "svc/big.py", BIG_PY)
          .privateRepo("acme", "vault", "gho_alice")
          .ref("acme", "vault", "main", false, FakeGitHub.commitJson("acme", "vault", REAL_SHA, "m", "2024-01-01T00:00:00Z", null))
          .ref("acme", "vault", "next", false, FakeGitHub.commitJson("acme", "vault", NEXT_SHA, "n", "2024-01-02T00:00:00Z", null))
          .file("acme", "vault", REAL_SHA, "svc/handler.py", "vault secret")
          .file("acme", "vault", NEXT_SHA, "svc/handler.py", "vault secret")
          // bytes GraphQL's text cannot carry exactly: not UTF-8, and past its text limit
          .file("acme", "app", "main", "data/latin.txt", LATIN)
          .file("acme", "app", "main", "data/big.txt", BIG)
          // the same bytes in a private repository and in a public one
          .privateRepo("acme", "secret", "gho_alice")
          .file("acme", "secret", "main", "shared.py", "SHARED = 1")
          .file("acme", "app", "main", "shared.py", "SHARED = 1")
          .graphQlAvailable(graphQlAvailable());
      for (String sha : List.of(REAL_SHA, NEXT_SHA)) {
        for (String m : UNCHANGED) {
          fake.file("acme", "real", sha, m, BIG_PY + "# " + m);
        }
      }
      fake.start().compose(f -> {
        Map<String, String> env = new HashMap<>(TestGateway.env(fake));
        env.putAll(extraEnv());
        return TestGateway.start(vertx, graphQlOn() ? TestGateway.withGraphQl(env) : env);
      }).onComplete(tc.succeeding(g -> {
        gw = g;
        tc.completeNow();
      }));
    }

    @AfterEach
    void stop(VertxTestContext tc) {
      TestGateway.stop(gw, fake).onComplete(tc.succeedingThenComplete());
    }

    Future<HttpResponse<Buffer>> getFile(String ref, String localPath, String function) {
      String repo = localPath.startsWith("svc/") ? "https://github.com/acme/real" : REPO;
      return gw.call("GetFile", new JsonObject().put("repositoryURL", repo).put("ref", ref)
          .put("localPath", localPath).put("rootPath", "").put("functionName", function), alice);
    }

    /** One cold GetFile: its answer, and the calls it made once every read it started has landed. */
    Future<Calls> cold(String ref, String localPath, String function, String text, String url) {
      fake.clearRequests();
      return getFile(ref, localPath, function).compose(res -> fake.settled().map(v -> {
        assertEquals(200, res.statusCode(), res.bodyAsString());
        assertEquals(text, new String(Base64.getDecoder().decode(res.bodyAsJsonObject().getString("content")), StandardCharsets.UTF_8));
        assertEquals(url, res.bodyAsJsonObject().getString("URL"));
        return new Calls(fake.graphQlCalls(), fake.restCalls());
      }));
    }

    void expect(VertxTestContext tc, Calls expected, Future<Calls> measured) {
      measured.onComplete(tc.succeeding(calls -> tc.verify(() -> {
        assertEquals(expected, calls, () -> fake.paths().toString());
        tc.completeNow();
      })));
    }
  }

  /** The cases, each with the calls a protocol makes for it. */
  abstract static class CallCounts extends Counting {
    abstract Calls goModuleDependency();

    abstract Calls goLastResortWalk();

    abstract Calls javaMappedFirstContact();

    abstract Calls javaMappedSeenBefore();

    abstract Calls pythonStandardLibrary();

    abstract Calls goStandardLibrary();

    /**
     * A file read at a branch is kept under the branch's commit: asked at that commit's SHA it costs
     * nothing, and its link is the first read's, as a cached file's always is.
     */
    @Test
    void aFileReadAtABranchIsKeptUnderItsCommit(VertxTestContext tc) {
      String url = "https://github.com/acme/real/blob/main/svc/handler.py";
      expect(tc, new Calls(0, 0), cold("main", "svc/handler.py", "handle", "def handle(): pass", url)
          .compose(first -> cold(REAL_SHA, "svc/handler.py", "handle", "def handle(): pass", url)));
    }

    @Test
    void goModuleDependency(VertxTestContext tc) {
      expect(tc, goModuleDependency(), cold("main", "/root/go/pkg/mod/github.com/pkg/errors@v0.9.1/errors.go",
          "github.com/pkg/errors.New", "package errors", "https://github.com/pkg/errors/blob/v0.9.1/errors.go"));
    }

    @Test
    void goOwnCodeThroughTheLastResortWalk(VertxTestContext tc) {
      expect(tc, goLastResortWalk(), cold("main", "/home/ci/build/github.com/acme/app/cmd/server/main.go", "main.main",
          "package main // main", "https://github.com/acme/app/blob/main/cmd/server/main.go"));
    }

    @Test
    void javaMappedFileOnFirstContact(VertxTestContext tc) {
      expect(tc, javaMappedFirstContact(), cold("main", "App.java", "org/example/App$Inner.run",
          "class App {} // main", "https://github.com/acme/app/blob/main/src/main/java/org/example/App.java"));
    }

    /** The repository's .pyroscope.yaml was read at another commit before: its mapped candidates are in the first query. */
    @Test
    void javaMappedFileInARepositorySeenBefore(VertxTestContext tc) {
      expect(tc, javaMappedSeenBefore(), cold("main", "App.java", "org/example/App$Inner.run",
          "class App {} // main", "https://github.com/acme/app/blob/main/src/main/java/org/example/App.java")
          .compose(first -> cold("next", "App.java", "org/example/App$Inner.run",
              "class App {} // next", "https://github.com/acme/app/blob/next/src/main/java/org/example/App.java")));
    }

    @Test
    void pythonStandardLibrary(VertxTestContext tc) {
      expect(tc, pythonStandardLibrary(), cold("main", "/usr/lib/python3.12/difflib.py", "difflib.SequenceMatcher",
          "# difflib", "https://github.com/python/cpython/blob/3.12/Lib/difflib.py"));
    }

    @Test
    void goStandardLibrary(VertxTestContext tc) {
      expect(tc, goStandardLibrary(), cold("main", "/usr/local/go/src/net/http/server.go", "net/http.(*conn).serve",
          "package http", "https://github.com/golang/go/blob/master/src/net/http/server.go"));
    }
  }

  /** One query per cold GetFile; a mapping met for the first time costs one more read. */
  @Nested
  class OverGraphQl extends CallCounts {
    @Override
    boolean graphQlOn() {
      return true;
    }

    @Override
    Calls goModuleDependency() {
      return new Calls(1, 0);
    }

    @Override
    Calls goLastResortWalk() {
      return new Calls(1, 0);
    }

    @Override
    Calls javaMappedFirstContact() {
      return new Calls(1, 1);
    }

    @Override
    Calls javaMappedSeenBefore() {
      return new Calls(1, 0);
    }

    @Override
    Calls pythonStandardLibrary() {
      return new Calls(1, 0);
    }

    @Override
    Calls goStandardLibrary() {
      return new Calls(1, 0);
    }
  }

  /**
   * The cases only GraphQL has: bytes by oid, commits learnt from the query, points, access. Each case
   * counts what one look-up costs, so no extras ride along: with them, the reads that teach the history
   * would already answer the file at the new commit (PrefetchBatchTest, and {@link GraphQlWithExtras}).
   */
  @Nested
  class GraphQlOnly extends Counting {
    @Override
    boolean graphQlOn() {
      return true;
    }

    @Override
    Map<String, String> extraEnv() {
      return Map.of("SOURCEGATE_GRAPHQL_PREFETCH_PATHS", "0");
    }

    private long blobReads() {
      return fake.paths().stream().filter(p -> p.contains("/git/blobs/")).count();
    }

    @Test
    void textThatIsNotTheExactBytesComesByOidOverRest(VertxTestContext tc) {
      fake.clearRequests();
      read(alice, REPO, "main", "data/latin.txt").compose(latin -> {
        tc.verify(() -> {
          assertArrayEquals(LATIN, bytes(latin));
          assertEquals(1, blobReads(), fake.paths()::toString);
        });
        return read(alice, REPO, "main", "data/big.txt");
      }).onComplete(tc.succeeding(big -> tc.verify(() -> {
        assertArrayEquals(BIG, bytes(big), "past GraphQL's text limit (isTruncated), read whole by oid");
        assertEquals(2, blobReads(), fake.paths()::toString);
        assertEquals(0, fake.paths().stream().filter(p -> p.contains("/contents/data/")).count(), "no contents read");
        tc.completeNow();
      })));
    }

    @Test
    void bytesOfAPrivateRepositoryNeverReachATokenThatCannotReadItEvenWhenAPublicOneHoldsTheSame(VertxTestContext tc) {
      String secret = "https://github.com/acme/secret";
      String bob = TestGateway.cookieFor("gho_bob");
      read(alice, secret, "main", "shared.py").compose(a -> {
        tc.verify(() -> assertEquals("SHARED = 1", new String(bytes(a), StandardCharsets.UTF_8)));
        return read(bob, secret, "main", "shared.py");
      }).compose(b -> {
        tc.verify(() -> {
          assertEquals(404, b.statusCode(), b.bodyAsString());
          assertEquals("not_found", b.bodyAsJsonObject().getString("code"));
        });
        return read(bob, REPO, "main", "shared.py");
      }).onComplete(tc.succeeding(pub -> tc.verify(() -> {
        assertEquals("SHARED = 1", new String(bytes(pub), StandardCharsets.UTF_8), "bob reads the public copy");
        tc.completeNow();
      })));
    }

    /** A file no commit changed: one query asks only its oid, and its bytes come from the content store. */
    @Test
    void anUnchangedFileAtANewCommitCostsOneQueryAndNoContent(VertxTestContext tc) {
      historyShowsFilesUnchanged("svc/big.py").compose(v -> read(alice, "https://github.com/acme/real", NEXT_SHA, "svc/big.py"))
          .compose(next -> fake.settled().map(next)).onComplete(tc.succeeding(next -> tc.verify(() -> {
            assertEquals(BIG_PY, new String(bytes(next), StandardCharsets.UTF_8));
            assertEquals(new Calls(1, 0), new Calls(fake.graphQlCalls(), fake.restCalls()), fake.paths()::toString);
            assertTrue(graphQlBodies().contains(NEXT_SHA + ":svc/big.py\") { ... on Blob { oid byteSize isBinary isTruncated } }"),
                "the path held bytes at another commit: no text asked for it");
            tc.completeNow();
          })));
    }

    /** Before the repository's history shows its files mostly unchanged, the text is asked: one call, even for a changed file. */
    @Test
    void withoutHistoryAFileAtANewCommitIsAskedWithItsText(VertxTestContext tc) {
      readAll(REAL_SHA, List.of("svc/jobs.py")).compose(v -> fake.settleThenClear())
          .compose(v -> read(alice, "https://github.com/acme/real", NEXT_SHA, "svc/jobs.py")).compose(next -> fake.settled().map(next)).onComplete(tc.succeeding(next -> tc.verify(() -> {
        assertEquals(BIG_PY + "def run(): return 2", new String(bytes(next), StandardCharsets.UTF_8));
        assertEquals(new Calls(1, 0), new Calls(fake.graphQlCalls(), fake.restCalls()), fake.paths()::toString);
        tc.completeNow();
      })));
    }

    /**
     * A file a commit changed: the query's oid differs from the held one, so its blob is read by oid, as
     * a GraphQL object(oid:) look-up through the token's query line (where it may share a query with other
     * waiting look-ups; alone here, it is a second query), not over REST.
     */
    @Test
    void aChangedFileAtANewCommitCostsTheBlobRead(VertxTestContext tc) {
      historyShowsFilesUnchanged("svc/jobs.py").compose(v -> read(alice, "https://github.com/acme/real", NEXT_SHA, "svc/jobs.py"))
          .compose(next -> fake.settled().map(next)).onComplete(tc.succeeding(next -> tc.verify(() -> {
        byte[] changed = (BIG_PY + "def run(): return 2").getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(changed, bytes(next));
        assertEquals(new Calls(2, 0), new Calls(fake.graphQlCalls(), fake.restCalls()), fake.paths()::toString);
        assertEquals(0, blobReads(), fake.paths()::toString);
        assertTrue(graphQlBodies().contains("object(oid: \"" + dev.sourcegate.source.GitBlobId.of(changed) + "\") { ...blob }"),
            "the changed blob asked by its oid");
        tc.completeNow();
      })));
    }

    /**
     * bob cannot read acme/vault, whose file alice's read kept: asked at a new commit where the file is
     * unchanged, the held bytes never reach him (GraphQL does not answer the repository to his token).
     */
    @Test
    void heldBytesOfAPrivateRepositoryNeverReachAnotherTokenAtANewCommit(VertxTestContext tc) {
      String vault = "https://github.com/acme/vault";
      String bob = TestGateway.cookieFor("gho_bob");
      read(alice, vault, REAL_SHA, "svc/handler.py").compose(a -> read(bob, vault, NEXT_SHA, "svc/handler.py"))
          .compose(b -> {
            tc.verify(() -> {
              assertEquals(404, b.statusCode(), b.bodyAsString());
              assertTrue(!b.bodyAsString().contains("vault secret"), b.bodyAsString());
            });
            // bob's 404 can answer while reads it started are still on their way
            return fake.settleThenClear();
          }).compose(v -> read(alice, vault, NEXT_SHA, "svc/handler.py")).compose(a -> fake.settled().map(a)).onComplete(tc.succeeding(a -> tc.verify(() -> {
            assertEquals("vault secret", new String(bytes(a), StandardCharsets.UTF_8), "alice may read it");
            assertEquals(0, fake.restCalls(), fake.paths()::toString);
            tc.completeNow();
          })));
    }

    /** Out of REST's limit, the token's GraphQL points still serve a GetFile the query covers. */
    @Test
    void graphQlServesWhileRestIsSpent(VertxTestContext tc) {
      fake.intercept(ctx -> {
        if (ctx.request().path().startsWith("/api/repos/")) {
          ctx.response().setStatusCode(403).putHeader("X-RateLimit-Remaining", "0")
              .putHeader("X-RateLimit-Reset", String.valueOf(System.currentTimeMillis() / 1000 + 3600))
              .putHeader("Content-Type", "application/json").end("{\"message\":\"API rate limit exceeded\"}");
          return true;
        }
        return false;
      });
      // a mapping met for the first time needs a REST read: it meets the spent limit
      getFile("main", "App.java", "org/example/App$Inner.run").compose(first -> {
        tc.verify(() -> assertEquals("resource_exhausted", first.bodyAsJsonObject().getString("code"), first.bodyAsString()));
        return fake.settled();
      }).compose(v -> cold("main", "/home/ci/build/github.com/acme/app/cmd/server/main.go", "main.main",
          "package main // main", "https://github.com/acme/app/blob/main/cmd/server/main.go"))
          .onComplete(tc.succeeding(calls -> tc.verify(() -> {
            assertEquals(new Calls(1, 0), calls, fake.paths()::toString);
            tc.completeNow();
          })));
    }

    /** The token's GraphQL points are spent: the next GetFile is read over REST as before, GraphQL not asked. */
    @Test
    void spentGraphQlPointsLeaveGetFileToRest(VertxTestContext tc) {
      fake.graphQlPoints(1);
      expect(tc, new Calls(0, 2), cold("main", "/home/ci/build/github.com/acme/app/cmd/server/main.go", "main.main",
          "package main // main", "https://github.com/acme/app/blob/main/cmd/server/main.go")
          .map(first -> {
            tc.verify(() -> assertEquals(new Calls(1, 0), first));
            return first;
          })
          .compose(first -> cold("main", "/usr/lib/python3.12/difflib.py", "difflib.SequenceMatcher",
              "# difflib", "https://github.com/python/cpython/blob/3.12/Lib/difflib.py")));
    }
  }

  /**
   * The same history with extras riding along (SOURCEGATE_GRAPHQL_PREFETCH_PATHS at its default): the reads
   * at the new commit that teach the history also carry the file's oid, so an unchanged file costs no call
   * when asked, and a changed one is known changed and asked with its text in one query, no read by oid.
   */
  @Nested
  class GraphQlWithExtras extends Counting {
    @Override
    boolean graphQlOn() {
      return true;
    }

    @Test
    void anUnchangedFileAtANewCommitIsAlreadyCached(VertxTestContext tc) {
      historyShowsFilesUnchanged("svc/big.py").compose(v -> read(alice, "https://github.com/acme/real", NEXT_SHA, "svc/big.py"))
          .compose(next -> fake.settled().map(next)).onComplete(tc.succeeding(next -> tc.verify(() -> {
            assertEquals(BIG_PY, new String(bytes(next), StandardCharsets.UTF_8));
            assertEquals(new Calls(0, 0), new Calls(fake.graphQlCalls(), fake.restCalls()), fake.paths()::toString);
            tc.completeNow();
          })));
    }

    @Test
    void aChangedFileAtANewCommitIsAskedWithItsTextInOneQuery(VertxTestContext tc) {
      historyShowsFilesUnchanged("svc/jobs.py").compose(v -> read(alice, "https://github.com/acme/real", NEXT_SHA, "svc/jobs.py"))
          .compose(next -> fake.settled().map(next)).onComplete(tc.succeeding(next -> tc.verify(() -> {
            assertArrayEquals((BIG_PY + "def run(): return 2").getBytes(StandardCharsets.UTF_8), bytes(next));
            assertEquals(new Calls(1, 0), new Calls(fake.graphQlCalls(), fake.restCalls()), fake.paths()::toString);
            assertTrue(graphQlBodies().contains(NEXT_SHA + ":svc/jobs.py\") { ...blob }"), graphQlBodies());
            assertTrue(!graphQlBodies().contains("object(oid:"), graphQlBodies());
            tc.completeNow();
          })));
    }
  }

  /** GraphQL on but not there (404): one call says so, then every step is a REST call as before. */
  @Nested
  class GraphQlUnavailable extends OverRest {
    @Override
    boolean graphQlOn() {
      return true;
    }

    @Override
    boolean graphQlAvailable() {
      return false;
    }

    @Override
    Calls goModuleDependency() {
      return new Calls(1, 5);
    }

    @Override
    Calls goLastResortWalk() {
      return new Calls(1, 5);
    }

    @Override
    Calls javaMappedFirstContact() {
      return new Calls(1, 3);
    }

    @Override
    Calls javaMappedSeenBefore() {
      return new Calls(0, 3);
    }

    @Override
    Calls pythonStandardLibrary() {
      return new Calls(1, 4);
    }

    @Override
    Calls goStandardLibrary() {
      return new Calls(1, 4);
    }
  }

  /** GraphQL off: every step of the rules is a REST call, as before. */
  @Nested
  class OverRest extends CallCounts {
    @Override
    boolean graphQlOn() {
      return false;
    }

    @Override
    Calls goModuleDependency() {
      return new Calls(0, 5);
    }

    @Override
    Calls goLastResortWalk() {
      return new Calls(0, 5);
    }

    @Override
    Calls javaMappedFirstContact() {
      return new Calls(0, 3);
    }

    @Override
    Calls javaMappedSeenBefore() {
      return new Calls(0, 3);
    }

    @Override
    Calls pythonStandardLibrary() {
      return new Calls(0, 4);
    }

    @Override
    Calls goStandardLibrary() {
      return new Calls(0, 4);
    }
  }
}
