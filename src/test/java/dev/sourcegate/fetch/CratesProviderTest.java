package dev.sourcegate.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.bus.Messages.FetchedFile;
import dev.sourcegate.demo.registries.SimulatedCrates;
import dev.sourcegate.demo.registries.TarWriter;
import dev.sourcegate.ops.GatewayMetrics;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.settings.SettingsLoader;
import dev.sourcegate.source.CrateNames;
import dev.sourcegate.source.RepoRef;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The crates.io provider behind the generic fetch layer, against the simulated registry on loopback. */
@ExtendWith(VertxExtension.class)
class CratesProviderTest {
  private static final String DE = "pub trait Deserialize<'de> {}\n";
  private SimulatedCrates crates;
  private FetchServices services;

  private Future<Void> start(Vertx vertx, Map<String, String> extraEnv) {
    crates = new SimulatedCrates(vertx)
        .publish("serde", "1.0.197", Map.of("src/de/mod.rs", DE, "src/lib.rs", "pub mod de;\n"), "https://github.com/serde-rs/serde", "serde")
        .publish("tokio-util", "0.7.10", Map.of("src/codec/mod.rs", "// codec\n"), null, null)
        .publish("foo", "1.0.0-beta.2", Map.of("src/lib.rs", "// beta\n"), null, null);
    return crates.start().map(c -> {
      Map<String, String> env = new HashMap<>(Map.of("SOURCEGATE_CRATES_URL", c.baseUrl(), "SOURCEGATE_MAX_FILE_BYTES", "2048",
          "SOURCEGATE_CRATES_MAX_CRATE_BYTES", "1048576", "SOURCEGATE_UPSTREAM_RETRIES", "0"));
      env.putAll(extraEnv);
      services = new FetchServices(vertx, SettingsLoader.load(env, null), new GatewayMetrics());
      return null;
    });
  }

  @AfterEach
  void stop(VertxTestContext tc) {
    if (services != null) {
      services.close();
    }
    (crates == null ? Future.<Void>succeededFuture() : crates.stop()).onComplete(tc.succeedingThenComplete());
  }

  private Future<FetchedFile> read(String name, String ref, String path) {
    return services.fetcher().file("gh-token", RepoRef.crates(name), ref, path, System.currentTimeMillis() + 10_000);
  }

  private static String text(FetchedFile f) {
    return new String(f.file().content(), StandardCharsets.UTF_8);
  }

  private static Code code(Throwable t) {
    return t instanceof RpcException e ? e.code() : null;
  }

  /** "code:message" of a read. */
  private Future<String> outcome(String name, String ref, String path) {
    return read(name, ref, path).transform(ar -> Future.succeededFuture(
        ar.succeeded() ? "succeeded" : code(ar.cause()) + ":" + ar.cause().getMessage()));
  }

  @Test
  void readsTheExactMemberOnceDownloadedAndCachesItForever(Vertx vertx, VertxTestContext tc) {
    start(vertx, Map.of())
        .compose(v -> Future.all(read("serde", "1.0.197", "src/de/mod.rs"), read("serde", "1.0.197", "src/lib.rs")))
        .compose(both -> {
          FetchedFile de = both.resultAt(0);
          tc.verify(() -> {
            assertEquals(DE, text(de));
            assertEquals("pub mod de;\n", text(both.resultAt(1)));
            assertEquals("https://docs.rs/crate/serde/1.0.197/source/src/de/mod.rs", de.file().url());
            // two files of one crate: one metadata look-up, one download and one redirect in all
            assertEquals(List.of("/api/v1/crates/serde/1.0.197"),
                crates.asked().stream().filter(p -> p.endsWith("/1.0.197")).toList());
            assertEquals(1, crates.asked().stream().filter(p -> p.endsWith("/download")).count(), crates.asked().toString());
            assertEquals(1, crates.asked().stream().filter(p -> p.endsWith(".crate")).count(), crates.asked().toString());
            assertTrue(crates.userAgents().stream().allMatch(ua -> ua.startsWith("sourcegate")), crates.userAgents().toString());
          });
          crates.down(true);
          return read("serde", "1.0.197", "src/de/mod.rs");
        })
        .onComplete(tc.succeeding(f -> tc.verify(() -> {
          assertEquals(DE, text(f));
          tc.completeNow();
        })));
  }

  @Test
  void namesWithDashesAndPreReleaseVersions(Vertx vertx, VertxTestContext tc) {
    start(vertx, Map.of())
        .compose(v -> Future.all(read("tokio-util", "0.7.10", "src/codec/mod.rs"), read("foo", "1.0.0-beta.2", "src/lib.rs")))
        .onComplete(tc.succeeding(both -> tc.verify(() -> {
          assertEquals("// codec\n", text(both.resultAt(0)));
          assertEquals("// beta\n", text(both.resultAt(1)));
          assertTrue(crates.asked().contains("/crates/foo/foo-1.0.0-beta.2.crate"), crates.asked().toString());
          tc.completeNow();
        })));
  }

  @Test
  void cargoLocksChecksumIsCheckedAndSparesTheMetadataLookUp(Vertx vertx, VertxTestContext tc) {
    start(vertx, Map.of()).compose(v -> {
      String sum = crates.checksum("serde", "1.0.197");
      return read("serde", CrateNames.ref("1.0.197", sum), "src/de/mod.rs").compose(ok -> {
        tc.verify(() -> {
          assertEquals(DE, text(ok));
          assertFalse(crates.asked().contains("/api/v1/crates/serde/1.0.197"), crates.asked().toString());
        });
        return outcome("serde", CrateNames.ref("1.0.197", "ab".repeat(32)), "src/de/mod.rs");
      });
    }).onComplete(tc.succeeding(failed -> tc.verify(() -> {
      assertEquals(Code.DATA_LOSS + ":the .crate of crate serde 1.0.197 does not match its SHA-256 checksum (Cargo.lock's)", failed);
      tc.completeNow();
    })));
  }

  @Test
  void withoutALockTheRegistrysChecksumIsChecked(Vertx vertx, VertxTestContext tc) {
    start(vertx, Map.of()).compose(v -> {
      crates.metadata("tokio-util", "0.7.10").getJsonObject("version").put("checksum", "cd".repeat(32));
      return outcome("tokio-util", "0.7.10", "src/codec/mod.rs");
    }).onComplete(tc.succeeding(failed -> tc.verify(() -> {
      assertTrue(failed.startsWith(Code.DATA_LOSS + ":") && failed.contains("does not match its SHA-256 checksum (the registry's)"), failed);
      tc.completeNow();
    })));
  }

  @Test
  void aMissingMemberSaysWhatWasLookedForAndAMissingVersionIsNotFound(Vertx vertx, VertxTestContext tc) {
    start(vertx, Map.of()).compose(v -> Future.join(outcome("serde", "1.0.197", "src/nope.rs"), outcome("serde", "9.9.9", "src/lib.rs")))
        .onComplete(tc.succeeding(all -> tc.verify(() -> {
          assertEquals(Code.NOT_FOUND + ":file src/nope.rs not found in crate serde 1.0.197 (looked for serde-1.0.197/src/nope.rs in its .crate)",
              all.resultAt(0));
          assertTrue(all.<String>resultAt(1).startsWith(Code.NOT_FOUND + ":"), all.<String>resultAt(1));
          tc.completeNow();
        })));
  }

  @Test
  void aRegistryThatIsDownIsUnavailable(Vertx vertx, VertxTestContext tc) {
    start(vertx, Map.of()).compose(v -> {
      crates.down(true);
      return outcome("serde", "1.0.197", "src/lib.rs");
    }).onComplete(tc.succeeding(failed -> tc.verify(() -> {
      assertTrue(failed.startsWith(Code.UNAVAILABLE + ":"), failed);
      assertFalse(failed.contains("127.0.0.1"), failed);
      tc.completeNow();
    })));
  }

  @Test
  void aMirrorGetsItsTokenAsTheAuthorizationHeaderAsCargoSendsIt(Vertx vertx, VertxTestContext tc) {
    start(vertx, Map.of("SOURCEGATE_CRATES_TOKEN", "cio-s3cret")).compose(v -> {
      crates.requireAuthorization("cio-s3cret");
      return read("serde", "1.0.197", "src/lib.rs");
    }).compose(ok -> {
      crates.requireAuthorization("something else");
      return outcome("tokio-util", "0.7.10", "src/codec/mod.rs");
    }).onComplete(tc.succeeding(failed -> tc.verify(() -> {
      assertTrue(failed.startsWith(Code.PERMISSION_DENIED + ":") && failed.contains("SOURCEGATE_CRATES_TOKEN"), failed);
      assertFalse(failed.contains("s3cret"), failed);
      tc.completeNow();
    })));
  }

  @Test
  void aMirrorWithCredentialsInItsUrlGetsBasic(Vertx vertx, VertxTestContext tc) {
    start(vertx, Map.of()).compose(v -> {
      services.close();
      services = new FetchServices(vertx, SettingsLoader.load(Map.of("SOURCEGATE_CRATES_URL",
          crates.baseUrl().replace("http://", "http://user:pa%40ss@")), null), new GatewayMetrics());
      crates.requireAuthorization("Basic " + Base64.getEncoder().encodeToString("user:pa@ss".getBytes(StandardCharsets.UTF_8)));
      return read("serde", "1.0.197", "src/de/mod.rs");
    }).onComplete(tc.succeeding(f -> tc.verify(() -> {
      assertEquals(DE, text(f));
      assertEquals(3, crates.asked().size(), "metadata, download and its redirect, all with the credentials: " + crates.asked());
      tc.completeNow();
    })));
  }

  @Test
  void hostileCratesAreRefusedCleanly(Vertx vertx, VertxTestContext tc) {
    // built on the test's thread: 50,001 entries take a while, never on an event loop
    TarWriter many = new TarWriter();
    for (int i = 0; i <= 50_000; i++) {
      many.file("many-1.0.0/f" + i, new byte[0]);
    }
    byte[] manyCrate = many.file("many-1.0.0/src/lib.rs", "x").tgz();
    start(vertx, Map.of()).compose(v -> {
      crates.publishCrate("bomb", "1.0.0", new TarWriter().file("bomb-1.0.0/zeros", new byte[1 << 20])
          .file("bomb-1.0.0/src/lib.rs", "x").tgz());
      byte[] noise = new byte[1500];
      new Random(1).nextBytes(noise);
      byte[] whole = new TarWriter().file("cut-1.0.0/noise.bin", noise).file("cut-1.0.0/src/lib.rs", "x").tgz();
      crates.publishCrate("cut", "1.0.0", Arrays.copyOf(whole, whole.length / 2));
      crates.publishCrate("big", "1.0.0", new TarWriter().file("big-1.0.0/src/lib.rs", new byte[4096]).tgz());
      crates.publishCrate("climb", "1.0.0", new TarWriter().file("climb-1.0.0/../src/lib.rs", "x").file("/src/lib.rs", "x").tgz());
      crates.publishCrate("many", "1.0.0", manyCrate);
      crates.publishCrate("huge", "1.0.0", new byte[1024 * 1024 + 1]);
      crates.publishCrate("elsewhere", "1.0.0", new TarWriter().file("elsewhere-1.0.0/src/lib.rs", "x").tgz());
      crates.redirect("elsewhere", "1.0.0", "http://169.254.169.254/latest.crate");
      return Future.join(List.of(lib("bomb"), lib("cut"), lib("big"), lib("climb"), lib("many"), lib("huge"), lib("elsewhere")));
    }).compose(all -> {
      tc.verify(() -> {
        assertTrue(all.<String>resultAt(0).startsWith(Code.RESOURCE_EXHAUSTED + ":the archive inflates past"), all.<String>resultAt(0));
        assertTrue(all.<String>resultAt(1).startsWith(Code.DATA_LOSS + ":the archive is not a complete gzip"), all.<String>resultAt(1));
        assertTrue(all.<String>resultAt(2).startsWith(Code.RESOURCE_EXHAUSTED + ":"), all.<String>resultAt(2));
        assertTrue(all.<String>resultAt(3).startsWith(Code.NOT_FOUND + ":"), all.<String>resultAt(3));
        assertTrue(all.<String>resultAt(4).startsWith(Code.RESOURCE_EXHAUSTED + ":the archive holds more than 50000 entries"), all.<String>resultAt(4));
        assertTrue(all.<String>resultAt(5).startsWith(Code.RESOURCE_EXHAUSTED + ":"), all.<String>resultAt(5));
        assertTrue(all.<String>resultAt(6).startsWith(Code.UNKNOWN + ":") && all.<String>resultAt(6).contains("not read"), all.<String>resultAt(6));
        assertFalse(crates.asked().stream().anyMatch(p -> p.contains("latest")));
      });
      int before = crates.asked().size();
      // a refused archive and an oversized member are remembered: asked again, the registry is not
      return Future.join(lib("bomb"), lib("big")).map(again -> crates.asked().size() - before);
    }).onComplete(tc.succeeding(moreCalls -> tc.verify(() -> {
      assertEquals(0, moreCalls);
      tc.completeNow();
    })));
  }

  private Future<String> lib(String name) {
    return outcome(name, "1.0.0", "src/lib.rs");
  }
}
