package dev.sourcegate.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.demo.registries.SimulatedCrates;
import dev.sourcegate.demo.registries.TarWriter;
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
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rust dependency frames end to end (docs/resolution.md §15): the real gateway, the fake GitHub holding
 * the application's Cargo.lock (and the crates' own repositories), the simulated crates.io.
 */
@ExtendWith(VertxExtension.class)
class RustCratesIntegrationTest {
  private static final String REPO = "https://github.com/acme/shop";
  private static final String PACKAGED = "0123456789abcdef0123456789abcdef01234567";
  private static final String HYPER = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
  private static final String INDEX = "/usr/local/cargo/registry/src/index.crates.io-6f17d22bba15001f/";
  private FakeGitHub fake;
  private SimulatedCrates crates;
  private TestGateway gw;
  private final String alice = TestGateway.cookieFor("gho_alice");

  @BeforeEach
  void start(Vertx vertx, VertxTestContext tc) {
    crates = new SimulatedCrates(vertx)
        .publish("serde", "1.0.197", Map.of("src/de/mod.rs", "// serde 1.0.197 de", "src/lib.rs", "// serde lib"),
            "https://github.com/serde-rs/serde", "serde")
        .publish("tokio-util", "0.7.10", Map.of("src/codec/mod.rs", "// tokio-util codec"), null, null)
        .publish("bytes", "1.5.0", Map.of("src/lib.rs", "// bytes"), null, null)
        .publishCrate("evil", "0.1.0", new TarWriter().file("evil-0.1.0/src/lib.rs", new byte[1 << 20]).tgz());
    String lock = """
        version = 3

        [[package]]
        name = "serde"
        version = "1.0.197"
        source = "registry+https://github.com/rust-lang/crates.io-index"
        checksum = "%s"

        [[package]]
        name = "bytes"
        version = "1.5.0"
        source = "registry+https://github.com/rust-lang/crates.io-index"
        checksum = "%s"

        [[package]]
        name = "hyper"
        version = "1.0.0"
        source = "git+https://github.com/hyperium/hyper?branch=master#%s"
        """.formatted(crates.checksum("serde", "1.0.197"), "00".repeat(32), HYPER);
    fake = new FakeGitHub(vertx);
    fake.token("gho_alice")
        .file("acme", "shop", "main", "svc/Cargo.lock", lock)
        .file("serde-rs", "serde", PACKAGED, "serde/src/de/mod.rs", "// serde's repository")
        .file("hyperium", "hyper", HYPER, "src/client/conn.rs", "// hyper at the locked commit");
    fake.start().compose(f -> crates.start())
        .compose(c -> TestGateway.start(vertx, fake, Map.of("SOURCEGATE_CRATES_URL", crates.baseUrl(),
            "SOURCEGATE_MAX_FILE_BYTES", "65536"), Clock.systemUTC()))
        .onComplete(tc.succeeding(g -> {
          gw = g;
          tc.completeNow();
        }));
  }

  @AfterEach
  void stop(VertxTestContext tc) {
    gw.stop().compose(v -> fake.stop()).compose(v -> crates.stop()).onComplete(tc.succeedingThenComplete());
  }

  private Future<HttpResponse<Buffer>> getFile(String localPath) {
    return gw.call("GetFile", new JsonObject().put("repositoryURL", REPO).put("ref", "main")
        .put("localPath", localPath).put("rootPath", "svc").put("functionName", "poll"), alice);
  }

  private static String content(HttpResponse<Buffer> res) {
    assertEquals(200, res.statusCode(), res.bodyAsString());
    return new String(Base64.getDecoder().decode(res.bodyAsJsonObject().getString("content")), StandardCharsets.UTF_8);
  }

  @Test
  void aLockedCrateIsTheRegistrysBytesLinkedToItsRepositoryAtThePackagedCommit(VertxTestContext tc) {
    getFile(INDEX + "serde-1.0.197/src/de/mod.rs").compose(res -> {
      tc.verify(() -> {
        assertEquals("// serde 1.0.197 de", content(res));
        assertEquals("https://github.com/serde-rs/serde/blob/" + PACKAGED + "/serde/src/de/mod.rs", res.bodyAsJsonObject().getString("URL"));
        assertFalse(crates.asked().contains("/api/v1/crates/serde/1.0.197"), "Cargo.lock's checksum spares the metadata: " + crates.asked());
      });
      return getFile(INDEX + "serde-1.0.197/src/lib.rs");
    }).onComplete(tc.succeeding(res -> tc.verify(() -> {
      assertEquals("// serde lib", content(res));
      assertEquals("https://docs.rs/crate/serde/1.0.197/source/src/lib.rs", res.bodyAsJsonObject().getString("URL"),
          "not in the repository: docs.rs");
      assertEquals(1, crates.asked().stream().filter(p -> p.endsWith(".crate")).count(), "one download: " + crates.asked());
      assertEquals(1, fake.paths().stream().filter(p -> p.contains("svc/Cargo.lock")).count(), "the lock is read once per commit");
      tc.completeNow();
    })));
  }

  @Test
  void aCrateNoLockNamesTakesItsVersionFromThePath(VertxTestContext tc) {
    getFile(INDEX + "tokio-util-0.7.10/src/codec/mod.rs").onComplete(tc.succeeding(res -> tc.verify(() -> {
      assertEquals("// tokio-util codec", content(res));
      assertEquals("https://docs.rs/crate/tokio-util/0.7.10/source/src/codec/mod.rs", res.bodyAsJsonObject().getString("URL"));
      assertTrue(crates.asked().contains("/api/v1/crates/tokio-util/0.7.10"), "the registry's checksum is asked: " + crates.asked());
      tc.completeNow();
    })));
  }

  @Test
  void aGitDependencyIsReadAtTheLockedCommit(VertxTestContext tc) {
    getFile("/usr/local/cargo/git/checkouts/hyper-4b3e1f2a9c8d7e6f/a1b2c3d/src/client/conn.rs")
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals("// hyper at the locked commit", content(res));
          tc.completeNow();
        })));
  }

  @Test
  void aChecksumThatIsNotCargoLocksIsRefused(VertxTestContext tc) {
    getFile(INDEX + "bytes-1.5.0/src/lib.rs").onComplete(tc.succeeding(res -> tc.verify(() -> {
      JsonObject body = res.bodyAsJsonObject();
      assertEquals("data_loss", body.getString("code"), res.bodyAsString());
      assertTrue(body.getString("message").contains("does not match its SHA-256 checksum (Cargo.lock's)"), res.bodyAsString());
      tc.completeNow();
    })));
  }

  @Test
  void aRegistryThatGoesDownKeepsServingWhatWasReadAndFailsCleanlyForTheRest(VertxTestContext tc) {
    getFile(INDEX + "serde-1.0.197/src/de/mod.rs").compose(first -> {
      crates.down(true);
      return getFile(INDEX + "serde-1.0.197/src/de/mod.rs").compose(again -> {
        tc.verify(() -> assertEquals("// serde 1.0.197 de", content(again)));
        return getFile(INDEX + "tokio-util-0.7.10/src/codec/mod.rs");
      });
    }).onComplete(tc.succeeding(res -> tc.verify(() -> {
      assertEquals("unavailable", res.bodyAsJsonObject().getString("code"), res.bodyAsString());
      assertFalse(res.bodyAsString().contains("127.0.0.1"), res.bodyAsString());
      tc.completeNow();
    })));
  }

  @Test
  void aHostileCrateIsACleanError(VertxTestContext tc) {
    getFile(INDEX + "evil-0.1.0/src/lib.rs").onComplete(tc.succeeding(res -> tc.verify(() -> {
      JsonObject body = res.bodyAsJsonObject();
      assertEquals("resource_exhausted", body.getString("code"), res.bodyAsString());
      assertTrue(!res.bodyAsString().contains("Exception") && !res.bodyAsString().contains("at dev."), res.bodyAsString());
      tc.completeNow();
    })));
  }
}
