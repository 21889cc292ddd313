package dev.sourcegate.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.bus.Messages.FileAt;
import dev.sourcegate.bus.Messages.FileOutcome;
import dev.sourcegate.ops.GatewayMetrics;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.settings.SettingsLoader;
import dev.sourcegate.source.RepoRef;
import dev.sourcegate.testkit.FakeGitHub;
import dev.sourcegate.testkit.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A batch at a commit whose root listing an earlier batch learnt, against the simulated GitHub: the
 * candidates the listing rules out are "not found" without a call, kept exactly as REST's single read
 * keeps and answers the same missing file; the rest are asked; and a token whose access is not known
 * gets nothing from the listing.
 */
@ExtendWith(VertxExtension.class)
class RootListingBatchTest {
  private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
  private static final RepoRef VAULT = RepoRef.github("acme", "vault");
  private static final List<String> WALK = List.of("home/runner/work/vault/vault/pkg/x/y.go", "runner/work/vault/vault/pkg/x/y.go",
      "x/y.go", "y.go", "go.mod/y.go");

  private FakeGitHub fake;
  private FetchServices graphQl;
  private FetchServices rest;

  /**
   * The simulated GitHub's schema is built once per JVM, cold in seconds on a busy machine: built before
   * the first query, so that the query is not timed out by the gateway and read over REST instead.
   */
  @org.junit.jupiter.api.BeforeAll
  static void buildSchema() {
    dev.sourcegate.demo.github.GitHubSchema.executable();
  }

  @BeforeEach
  void start(Vertx vertx, VertxTestContext tc) {
    fake = new FakeGitHub(vertx).token("gho_alice").token("gho_bob").privateRepo("acme", "vault", "gho_alice", "gho_bob")
        .ref("acme", "vault", "main", false, FakeGitHub.commitJson("acme", "vault", SHA, "m", "2024-01-01T00:00:00Z", null))
        .file("acme", "vault", SHA, "go.mod", "module github.com/acme/vault\n")
        .file("acme", "vault", SHA, "pkg/x/y.go", "package x")
        .file("acme", "vault", SHA, "pkg/x/z.go", "package x // z");
    fake.start().onComplete(tc.succeeding(f -> {
      graphQl = new FetchServices(vertx, SettingsLoader.load(TestGateway.withGraphQl(TestGateway.env(fake)), null), new GatewayMetrics());
      rest = new FetchServices(vertx, SettingsLoader.load(TestGateway.env(fake), null), new GatewayMetrics());
      tc.completeNow();
    }));
  }

  @AfterEach
  void stop(VertxTestContext tc) {
    graphQl.close();
    rest.close();
    fake.stop().onComplete(tc.succeedingThenComplete());
  }

  private static long deadline() {
    return System.currentTimeMillis() + 10_000;
  }

  private static List<FileAt> at(String ref, List<String> paths) {
    return paths.stream().map(p -> new FileAt(VAULT, ref, p)).toList();
  }

  /** What the file query asked: the paths of its file look-ups (not the commit or listing objects). */
  private String lastQuery() {
    List<FakeGitHub.Recorded> posts = fake.requests().stream().filter(r -> r.path().endsWith("/graphql")).toList();
    return posts.isEmpty() ? "" : new JsonObject(posts.get(posts.size() - 1).body()).getString("query");
  }

  /** The first batch learns the listing (alice's access too); the walk's candidates are then answered without asking. */
  @Test
  void absentCandidatesAreAnsweredWithoutACallAndAsRestAnswersThem(VertxTestContext tc) {
    CachingFetcher fetcher = graphQl.fetcher();
    fetcher.files("gho_alice", at(SHA, List.of("pkg/x/y.go")), deadline()).compose(first -> {
      tc.verify(() -> {
        assertEquals("package x", new String(first.get(0).file().file().content()));
        assertEquals(1, fake.graphQlCalls());
      });
      fake.clearRequests();
      List<String> next = new java.util.ArrayList<>(WALK);
      next.add("pkg/x/z.go");
      return fetcher.files("gho_alice", at(SHA, next), deadline()).compose(out -> fake.settled().map(out));
    }).compose(out -> {
      tc.verify(() -> {
        for (int i = 0; i < WALK.size(); i++) {
          FileOutcome o = out.get(i);
          assertEquals(new FileOutcome(null, Code.NOT_FOUND, "file " + WALK.get(i) + " not found"), o, WALK.get(i));
        }
        assertEquals("package x // z", new String(out.get(WALK.size()).file().file().content()), "its first segment exists: asked");
        assertEquals(1, fake.graphQlCalls(), fake.paths()::toString);
        assertEquals(0, fake.restCalls(), fake.paths()::toString);
        String asked = lastQuery();
        assertTrue(asked.contains(SHA + ":pkg/x/z.go"), asked);
        for (String p : WALK) {
          assertFalse(asked.contains(":" + p + "\""), () -> p + " was asked: " + asked);
        }
      });
      fake.clearRequests();
      // a nothing-left batch makes no call at all
      return fetcher.files("gho_alice", at(SHA, List.of("elsewhere/y.go")), deadline());
    }).compose(none -> {
      tc.verify(() -> {
        assertEquals(Code.NOT_FOUND, none.get(0).code());
        assertEquals(0, fake.graphQlCalls() + fake.restCalls(), fake.paths()::toString);
      });
      // the single reads that follow: from the cache, and what REST itself answers for the same file
      return Future.all(singleRead(fetcher, "gho_alice", "x/y.go"), singleRead(rest.fetcher(), "gho_alice", "x/y.go"));
    }).onComplete(tc.succeeding(both -> tc.verify(() -> {
      RpcException cached = both.resultAt(0);
      RpcException overRest = both.resultAt(1);
      assertEquals(overRest.code(), cached.code());
      assertEquals(overRest.getMessage(), cached.getMessage());
      assertEquals(1, fake.restCalls(), () -> "only the REST fetcher asked: " + fake.paths());
      tc.completeNow();
    })));
  }

  /**
   * A branch's commit and its root are two expressions of one query (a push between them would pair a
   * newer tree with the older commit): a listing read through a branch rules nothing out; the same
   * candidates at the commit the branch named are asked.
   */
  @Test
  void aListingReadThroughABranchRulesNothingOut(VertxTestContext tc) {
    CachingFetcher fetcher = graphQl.fetcher();
    fetcher.files("gho_alice", at("main", List.of("pkg/x/y.go")), deadline()).compose(first -> {
      tc.verify(() -> {
        assertEquals("package x", new String(first.get(0).file().file().content()));
        assertEquals(1, fake.graphQlCalls());
      });
      fake.clearRequests();
      return fetcher.files("gho_alice", at(SHA, WALK), deadline()).compose(out -> fake.settled().map(out));
    }).onComplete(tc.succeeding(out -> tc.verify(() -> {
      for (int i = 0; i < WALK.size(); i++) {
        assertEquals(Code.NOT_FOUND, out.get(i).code(), WALK.get(i));
      }
      assertEquals(1, fake.graphQlCalls(), "asked, not ruled out: " + fake.paths());
      String asked = lastQuery();
      for (String p : WALK) {
        assertTrue(asked.contains(SHA + ":" + p), () -> p + " was not asked: " + asked);
      }
      tc.completeNow();
    })));
  }

  /** bob may read the repository too, but this fetcher has not seen him do so: every candidate is asked for him. */
  @Test
  void aTokenWhoseAccessIsNotKnownGetsNothingFromTheListing(VertxTestContext tc) {
    CachingFetcher fetcher = graphQl.fetcher();
    fetcher.files("gho_alice", at(SHA, List.of("pkg/x/y.go")), deadline()).compose(first -> {
      fake.clearRequests();
      return fetcher.files("gho_bob", at(SHA, WALK), deadline()).compose(out -> fake.settled().map(out));
    }).onComplete(tc.succeeding(out -> tc.verify(() -> {
      assertEquals(1, fake.graphQlCalls(), "bob's candidates went to GitHub");
      String asked = lastQuery();
      for (String p : WALK) {
        assertTrue(asked.contains(SHA + ":" + p + "\""), () -> p + " not asked: " + asked);
      }
      // the answers are GitHub's to bob, not the listing's: the same "not found" once his access is seen
      for (int i = 0; i < WALK.size(); i++) {
        assertEquals(Code.NOT_FOUND, out.get(i).code());
      }
      tc.completeNow();
    })));
  }

  /** A token that cannot read the repository gets no answer from the listing: its batch leaves the files to the single reads. */
  @Test
  void aTokenThatCannotReadTheRepositoryNeverSeesTheListingsFacts(VertxTestContext tc) {
    fake.token("gho_mallory");
    CachingFetcher fetcher = graphQl.fetcher();
    fetcher.files("gho_alice", at(SHA, List.of("pkg/x/y.go")), deadline())
        .compose(first -> fetcher.files("gho_mallory", at(SHA, WALK), deadline()))
        .onComplete(tc.succeeding(out -> tc.verify(() -> {
          for (FileOutcome o : out) {
            assertNull(o.code(), () -> "mallory was told " + o);
            assertNull(o.file());
          }
          tc.completeNow();
        })));
  }

  private static Future<RpcException> singleRead(CachingFetcher fetcher, String token, String path) {
    return fetcher.file(token, VAULT, SHA, path, deadline()).transform(ar -> {
      assertTrue(ar.failed(), path + " was found");
      return Future.succeededFuture((RpcException) ar.cause());
    });
  }
}
