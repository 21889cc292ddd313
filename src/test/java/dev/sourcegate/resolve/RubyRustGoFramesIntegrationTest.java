package dev.sourcegate.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Ruby, Rust and Go runtime frames and the application's own files at absolute paths, end to end: the real
 * gateway against the simulated GitHub holding the runtimes' repositories next to the application's,
 * with no .pyroscope.yaml.
 */
@ExtendWith(VertxExtension.class)
class RubyRustGoFramesIntegrationTest {
  private static final String REPO = "https://github.com/acme/shop";
  private static final String RUSTC = "90b35a6239c3d8bdabc530a6a0816f7ff89a0aaf";

  private FakeGitHub fake;
  private TestGateway gw;
  private final String alice = TestGateway.cookieFor("gho_alice");

  @BeforeEach
  void start(Vertx vertx, VertxTestContext tc) {
    fake = new FakeGitHub(vertx);
    fake.token("gho_alice")
        .file("acme", "shop", "main", "server.js", "// shop server")
        .file("acme", "shop", "main", "app/models/cart.rb", "class Cart; end")
        .file("acme", "shop", "main", "net/http.rb", "# not Ruby's net/http")
        .file("ruby", "ruby", "v3_3_0", "lib/net/http.rb", "# Ruby's net/http")
        .file("ruby", "ruby", "v3_3_0", "kernel.rb", "module Kernel; end")
        .file("rust-lang", "rust", RUSTC, "library/std/src/thread/mod.rs", "// std::thread")
        .file("golang", "go", "go1.22.4", "src/net/http/server.go", "package http");
    TestGateway.start(vertx, fake, Map.of(), Clock.systemUTC()).onComplete(tc.succeeding(g -> {
      gw = g;
      tc.completeNow();
    }));
  }

  @AfterEach
  void stop(VertxTestContext tc) {
    TestGateway.stop(gw, fake).onComplete(tc.succeedingThenComplete());
  }

  private Future<HttpResponse<Buffer>> getFile(String localPath) {
    return gw.call("GetFile", new JsonObject().put("repositoryURL", REPO).put("ref", "main")
        .put("localPath", localPath).put("rootPath", "").put("functionName", ""), alice);
  }

  private static void assertFile(HttpResponse<Buffer> res, String text, String url) {
    assertEquals(200, res.statusCode(), res.bodyAsString());
    JsonObject body = res.bodyAsJsonObject();
    assertEquals(text, new String(Base64.getDecoder().decode(body.getString("content")), StandardCharsets.UTF_8));
    assertEquals(url, body.getString("URL"));
  }

  @Test
  void rubyStandardLibraryAndCoreFilesComeFromRubyRuby(VertxTestContext tc) {
    getFile("/usr/local/lib/ruby/3.3.0/net/http.rb")
        .compose(res -> {
          tc.verify(() -> assertFile(res, "# Ruby's net/http", "https://github.com/ruby/ruby/blob/v3_3_0/lib/net/http.rb"));
          return getFile("<internal:kernel>");
        })
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          // no .ruby-version anywhere: SOURCEGATE_DEFAULT_RUBY's 3.3, hence v3_3_0
          assertFile(res, "module Kernel; end", "https://github.com/ruby/ruby/blob/v3_3_0/kernel.rb");
          tc.completeNow();
        })));
  }

  @Test
  void rustStandardLibraryAtTheRustcCommit(VertxTestContext tc) {
    getFile("/rustc/" + RUSTC + "/library/std/src/thread/mod.rs").onComplete(tc.succeeding(res -> tc.verify(() -> {
      assertFile(res, "// std::thread", "https://github.com/rust-lang/rust/blob/" + RUSTC + "/library/std/src/thread/mod.rs");
      assertTrue(fake.paths().contains("/api/repos/rust-lang/rust/contents/library/std/src/thread/mod.rs?ref=" + RUSTC),
          fake.paths().toString());
      tc.completeNow();
    })));
  }

  @Test
  void goStandardLibraryUnderAnSdkDirectory(VertxTestContext tc) {
    getFile("/home/dev/sdk/go1.22.4/src/net/http/server.go").onComplete(tc.succeeding(res -> tc.verify(() -> {
      assertFile(res, "package http", "https://github.com/golang/go/blob/go1.22.4/src/net/http/server.go");
      tc.completeNow();
    })));
  }

  @Test
  void applicationFilesAreFoundByThePathWalk(VertxTestContext tc) {
    getFile("/usr/src/app/server.js")
        .compose(res -> {
          tc.verify(() -> assertFile(res, "// shop server", "https://github.com/acme/shop/blob/main/server.js"));
          return getFile("/srv/shop/app/models/cart.rb");
        })
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertFile(res, "class Cart; end", "https://github.com/acme/shop/blob/main/app/models/cart.rb");
          assertFalse(fake.paths().stream().anyMatch(p -> p.startsWith("/api/repos/ruby/")), fake.paths().toString());
          tc.completeNow();
        })));
  }

  @Test
  void aRuntimeFileTheRuntimeLacksIsNotFoundEvenWhenTheAppHasOneOfThatName(VertxTestContext tc) {
    getFile("/usr/local/lib/ruby/3.2.0/net/http.rb").onComplete(tc.succeeding(res -> tc.verify(() -> {
      assertEquals(404, res.statusCode(), res.bodyAsString());
      assertEquals("not_found", res.bodyAsJsonObject().getString("code"));
      assertFalse(fake.paths().stream().anyMatch(p -> p.startsWith("/api/repos/acme/shop/contents/net/")), fake.paths().toString());
      tc.completeNow();
    })));
  }
}
