package dev.sourcegate.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.demo.registries.SimulatedRubyGems;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ruby gem frames end to end (docs/resolution.md §15), over GitHub's REST API and over GraphQL: the real
 * gateway, the fake GitHub holding the application (its Gemfile.lock) and the gems' own repositories, the
 * simulated RubyGems holding the gems.
 */
@ExtendWith(VertxExtension.class)
class RubyGemsIntegrationTest {
  private static final String REPO = "https://github.com/acme/shop";
  private static final String RAILS_SHA = "5a2f7f6a1b2c3d4e5f60718293a4b5c6d7e8f901";
  private static final String REQUEST = "module Rack\n  class Request # 3.0.8\n  end\nend\n";
  private static final String LOCK = """
      GIT
        remote: https://github.com/rails/rails.git
        revision: %s
        specs:
          railties (7.2.0.alpha)

      GEM
        remote: https://rubygems.org/
        specs:
          rack (3.0.8)
      """.formatted(RAILS_SHA);
  private FakeGitHub fake;
  private SimulatedRubyGems gems;
  private TestGateway gw;
  private final String alice = TestGateway.cookieFor("gho_alice");

  private Future<Void> start(Vertx vertx, boolean graphQl) {
    fake = new FakeGitHub(vertx);
    fake.token("gho_alice")
        .file("acme", "shop", "main", "api/Gemfile.lock", LOCK)
        .file("acme", "shop", "main", "api/app/models/cart.rb", "class Cart; end\n")
        .file("rack", "rack", "v3.0.8", "lib/rack/request.rb", REQUEST)
        .file("rails", "rails", RAILS_SHA, "railties/lib/rails.rb", "module Rails # at 5a2f7f6\nend\n");
    gems = new SimulatedRubyGems(vertx)
        .publish("rack", "3.0.8", Map.of("lib/rack/request.rb", REQUEST, "lib/rack/lint.rb", "# lint\n"),
            "https://github.com/rack/rack")
        .publish("nokogiri", "1.16.0", "x86_64-linux", Map.of("lib/nokogiri.rb", "# nokogiri x86_64-linux\n"), null)
        .publishGem("evil", "1.0.0", "ruby", SimulatedRubyGems.gem("not gzip at all".getBytes(StandardCharsets.UTF_8)));
    return gems.start().compose(g -> TestGateway.start(vertx, fake,
            Map.of("SOURCEGATE_RUBYGEMS_URL", g.baseUrl(), "SOURCEGATE_GITHUB_GRAPHQL", String.valueOf(graphQl),
                "SOURCEGATE_UPSTREAM_RETRIES", "0"), Clock.systemUTC()))
        .map(g -> {
          gw = g;
          return null;
        });
  }

  @AfterEach
  void stop(VertxTestContext tc) {
    TestGateway.stop(gw, fake).eventually(() -> gems == null ? Future.succeededFuture() : gems.stop())
        .onComplete(tc.succeedingThenComplete());
  }

  private Future<HttpResponse<Buffer>> getFile(String localPath) {
    return gw.call("GetFile", new JsonObject().put("repositoryURL", REPO).put("ref", "main")
        .put("localPath", localPath).put("rootPath", "api").put("functionName", "call"), alice);
  }

  private static String content(HttpResponse<Buffer> res) {
    assertEquals(200, res.statusCode(), res.bodyAsString());
    return new String(Base64.getDecoder().decode(res.bodyAsJsonObject().getString("content")), StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "graphQl={0}")
  @ValueSource(booleans = {false, true})
  void aGemFileAtItsVersionLinkedToItsSourceTag(boolean graphQl, Vertx vertx, VertxTestContext tc) {
    start(vertx, graphQl).compose(v -> getFile("/usr/local/bundle/gems/rack-3.0.8/lib/rack/request.rb")).compose(res -> {
      tc.verify(() -> {
        assertEquals(REQUEST, content(res));
        assertEquals("https://github.com/rack/rack/blob/v3.0.8/lib/rack/request.rb", res.bodyAsJsonObject().getString("URL"));
      });
      return getFile("/usr/local/bundle/gems/rack-3.0.8/lib/rack/lint.rb");
    }).compose(res -> {
      tc.verify(() -> {
        assertEquals("# lint\n", content(res));
        assertEquals("https://rubygems.org/gems/rack/versions/3.0.8", res.bodyAsJsonObject().getString("URL"),
            "the source repository lacks the file: the registry's page");
      });
      return getFile("/usr/local/bundle/gems/nokogiri-1.16.0-x86_64-linux/lib/nokogiri.rb");
    }).onComplete(tc.succeeding(res -> tc.verify(() -> {
      assertEquals("# nokogiri x86_64-linux\n", content(res));
      assertEquals(2, gems.asked().stream().filter(p -> p.startsWith("/gems/rack-3.0.8.gem")).count(),
          "one .gem download per member, each cached: " + gems.asked());
      tc.completeNow();
    })));
  }

  @ParameterizedTest(name = "graphQl={0}")
  @ValueSource(booleans = {false, true})
  void aGitGemFromTheRevisionItsLockFilePins(boolean graphQl, Vertx vertx, VertxTestContext tc) {
    start(vertx, graphQl).compose(v -> getFile("/app/vendor/bundle/ruby/3.3.0/bundler/gems/rails-5a2f7f6a1b2c/railties/lib/rails.rb"))
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals("module Rails # at 5a2f7f6\nend\n", content(res));
          assertTrue(res.bodyAsJsonObject().getString("URL").contains("rails/rails"), res.bodyAsString());
          assertEquals(0, gems.asked().size());
          tc.completeNow();
        })));
  }

  @Test
  void aMissingMemberAHostileGemAndARegistryThatIsDownAreCleanAnswers(Vertx vertx, VertxTestContext tc) {
    start(vertx, false).compose(v -> getFile("/usr/local/bundle/gems/rack-3.0.8/lib/rack/nope.rb")).compose(res -> {
      tc.verify(() -> {
        assertEquals(404, res.statusCode(), res.bodyAsString());
        String message = res.bodyAsJsonObject().getString("message");
        assertTrue(message.contains("lib/rack/nope.rb") && message.contains("rack-3.0.8"), message);
      });
      return getFile("/usr/local/bundle/gems/evil-1.0.0/lib/evil.rb");
    }).compose(res -> {
      tc.verify(() -> {
        assertEquals("data_loss", res.bodyAsJsonObject().getString("code"), res.bodyAsString());
        assertTrue(res.bodyAsJsonObject().getString("message").contains("not a complete gzip stream"), res.bodyAsString());
        assertFalse(res.bodyAsString().contains("Exception") || res.bodyAsString().contains("at dev."), res.bodyAsString());
      });
      return getFile("/usr/local/bundle/gems/rack-3.0.8/lib/rack/request.rb");
    }).compose(warm -> {
      gems.down(true);
      return getFile("/usr/local/bundle/gems/rack-3.0.8/lib/rack/request.rb").compose(cached -> {
        tc.verify(() -> assertEquals(REQUEST, content(cached), "cached for good: served while the registry is down"));
        return getFile("/usr/local/bundle/gems/rack-3.0.8/lib/rack.rb");
      });
    }).onComplete(tc.succeeding(res -> tc.verify(() -> {
      assertEquals("unavailable", res.bodyAsJsonObject().getString("code"), res.bodyAsString());
      assertFalse(res.bodyAsString().contains("127.0.0.1"), res.bodyAsString());
      tc.completeNow();
    })));
  }
}
