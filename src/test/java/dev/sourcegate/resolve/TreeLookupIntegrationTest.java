package dev.sourcegate.resolve;

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
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Java and Kotlin application classes with no .pyroscope.yaml, end to end (docs/resolution.md §6): the
 * real gateway reads the repository's tree from the simulated GitHub's trees API, once per commit, and
 * finds the class's file by its path's suffix; a truncated tree falls back to the conventional layouts;
 * a private repository's tree does not reach a token that cannot read it.
 */
@ExtendWith(VertxExtension.class)
class TreeLookupIntegrationTest {
  private static final String SHOP_SHA = "5a0e0b7c1d2e3f405162738495a6b7c8d9e0f1a2";
  private static final String BIG_SHA = "6b1f1c8d2e3f405162738495a6b7c8d9e0f1a2b3";
  private static final String SECRET_SHA = "7c2a2d9e3f405162738495a6b7c8d9e0f1a2b3c4";
  private FakeGitHub fake;
  private TestGateway gw;
  private final String alice = TestGateway.cookieFor("gho_alice");
  private final String bob = TestGateway.cookieFor("gho_bob");

  @BeforeEach
  void start(Vertx vertx, VertxTestContext tc) {
    fake = new FakeGitHub(vertx);
    fake.token("gho_alice").token("gho_bob")
        .file("acme", "shop", "main", "README.md", "# shop")
        .file("acme", "shop", "main", "services/cart/src/main/java/com/acme/shop/Cart.java", "class Cart {}")
        .file("acme", "shop", "main", "services/cart/src/test/java/com/acme/shop/CartTest.java", "class CartTest {}")
        .file("acme", "shop", "main", "services/checkout/src/main/java/com/acme/shop/Checkout.java", "class Checkout {}")
        .file("acme", "shop", "main", "libs/pricing/src/main/kotlin/com/acme/pricing/Prices.kt", "fun discount() = 1")
        .commit("acme", "shop", "main", FakeGitHub.commitJson("acme", "shop", SHOP_SHA, "m", "2026-01-01T00:00:00Z", null))
        .file("acme", "big", "main", "a/README.md", "a")
        .file("acme", "big", "main", "b/README.md", "b")
        .file("acme", "big", "main", "engine/src/main/kotlin/com/acme/big/Engine.kt", "class Engine")
        .commit("acme", "big", "main", FakeGitHub.commitJson("acme", "big", BIG_SHA, "m", "2026-01-01T00:00:00Z", null))
        .treeListLimit("acme", "big", 3)
        .file("acme", "secret", "main", "core/src/main/java/com/acme/secret/Vault.java", "class Vault {}")
        .commit("acme", "secret", "main", FakeGitHub.commitJson("acme", "secret", SECRET_SHA, "m", "2026-01-01T00:00:00Z", null))
        .privateRepo("acme", "secret", "gho_alice");
    fake.start()
        .compose(f -> TestGateway.start(vertx, TestGateway.env(fake)))
        .onComplete(tc.succeeding(g -> {
          gw = g;
          tc.completeNow();
        }));
  }

  @AfterEach
  void stop(VertxTestContext tc) {
    gw.stop().compose(v -> fake.stop()).onComplete(tc.succeedingThenComplete());
  }

  private Future<HttpResponse<Buffer>> getFile(String cookie, String repo, String localPath, String rootPath, String function) {
    return gw.call("GetFile", new JsonObject().put("repositoryURL", "https://github.com/acme/" + repo).put("ref", "main")
        .put("localPath", localPath).put("rootPath", rootPath).put("functionName", function), cookie);
  }

  private static String content(HttpResponse<Buffer> res) {
    assertEquals(200, res.statusCode(), res.bodyAsString());
    return new String(Base64.getDecoder().decode(res.bodyAsJsonObject().getString("content")), StandardCharsets.UTF_8);
  }

  @Test
  void classesOfEveryModuleFromOneTreeReadOfTheCommit(VertxTestContext tc) {
    getFile(alice, "shop", "Cart.java", "", "com/acme/shop/Cart$Line.total")
        .compose(res -> {
          assertEquals("class Cart {}", content(res));
          assertEquals("https://github.com/acme/shop/blob/main/services/cart/src/main/java/com/acme/shop/Cart.java",
              res.bodyAsJsonObject().getString("URL"));
          return getFile(alice, "shop", "", "", "com.acme.shop.Checkout.pay");
        })
        .compose(res -> {
          assertEquals("class Checkout {}", content(res));
          return getFile(alice, "shop", "Prices.kt", "", "com/acme/pricing/PricesKt.discount");
        })
        .compose(res -> {
          assertEquals("fun discount() = 1", content(res));
          return getFile(alice, "shop", "Cart.java", "services/cart", "com/acme/shop/Cart.add");
        })
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals("class Cart {}", content(res));
          List<String> trees = fake.paths().stream().filter(p -> p.contains("/git/trees/")).toList();
          assertEquals(List.of("/api/repos/acme/shop/git/trees/" + SHOP_SHA + "?recursive=1"), trees,
              "one tree read, of the commit main names, for every frame");
          tc.completeNow();
        })));
  }

  @Test
  void aTruncatedTreeFallsBackToTheConventionalLayoutsUnderRootPath(VertxTestContext tc) {
    getFile(alice, "big", "Engine.kt", "engine", "com/acme/big/Engine.start").onComplete(tc.succeeding(res -> tc.verify(() -> {
      assertEquals("class Engine", content(res));
      assertEquals(1, fake.count("/api/repos/acme/big/git/trees/"));
      assertTrue(fake.paths().contains("/api/repos/acme/big/contents/engine/src/main/kotlin/com/acme/big/Engine.kt?ref=main"),
          fake.paths().toString());
      tc.completeNow();
    })));
  }

  @Test
  void aPrivateRepositorysTreeDoesNotReachAnotherUsersToken(VertxTestContext tc) {
    getFile(alice, "secret", "Vault.java", "", "com/acme/secret/Vault.open")
        .compose(res -> {
          assertEquals("class Vault {}", content(res));
          return getFile(bob, "secret", "Vault.java", "", "com/acme/secret/Vault.open");
        })
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(404, res.statusCode(), res.bodyAsString());
          assertTrue(!res.bodyAsString().contains("core/src"), res.bodyAsString());
          assertEquals(1, fake.count("/api/repos/acme/secret/git/trees/"), "bob's look-up did not read the tree either");
          tc.completeNow();
        })));
  }
}
