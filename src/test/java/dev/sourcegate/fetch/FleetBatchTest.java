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
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two fetchers (two gateway replicas) sharing one fleet cache, over GraphQL against the simulated GitHub:
 * a batch on the second at a commit the first already read is answered from the fleet, with no call when
 * the token's access is known here, and only after an access check (never the bytes blindly) when not.
 */
@ExtendWith(VertxExtension.class)
class FleetBatchTest {
  private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
  private static final RepoRef VAULT = RepoRef.github("acme", "vault");
  private static final List<String> PATHS = List.of("pkg/x/y.go", "go.mod");

  private final MapFleetCache fleet = new MapFleetCache();
  private FakeGitHub fake;
  private FetchServices first;
  private FetchServices second;

  /** The simulated GitHub's schema, built once per JVM (seconds, cold), before the first query is timed. */
  @BeforeAll
  static void buildSchema() {
    dev.sourcegate.demo.github.GitHubSchema.executable();
  }

  @BeforeEach
  void start(Vertx vertx, VertxTestContext tc) {
    fake = new FakeGitHub(vertx).token("gho_alice").token("gho_mallory").privateRepo("acme", "vault", "gho_alice")
        .ref("acme", "vault", "main", false, FakeGitHub.commitJson("acme", "vault", SHA, "m", "2024-01-01T00:00:00Z", null))
        .file("acme", "vault", SHA, "go.mod", "module github.com/acme/vault\n")
        .file("acme", "vault", SHA, "pkg/x/y.go", "package x")
        .file("acme", "vault", SHA, "pkg/x/z.go", "package x // z");
    fake.start().onComplete(tc.succeeding(f -> {
      var config = SettingsLoader.load(TestGateway.withGraphQl(TestGateway.env(fake)), null);
      first = new FetchServices(vertx, config, new GatewayMetrics(), fleet);
      second = new FetchServices(vertx, config, new GatewayMetrics(), fleet);
      tc.completeNow();
    }));
  }

  @AfterEach
  void stop(VertxTestContext tc) {
    first.close();
    second.close();
    fake.stop().onComplete(tc.succeedingThenComplete());
  }

  private static long deadline() {
    return System.currentTimeMillis() + 10_000;
  }

  private static List<FileAt> at(List<String> paths) {
    return paths.stream().map(p -> new FileAt(VAULT, SHA, p)).toList();
  }

  /** The first replica reads the files at the commit: one query, and the fleet holds them. */
  private Future<Void> firstReplicaReads() {
    return first.fetcher().files("gho_alice", at(PATHS), deadline()).compose(out -> fake.settled()).map(v -> {
      assertEquals(1, fake.graphQlCalls());
      assertEquals(PATHS.size(), fleet.size(), "both files are in the fleet");
      fake.clearRequests();
      return null;
    });
  }

  private static String text(FileOutcome o) {
    return new String(o.file().file().content());
  }

  @Test
  void aKnownReaderIsAnsweredFromTheFleetWithoutACall(VertxTestContext tc) {
    CachingFetcher replica = second.fetcher();
    firstReplicaReads()
        // alice reads another file through the second replica: her access to acme/vault is known there now
        .compose(v -> replica.files("gho_alice", at(List.of("pkg/x/z.go")), deadline()))
        .compose(z -> fake.settled().map(z))
        .compose(z -> {
          tc.verify(() -> assertEquals("package x // z", text(z.get(0))));
          fake.clearRequests();
          return replica.files("gho_alice", at(PATHS), deadline()).compose(out -> fake.settled().map(out));
        }).compose(out -> {
          tc.verify(() -> {
            assertEquals("package x", text(out.get(0)));
            assertEquals("module github.com/acme/vault\n", text(out.get(1)));
            assertEquals(SHA, out.get(0).file().version());
            assertEquals(0, fake.graphQlCalls() + fake.restCalls(), fake.paths()::toString);
          });
          // kept in the second replica's own cache: its single read is a hit
          return replica.file("gho_alice", VAULT, SHA, "pkg/x/y.go", deadline()).compose(f -> fake.settled().map(f));
        }).onComplete(tc.succeeding(f -> tc.verify(() -> {
          assertEquals("package x", new String(f.file().content()));
          assertEquals(0, fake.graphQlCalls() + fake.restCalls(), fake.paths()::toString);
          tc.completeNow();
        })));
  }

  /** The second replica has not seen alice read acme/vault: the fleet's bytes wait for her access check. */
  @Test
  void anUnknownReaderGetsTheFleetsBytesOnlyAfterAnAccessCheck(VertxTestContext tc) {
    CachingFetcher replica = second.fetcher();
    firstReplicaReads()
        .compose(v -> replica.files("gho_alice", at(PATHS), deadline()).compose(out -> fake.settled().map(out)))
        .compose(out -> {
          tc.verify(() -> {
            assertEquals(List.of(FileOutcome.unasked(), FileOutcome.unasked()), out, "not answered before her access is checked");
            assertEquals(0, fake.graphQlCalls(), "fleet hits are not asked of GitHub");
          });
          return replica.file("gho_alice", VAULT, SHA, "pkg/x/y.go", deadline()).compose(f -> fake.settled().map(f));
        }).onComplete(tc.succeeding(f -> tc.verify(() -> {
          assertEquals("package x", new String(f.file().content()));
          assertEquals(List.of("/api/repos/acme/vault"), fake.paths(), "one access check, no content read");
          tc.completeNow();
        })));
  }

  /** mallory cannot read acme/vault: the fleet's bytes never reach her, through the batch or the read after it. */
  @Test
  void aTokenThatCannotReadTheRepositoryNeverGetsTheFleetsBytes(VertxTestContext tc) {
    CachingFetcher replica = second.fetcher();
    firstReplicaReads()
        .compose(v -> replica.files("gho_mallory", at(PATHS), deadline()))
        .compose(out -> {
          tc.verify(() -> out.forEach(o -> {
            assertNull(o.file(), () -> "mallory was given " + o);
            assertFalse(o.code() != null && o.code() != Code.NOT_FOUND, o::toString);
          }));
          return replica.file("gho_mallory", VAULT, SHA, "pkg/x/y.go", deadline()).transform(ar -> Future.succeededFuture(ar));
        }).onComplete(tc.succeeding(ar -> tc.verify(() -> {
          assertTrue(ar.failed(), "mallory read the file");
          assertEquals(Code.NOT_FOUND, ((RpcException) ar.cause()).code());
          tc.completeNow();
        })));
  }

  /** A fleet that fails is a miss: the batch asks GitHub as it would without a fleet, and answers. */
  @Test
  void aFailingFleetIsAMiss(VertxTestContext tc) {
    CachingFetcher replica = second.fetcher();
    firstReplicaReads().compose(v -> {
      fleet.down = true;
      int before = fleet.gets.get();
      return replica.files("gho_alice", at(PATHS), deadline()).compose(out -> fake.settled().map(out)).map(out -> {
        assertEquals(before + PATHS.size(), fleet.gets.get(), "the fleet was asked, once per file, in one round");
        return out;
      });
    }).onComplete(tc.succeeding(out -> tc.verify(() -> {
      assertEquals("package x", text(out.get(0)));
      assertEquals("module github.com/acme/vault\n", text(out.get(1)));
      assertEquals(1, fake.graphQlCalls(), fake.paths()::toString);
      tc.completeNow();
    })));
  }
}
