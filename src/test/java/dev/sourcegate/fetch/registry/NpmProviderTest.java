package dev.sourcegate.fetch.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.bus.Messages.FetchedFile;
import dev.sourcegate.demo.registries.SimulatedNpm;
import dev.sourcegate.demo.registries.TarWriter;
import dev.sourcegate.fetch.FetchServices;
import dev.sourcegate.ops.GatewayMetrics;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.settings.SettingsLoader;
import dev.sourcegate.source.RepoRef;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The npm provider behind the generic fetch layer, against the simulated registry on loopback. */
@ExtendWith(VertxExtension.class)
class NpmProviderTest {
  private static final String ROUTER = "function Router() {}\nmodule.exports = Router;\n";
  private SimulatedNpm npm;
  private FetchServices services;

  private Future<Void> start(Vertx vertx, Map<String, String> extraEnv) {
    npm = new SimulatedNpm(vertx)
        .publish("express", "4.18.2", Map.of("lib/router/index.js", ROUTER))
        .publish("@scope/pkg", "1.0.0", Map.of("dist/x.js", "scoped\n"));
    return npm.start().map(n -> {
      Map<String, String> env = new HashMap<>(Map.of("SOURCEGATE_NPM_URL", n.baseUrl(), "SOURCEGATE_MAX_FILE_BYTES", "2048",
          "SOURCEGATE_NPM_MAX_TARBALL_BYTES", "1048576", "SOURCEGATE_UPSTREAM_RETRIES", "0"));
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
    (npm == null ? Future.<Void>succeededFuture() : npm.stop()).onComplete(tc.succeedingThenComplete());
  }

  private Future<FetchedFile> read(String name, String version, String path) {
    return services.fetcher().file("gh-token", RepoRef.npm(name), version, path, System.currentTimeMillis() + 10_000);
  }

  private static Code code(Throwable t) {
    return t instanceof RpcException e ? e.code() : null;
  }

  @Test
  void readsTheExactMemberAndCachesItForever(Vertx vertx, VertxTestContext tc) {
    start(vertx, Map.of())
        .compose(v -> read("express", "4.18.2", "lib/router/index.js"))
        .compose(f -> {
          tc.verify(() -> {
            assertEquals(ROUTER, new String(f.file().content(), StandardCharsets.UTF_8));
            assertEquals("https://unpkg.com/express@4.18.2/lib/router/index.js", f.file().url());
          });
          npm.down(true);
          return read("express", "4.18.2", "lib/router/index.js");
        })
        .onComplete(tc.succeeding(f -> tc.verify(() -> {
          assertEquals(ROUTER, new String(f.file().content(), StandardCharsets.UTF_8));
          assertEquals(2, npm.asked().size(), npm.asked().toString());
          tc.completeNow();
        })));
  }

  @Test
  void scopedNamesAreOneEncodedSegment(Vertx vertx, VertxTestContext tc) {
    start(vertx, Map.of()).compose(v -> read("@scope/pkg", "1.0.0", "dist/x.js"))
        .onComplete(tc.succeeding(f -> tc.verify(() -> {
          assertEquals("scoped\n", new String(f.file().content(), StandardCharsets.UTF_8));
          assertEquals("/@scope%2fpkg/1.0.0", npm.asked().get(0));
          tc.completeNow();
        })));
  }

  @Test
  void aMissingMemberOrVersionIsNotFound(Vertx vertx, VertxTestContext tc) {
    start(vertx, Map.of()).compose(v -> read("express", "4.18.2", "lib/nope.js").transform(ar -> {
      tc.verify(() -> assertEquals(Code.NOT_FOUND, code(ar.cause())));
      return read("express", "9.9.9", "index.js");
    })).onComplete(tc.failing(e -> tc.verify(() -> {
      assertEquals(Code.NOT_FOUND, code(e));
      tc.completeNow();
    })));
  }

  @Test
  void aMirrorWithABearerTokenGetsIt(Vertx vertx, VertxTestContext tc) {
    start(vertx, Map.of("SOURCEGATE_NPM_TOKEN", "s3cret")).compose(v -> {
      npm.requireAuthorization("Bearer s3cret");
      return read("express", "4.18.2", "lib/router/index.js");
    }).onComplete(tc.succeeding(f -> tc.verify(() -> {
      assertEquals(ROUTER, new String(f.file().content(), StandardCharsets.UTF_8));
      assertEquals(2, npm.asked().size(), "version metadata and tarball, both with the token");
      tc.completeNow();
    })));
  }

  @Test
  void aMirrorWithCredentialsInItsUrlGetsBasicAndNeverShowsThem(Vertx vertx, VertxTestContext tc) {
    start(vertx, Map.of()).compose(v -> {
      services.close();
      services = new FetchServices(vertx, SettingsLoader.load(Map.of("SOURCEGATE_NPM_URL",
          npm.baseUrl().replace("http://", "http://user:pa%40ss@")), null), new GatewayMetrics());
      npm.requireAuthorization("Basic " + java.util.Base64.getEncoder().encodeToString("user:pa@ss".getBytes(StandardCharsets.UTF_8)));
      return read("express", "4.18.2", "lib/router/index.js").compose(ok -> {
        npm.requireAuthorization("Basic wrong");
        return read("@scope/pkg", "1.0.0", "dist/x.js");
      });
    }).onComplete(tc.failing(e -> tc.verify(() -> {
      assertEquals(Code.PERMISSION_DENIED, code(e));
      assertFalse(e.getMessage().contains("pa@ss") || e.getMessage().contains("127.0.0.1"), e.getMessage());
      tc.completeNow();
    })));
  }

  @Test
  void aRegistryThatIsDownIsUnavailable(Vertx vertx, VertxTestContext tc) {
    start(vertx, Map.of()).compose(v -> {
      npm.down(true);
      return read("express", "4.18.2", "lib/router/index.js");
    }).onComplete(tc.failing(e -> tc.verify(() -> {
      assertEquals(Code.UNAVAILABLE, code(e));
      tc.completeNow();
    })));
  }

  @Test
  void hostileArchivesAreRefusedCleanly(Vertx vertx, VertxTestContext tc) {
    byte[] good = new TarWriter().file("package/index.js", "x").tgz();
    start(vertx, Map.of()).compose(v -> {
      npm.publishTarball("bomb", "1.0.0", new TarWriter().file("package/zeros", new byte[1 << 20]).file("package/index.js", "x").tgz());
      byte[] noise = new byte[1500];
      new java.util.Random(1).nextBytes(noise);
      byte[] whole = new TarWriter().file("package/noise.bin", noise).file("package/index.js", "x").tgz();
      npm.publishTarball("cut", "1.0.0", Arrays.copyOf(whole, whole.length / 2));
      npm.publishTarball("big", "1.0.0", new TarWriter().file("package/index.js", new byte[4096]).tgz());
      npm.publishTarball("climb", "1.0.0", new TarWriter().file("package/../index.js", "x").tgz());
      npm.publishTarball("forged", "1.0.0", good);
      npm.metadata("forged", "1.0.0").getJsonObject("dist").put("integrity", "sha512-" + "A".repeat(86) + "==");
      npm.publishTarball("elsewhere", "1.0.0", good);
      npm.metadata("elsewhere", "1.0.0").getJsonObject("dist").put("tarball", "http://169.254.169.254/latest.tgz");
      return Future.join(outcome("bomb"), outcome("cut"), outcome("big"), outcome("climb"), outcome("forged"),
          outcome("elsewhere"));
    }).compose(all -> {
      tc.verify(() -> {
      assertTrue(all.resultAt(0).toString().startsWith(Code.RESOURCE_EXHAUSTED + ":the archive inflates"), all.resultAt(0).toString());
      assertTrue(all.resultAt(1).toString().startsWith(Code.DATA_LOSS + ":the archive is not a complete gzip"), all.resultAt(1).toString());
      assertTrue(all.resultAt(2).toString().startsWith(Code.RESOURCE_EXHAUSTED + ":"), all.resultAt(2).toString());
      assertTrue(all.resultAt(3).toString().startsWith(Code.NOT_FOUND + ":"), all.resultAt(3).toString());
      assertTrue(all.resultAt(4).toString().startsWith(Code.DATA_LOSS + ":"), all.resultAt(4).toString());
      assertTrue(all.resultAt(4).toString().contains("does not match its integrity hash"), all.resultAt(4).toString());
      assertTrue(all.resultAt(5).toString().contains("outside the registry"), all.resultAt(5).toString());
      assertFalse(npm.asked().stream().anyMatch(p -> p.contains("latest")));
      });
      int before = npm.asked().size();
      // a refused archive and an oversized member are remembered: asked again, the registry is not
      return Future.join(outcome("forged"), outcome("big")).map(again -> npm.asked().size() - before);
    }).onComplete(tc.succeeding(moreCalls -> tc.verify(() -> {
      assertEquals(0, moreCalls);
      tc.completeNow();
    })));
  }

  /** "code:message" of a read that must fail. */
  private Future<String> outcome(String name) {
    return read(name, "1.0.0", "index.js").transform(ar -> Future.succeededFuture(
        ar.succeeded() ? "succeeded" : code(ar.cause()) + ":" + ar.cause().getMessage()));
  }
}
