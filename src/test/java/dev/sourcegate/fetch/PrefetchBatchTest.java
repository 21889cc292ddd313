package dev.sourcegate.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.bus.Messages.FetchedFile;
import dev.sourcegate.bus.Messages.FileAt;
import dev.sourcegate.bus.Messages.FileOutcome;
import dev.sourcegate.fetch.SourceCache.FileKey;
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
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Extras riding along GraphQL file queries, against the simulated GitHub (SOURCEGATE_GRAPHQL_PREFETCH_PATHS
 * at 2, so which extras ride is exact). A private repository's files a, b, c are read at commit C1; at C2
 * the first batch (a) carries no extras, the second (d) carries the two most recent paths not cached there,
 * c and b, asking only their oids. b is unchanged: a later read of it at C2 costs no call and gives the
 * bytes and link a read gives. c changed: the extra fetches nothing and caches nothing, and c is read
 * when asked. A token that cannot read the repository gets nothing through b's entry; one that can gets it
 * after its own access check.
 */
@ExtendWith(VertxExtension.class)
class PrefetchBatchTest {
  private static final String C0 = "0000000000000000000000000000000000000a00";
  private static final String C1 = "1111111111111111111111111111111111111b11";
  private static final String C2 = "2222222222222222222222222222222222222c22";
  private static final RepoRef VAULT = RepoRef.github("acme", "vault");
  /** Read at C0 and again at C1, unchanged: the repository's history then shows most files unchanged. */
  private static final List<String> SETTLED = List.of("w.txt", "x.txt", "y.txt", "z.txt");

  private FakeGitHub fake;
  private FetchServices services;

  @BeforeAll
  static void buildSchema() {
    dev.sourcegate.demo.github.GitHubSchema.executable();
  }

  /** Files large enough to be asked by oid once their bytes are held (ContentStore.MIN_OID_ONLY_BYTES). */
  private static String text(String name, int version) {
    return name + " version " + version + "\n" + "x".repeat(1500) + "\n";
  }

  private Future<Void> start(Vertx vertx, int prefetchPaths) {
    fake = new FakeGitHub(vertx).token("gho_alice").token("gho_bob").token("gho_carol")
        .privateRepo("acme", "vault", "gho_alice", "gho_bob");
    String[] commits = {C0, C1, C2};
    for (int i = 0; i < commits.length; i++) {
      fake.ref("acme", "vault", "b" + i, false, FakeGitHub.commitJson("acme", "vault", commits[i], "m" + i, "2024-01-0" + (i + 1) + "T00:00:00Z", null));
    }
    for (String p : SETTLED) {
      fake.file("acme", "vault", C0, p, text(p, 0)).file("acme", "vault", C1, p, text(p, 0));
    }
    fake.file("acme", "vault", C1, "a.txt", text("a", 1)).file("acme", "vault", C2, "a.txt", text("a", 1))
        .file("acme", "vault", C1, "b.txt", text("b", 1)).file("acme", "vault", C2, "b.txt", text("b", 1))
        .file("acme", "vault", C1, "c.txt", text("c", 1)).file("acme", "vault", C2, "c.txt", text("c", 2))
        .file("acme", "vault", C2, "d.txt", text("d", 2));
    return fake.start().map(f -> {
      Map<String, String> env = new HashMap<>(TestGateway.withGraphQl(TestGateway.env(fake)));
      env.put("SOURCEGATE_GRAPHQL_PREFETCH_PATHS", Integer.toString(prefetchPaths));
      services = new FetchServices(vertx, SettingsLoader.load(env, null), new GatewayMetrics());
      return null;
    });
  }

  @AfterEach
  void stop(VertxTestContext tc) {
    if (services != null) {
      services.close();
    }
    fake.stop().onComplete(tc.succeedingThenComplete());
  }

  private static long deadline() {
    return System.currentTimeMillis() + 10_000;
  }

  private static List<FileAt> at(String commit, List<String> paths) {
    return paths.stream().map(p -> new FileAt(VAULT, commit, p)).toList();
  }

  private static String content(FetchedFile f) {
    return new String(f.file().content(), StandardCharsets.UTF_8);
  }

  /** One batch, its calls landed; the requests log then holds exactly its calls. */
  private Future<List<FileOutcome>> batch(String token, String commit, List<String> paths) {
    fake.clearRequests();
    return services.fetcher().files(token, at(commit, paths), deadline()).compose(out -> fake.settled().map(out));
  }

  private Future<FetchedFile> read(String token, String commit, String path) {
    fake.clearRequests();
    return services.fetcher().file(token, VAULT, commit, path, deadline()).compose(f -> fake.settled().map(f));
  }

  private String lastQuery() {
    List<FakeGitHub.Recorded> posts = fake.requests().stream().filter(r -> r.path().endsWith("/graphql")).toList();
    return posts.isEmpty() ? "" : new JsonObject(posts.get(posts.size() - 1).body()).getString("query");
  }

  /** How a look-up of path at commit appears in a query, asking only its oid. */
  private static String oidOnly(String commit, String path) {
    return "\"" + commit + ":" + path + "\") { ... on Blob { oid byteSize isBinary isTruncated } }";
  }

  private static String asked(String commit, String path) {
    return "\"" + commit + ":" + path + "\")";
  }

  /** C0 and C1 read, then a at C2 (C2's first batch): what every case here starts from. */
  private Future<FetchedFile> aAtC2(VertxTestContext tc) {
    return batch("gho_alice", C0, SETTLED)
        .compose(v -> batch("gho_alice", C1, SETTLED))
        .compose(v -> batch("gho_alice", C1, List.of("a.txt", "b.txt", "c.txt")))
        .compose(v -> batch("gho_alice", C2, List.of("a.txt")))
        .map(out -> {
          tc.verify(() -> {
            assertEquals(text("a", 1), content(out.get(0).file()));
            assertEquals(1, fake.graphQlCalls(), fake.paths()::toString);
            String q = lastQuery();
            assertTrue(q.contains(asked(C2, "a.txt")), q);
            assertFalse(q.contains(asked(C2, "b.txt")) || q.contains(asked(C2, "c.txt")), () -> "a commit's first batch carried extras: " + q);
          });
          return out.get(0).file();
        });
  }

  @Test
  void aSecondBatchAtACommitCarriesRecentPathsOidOnlyAndTheUnchangedOnesCostNothingLater(Vertx vertx, VertxTestContext tc) {
    start(vertx, 2).compose(v -> aAtC2(tc)).compose(a -> batch("gho_alice", C2, List.of("d.txt")).map(out -> {
      tc.verify(() -> {
        assertEquals(text("d", 2), content(out.get(0).file()));
        assertEquals(1, fake.graphQlCalls(), fake.paths()::toString);
        assertEquals(0, fake.restCalls(), () -> "an extra fetched bytes: " + fake.paths());
        String q = lastQuery();
        assertTrue(q.contains(oidOnly(C2, "b.txt")), q);
        assertTrue(q.contains(oidOnly(C2, "c.txt")), q);
        assertFalse(q.contains("object(oid:"), q);
        assertFalse(q.contains(asked(C2, "z.txt")), () -> "more extras than the limit: " + q);
        assertFalse(services.cache().holds(new FileKey(VAULT.key(), C2, "c.txt")), "a changed file's extra keeps nothing");
      });
      return a;
    })).compose(a -> read("gho_alice", C2, "b.txt").map(b -> {
      tc.verify(() -> {
        assertEquals(text("b", 1), content(b));
        assertEquals(C2, b.version());
        assertEquals(a.file().url().replace("/a.txt", "/b.txt"), b.file().url(), "the link a read gives");
        assertEquals(0, fake.graphQlCalls() + fake.restCalls(), fake.paths()::toString);
      });
      return b;
    })).compose(b -> batch("gho_alice", C2, List.of("c.txt"))).compose(out -> {
      tc.verify(() -> {
        assertEquals(text("c", 2), content(out.get(0).file()), "the changed file is read when asked");
        assertEquals(1, fake.graphQlCalls(), fake.paths()::toString);
        assertEquals(0, fake.restCalls(), fake.paths()::toString);
      });
      return read("gho_carol", C2, "b.txt").transform(Future::succeededFuture);
    }).compose(carol -> {
      tc.verify(() -> {
        assertTrue(carol.failed(), "a token that cannot read the repository read a prefetched file");
        assertEquals(Code.NOT_FOUND, ((RpcException) carol.cause()).code());
      });
      return read("gho_bob", C2, "b.txt");
    }).onComplete(tc.succeeding(bob -> tc.verify(() -> {
      assertEquals(text("b", 1), content(bob));
      assertEquals(List.of("/api/repos/acme/vault"), fake.paths(), "one access check of its own, no content read");
      tc.completeNow();
    })));
  }

  @Test
  void atZeroNothingRidesAlong(Vertx vertx, VertxTestContext tc) {
    start(vertx, 0).compose(v -> aAtC2(tc)).compose(a -> batch("gho_alice", C2, List.of("d.txt")))
        .compose(out -> {
          tc.verify(() -> {
            assertEquals(1, fake.graphQlCalls(), fake.paths()::toString);
            String q = lastQuery();
            assertFalse(q.contains(asked(C2, "b.txt")) || q.contains(asked(C2, "c.txt")), q);
          });
          return read("gho_alice", C2, "b.txt");
        }).onComplete(tc.succeeding(b -> tc.verify(() -> {
          assertEquals(text("b", 1), content(b));
          assertEquals(1, fake.graphQlCalls() + fake.restCalls(), () -> "b was not prefetched, so it is read: " + fake.paths());
          tc.completeNow();
        })));
  }
}
