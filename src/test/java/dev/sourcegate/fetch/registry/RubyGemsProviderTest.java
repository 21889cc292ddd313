package dev.sourcegate.fetch.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.bus.Messages.FetchedFile;
import dev.sourcegate.demo.registries.SimulatedRubyGems;
import dev.sourcegate.demo.registries.TarWriter;
import dev.sourcegate.fetch.FetchServices;
import dev.sourcegate.ops.GatewayMetrics;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.settings.SettingsLoader;
import dev.sourcegate.source.RepoRef;
import dev.sourcegate.testkit.FakeGitHub;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The RubyGems provider behind the generic fetch layer, against the simulated RubyGems on loopback, with the
 * fake GitHub standing in for the gems' source repositories (the links).
 */
@ExtendWith(VertxExtension.class)
class RubyGemsProviderTest {
  private static final String REQUEST = "module Rack\n  class Request\n  end\nend\n";
  private static final String NOKOGIRI = "module Nokogiri # x86_64-linux build\nend\n";
  private SimulatedRubyGems gems;
  private FakeGitHub github;
  private FetchServices services;
  private GatewayMetrics metrics;

  private Future<Void> start(Vertx vertx, Map<String, String> extraEnv) {
    gems = new SimulatedRubyGems(vertx)
        .publish("rack", "3.0.8", Map.of("lib/rack/request.rb", REQUEST, "lib/rack.rb", "require 'rack/request'\n"),
            "https://github.com/rack/rack")
        .publish("net-http", "0.4.1", Map.of("lib/net/http.rb", "# net-http 0.4.1\n"), null)
        .publish("nokogiri", "1.16.0", Map.of("lib/nokogiri.rb", "module Nokogiri # ruby build\nend\n"), null)
        .publish("nokogiri", "1.16.0", "x86_64-linux", Map.of("lib/nokogiri.rb", NOKOGIRI), null);
    github = new FakeGitHub(vertx);
    return github.start().compose(g -> gems.start()).map(n -> {
      Map<String, String> env = new HashMap<>(github.env());
      env.putAll(Map.of("SOURCEGATE_RUBYGEMS_URL", n.baseUrl(), "SOURCEGATE_MAX_FILE_BYTES", "2048",
          "SOURCEGATE_RUBYGEMS_MAX_GEM_BYTES", "1048576", "SOURCEGATE_UPSTREAM_RETRIES", "0",
          "SOURCEGATE_GITHUB_GRAPHQL", "false"));
      env.putAll(extraEnv);
      metrics = new GatewayMetrics();
      services = new FetchServices(vertx, SettingsLoader.load(env, null), metrics);
      return null;
    });
  }

  @AfterEach
  void stop(VertxTestContext tc) {
    if (services != null) {
      services.close();
    }
    (gems == null ? Future.<Void>succeededFuture() : gems.stop())
        .compose(v -> github == null ? Future.<Void>succeededFuture() : github.stop())
        .onComplete(tc.succeedingThenComplete());
  }

  private Future<FetchedFile> read(String name, String ref, String path) {
    return services.fetcher().file("gh-token", RepoRef.rubygems(name), ref, path, System.currentTimeMillis() + 10_000);
  }

  private static String text(FetchedFile f) {
    return new String(f.file().content(), StandardCharsets.UTF_8);
  }

  private static Code code(Throwable t) {
    return t instanceof RpcException e ? e.code() : null;
  }

  @Test
  void readsTheExactMemberLinksTheSourceTagAndCachesItForever(Vertx vertx, VertxTestContext tc) {
    start(vertx, Map.of()).compose(v -> {
      github.file("rack", "rack", "v3.0.8", "lib/rack/request.rb", REQUEST);
      return read("rack", "3.0.8", "lib/rack/request.rb");
    }).compose(f -> {
      tc.verify(() -> {
        assertEquals(REQUEST, text(f));
        assertEquals("https://github.com/rack/rack/blob/v3.0.8/lib/rack/request.rb", f.file().url());
        assertEquals(java.util.List.of("/api/v2/rubygems/rack/versions/3.0.8.json", "/gems/rack-3.0.8.gem"), gems.asked());
      });
      gems.down(true);
      return read("rack", "3.0.8", "lib/rack/request.rb");
    }).onComplete(tc.succeeding(f -> tc.verify(() -> {
      assertEquals(REQUEST, text(f), "a registry that is down: the cached answer still serves");
      assertEquals(2, gems.asked().size(), gems.asked().toString());
      for (String route : new String[] {"rubygems-version", "rubygems-gem"}) {
        assertEquals(1.0, metrics.registry().find("sourcegate_upstream_requests").tag("route", route).tag("status", "200")
            .counter().count(), route + " calls are counted once in /metrics");
      }
      tc.completeNow();
    })));
  }

  @Test
  void aTagWithoutVOrNoneAtAllLinksThereOrToTheRegistry(Vertx vertx, VertxTestContext tc) {
    start(vertx, Map.of()).compose(v -> {
      github.file("rack", "rack", "3.0.8", "lib/rack.rb", "require 'rack/request'\n");
      return read("rack", "3.0.8", "lib/rack.rb");
    }).compose(f -> {
      tc.verify(() -> assertEquals("https://github.com/rack/rack/blob/3.0.8/lib/rack.rb", f.file().url()));
      return read("net-http", "0.4.1", "lib/net/http.rb");
    }).compose(f -> {
      tc.verify(() -> assertEquals("https://rubygems.org/gems/net-http/versions/0.4.1", f.file().url()));
      // the repository exists but holds no such file at either tag: the registry's page
      return read("rack", "3.0.8", "lib/rack/request.rb");
    }).onComplete(tc.succeeding(f -> tc.verify(() -> {
      assertEquals("https://rubygems.org/gems/rack/versions/3.0.8", f.file().url());
      assertTrue(github.paths().stream().anyMatch(p -> p.contains("lib/rack/request.rb")), github.paths().toString());
      tc.completeNow();
    })));
  }

  @Test
  void aMonorepoGemIsLookedForInItsDirectory(Vertx vertx, VertxTestContext tc) {
    start(vertx, Map.of()).compose(v -> {
      gems.publish("actionpack", "7.1.3", Map.of("lib/action_controller.rb", "# ac\n"),
          "https://github.com/rails/rails/tree/v7.1.3/actionpack");
      github.file("rails", "rails", "v7.1.3", "actionpack/lib/action_controller.rb", "# ac\n");
      return read("actionpack", "7.1.3", "lib/action_controller.rb");
    }).onComplete(tc.succeeding(f -> tc.verify(() -> {
      assertEquals("https://github.com/rails/rails/blob/v7.1.3/actionpack/lib/action_controller.rb", f.file().url());
      tc.completeNow();
    })));
  }

  @Test
  void aPrivateSourceRepositoryIsNeverLinkedEvenWhenTheCallerCanReadIt(Vertx vertx, VertxTestContext tc) {
    start(vertx, Map.of()).compose(v -> {
      gems.publish("inhouse", "2.0.0", Map.of("lib/inhouse.rb", "# inhouse\n"), "https://github.com/acme/inhouse");
      github.file("acme", "inhouse", "v2.0.0", "lib/inhouse.rb", "# inhouse\n").privateRepo("acme", "inhouse", "gh-token");
      return read("inhouse", "2.0.0", "lib/inhouse.rb");
    }).onComplete(tc.succeeding(f -> tc.verify(() -> {
      // the answer is cached for every caller: a link would tell them the private repository exists
      assertEquals("https://rubygems.org/gems/inhouse/versions/2.0.0", f.file().url());
      assertTrue(github.paths().stream().anyMatch(p -> p.contains("lib/inhouse.rb")), github.paths().toString());
      tc.completeNow();
    })));
  }

  @Test
  void aPlatformBuildIsAskedByItsPlatform(Vertx vertx, VertxTestContext tc) {
    start(vertx, Map.of()).compose(v -> read("nokogiri", "1.16.0-x86_64-linux", "lib/nokogiri.rb"))
        .onComplete(tc.succeeding(f -> tc.verify(() -> {
          assertEquals(NOKOGIRI, text(f));
          assertEquals(java.util.List.of("/api/v2/rubygems/nokogiri/versions/1.16.0.json?platform=x86_64-linux",
              "/gems/nokogiri-1.16.0-x86_64-linux.gem"), gems.asked());
          assertEquals("https://rubygems.org/gems/nokogiri/versions/1.16.0-x86_64-linux", f.file().url());
          tc.completeNow();
        })));
  }

  @Test
  void aMissingMemberVersionOrPlatformIsNotFoundSayingWhatWasLookedFor(Vertx vertx, VertxTestContext tc) {
    start(vertx, Map.of()).compose(v -> outcome("rack", "3.0.8", "lib/rack/nope.rb"))
        .compose(missingMember -> outcome("rack", "9.9.9", "lib/rack.rb").compose(missingVersion ->
            outcome("nokogiri", "1.16.0-java", "lib/nokogiri.rb").map(missingPlatform -> {
              tc.verify(() -> {
                assertEquals("NOT_FOUND:file lib/rack/nope.rb not found in gem rack 3.0.8", missingMember);
                assertEquals("NOT_FOUND:gem rack 9.9.9 not found in the registry", missingVersion);
                assertEquals("NOT_FOUND:gem nokogiri 1.16.0-java not found in the registry", missingPlatform);
              });
              return null;
            })))
        .onComplete(tc.succeedingThenComplete());
  }

  @Test
  void aMirrorGetsItsCredentialsAsItExpectsThem(Vertx vertx, VertxTestContext tc) {
    String basic = "Basic " + Base64.getEncoder().encodeToString("deploy:pa@ss".getBytes(StandardCharsets.UTF_8));
    start(vertx, Map.of("SOURCEGATE_RUBYGEMS_TOKEN", "deploy:pa@ss")).compose(v -> {
      gems.requireAuthorization(basic);
      return read("rack", "3.0.8", "lib/rack.rb");
    }).compose(f -> {
      tc.verify(() -> assertEquals(2, gems.asked().size(), "metadata and .gem, both with the credentials"));
      services.close();
      services = new FetchServices(vertx, SettingsLoader.load(Map.of("SOURCEGATE_RUBYGEMS_URL", gems.baseUrl(),
          "SOURCEGATE_RUBYGEMS_TOKEN", "rubygems_0123abcd"), null), new GatewayMetrics());
      gems.requireAuthorization("rubygems_0123abcd");
      return read("net-http", "0.4.1", "lib/net/http.rb");
    }).compose(f -> {
      services.close();
      services = new FetchServices(vertx, SettingsLoader.load(Map.of("SOURCEGATE_RUBYGEMS_URL",
          gems.baseUrl().replace("http://", "http://deploy:pa%40ss@")), null), new GatewayMetrics());
      gems.requireAuthorization(basic);
      return read("nokogiri", "1.16.0", "lib/nokogiri.rb").compose(ok -> {
        gems.requireAuthorization("Basic wrong");
        return read("rack", "3.0.8", "lib/rack/request.rb");
      });
    }).onComplete(tc.failing(e -> tc.verify(() -> {
      assertEquals(Code.PERMISSION_DENIED, code(e));
      assertTrue(e.getMessage().contains("SOURCEGATE_RUBYGEMS_TOKEN"), e.getMessage());
      assertFalse(e.getMessage().contains("pa@ss") || e.getMessage().contains("127.0.0.1"), e.getMessage());
      tc.completeNow();
    })));
  }

  @Test
  void aRegistryThatIsDownIsUnavailable(Vertx vertx, VertxTestContext tc) {
    start(vertx, Map.of()).compose(v -> {
      gems.down(true);
      return read("rack", "3.0.8", "lib/rack.rb");
    }).onComplete(tc.failing(e -> tc.verify(() -> {
      assertEquals(Code.UNAVAILABLE, code(e));
      assertFalse(e.getMessage().contains("127.0.0.1"), e.getMessage());
      tc.completeNow();
    })));
  }

  @Test
  void hostileGemsAreRefusedCleanlyAndRemembered(Vertx vertx, VertxTestContext tc) {
    // built here, not on the event loop: 50,001 headers take a while
    TarWriter many = new TarWriter();
    for (int i = 0; i < 50_001; i++) {
      many.directory("d" + i + "/");
    }
    byte[] manyEntries = many.file("lib/x.rb", "x").tgz();
    byte[] bomb = new TarWriter().file("zeros", new byte[1 << 20]).file("lib/x.rb", "x").tgz();
    start(vertx, Map.of()).compose(v -> {
      hostile("bomb", bomb);
      hostile("climb", new TarWriter().file("../lib/x.rb", "x").file("/lib/x.rb", "x").tgz());
      hostile("big", new TarWriter().file("lib/x.rb", new byte[4096]).tgz());
      hostile("many", manyEntries);
      byte[] noise = new byte[1500];
      new java.util.Random(1).nextBytes(noise);
      byte[] whole = new TarWriter().file("noise.bin", noise).file("lib/x.rb", "x").tgz();
      hostile("cut", Arrays.copyOf(whole, whole.length / 2));
      gems.publishGem("nodata", "1.0.0", "ruby", new TarWriter().file("metadata.gz", TarWriter.gzip(new byte[10])).tar());
      hostile("forged", new TarWriter().file("lib/x.rb", "x").tgz());
      gems.metadata("forged", "1.0.0", "ruby").put("sha", "0".repeat(64));
      hostile("unsigned", new TarWriter().file("lib/x.rb", "x").tgz());
      gems.metadata("unsigned", "1.0.0", "ruby").remove("sha");
      return Future.join(java.util.List.of(outcome("bomb"), outcome("climb"), outcome("big"), outcome("many"),
          outcome("cut"), outcome("nodata"), outcome("forged"), outcome("unsigned")));
    }).compose(all -> {
      tc.verify(() -> {
        assertTrue(all.resultAt(0).toString().startsWith("RESOURCE_EXHAUSTED:"), all.resultAt(0).toString());
        assertTrue(all.resultAt(1).toString().startsWith("NOT_FOUND:file lib/x.rb not found"), all.resultAt(1).toString());
        assertTrue(all.resultAt(2).toString().startsWith("RESOURCE_EXHAUSTED:the file lib/x.rb of gem big"), all.resultAt(2).toString());
        assertTrue(all.resultAt(3).toString().startsWith("RESOURCE_EXHAUSTED:the archive holds more than 50000 entries"), all.resultAt(3).toString());
        assertTrue(all.resultAt(4).toString().startsWith("DATA_LOSS:the archive is not a complete gzip"), all.resultAt(4).toString());
        assertEquals("DATA_LOSS:the gem holds no data.tar.gz", all.resultAt(5));
        assertTrue(all.resultAt(6).toString().contains("does not match its integrity hash"), all.resultAt(6).toString());
        assertTrue(all.resultAt(7).toString().contains("has no integrity hash"), all.resultAt(7).toString());
      });
      int before = gems.asked().size();
      return Future.join(outcome("forged"), outcome("big"), outcome("bomb")).map(again -> gems.asked().size() - before);
    }).onComplete(tc.succeeding(moreCalls -> tc.verify(() -> {
      assertEquals(0, moreCalls, "a refused gem is remembered: the registry is not asked again");
      tc.completeNow();
    })));
  }

  @Test
  void aGemOverTheSizeCapIsNotDownloadedInFull(Vertx vertx, VertxTestContext tc) {
    start(vertx, Map.of("SOURCEGATE_RUBYGEMS_MAX_GEM_BYTES", "4096")).compose(v -> {
      byte[] noise = new byte[64 * 1024];
      new java.util.Random(2).nextBytes(noise);
      hostile("huge", new TarWriter().file("noise.bin", noise).file("lib/x.rb", "x").tgz());
      return outcome("huge");
    }).onComplete(tc.succeeding(result -> tc.verify(() -> {
      assertTrue(result.startsWith("RESOURCE_EXHAUSTED:the .gem of gem huge 1.0.0 is larger than the limit of 4096"), result);
      tc.completeNow();
    })));
  }

  private void hostile(String name, byte[] dataTarGz) {
    gems.publishGem(name, "1.0.0", "ruby", SimulatedRubyGems.gem(dataTarGz));
  }

  private Future<String> outcome(String name) {
    return outcome(name, "1.0.0", "lib/x.rb");
  }

  /** "CODE:message" of a read that must fail. */
  private Future<String> outcome(String name, String ref, String path) {
    return read(name, ref, path).transform(ar -> Future.succeededFuture(
        ar.succeeded() ? "succeeded" : code(ar.cause()) + ":" + ar.cause().getMessage()));
  }
}
