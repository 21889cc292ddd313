package dev.sourcegate.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.resolve.go.GoStdPackages;
import dev.sourcegate.resolve.rules.FileQuery;
import dev.sourcegate.resolve.runtime.Runtime;
import dev.sourcegate.resolve.runtime.RuntimeSources;
import dev.sourcegate.resolve.runtime.RuntimeVersions;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.FileTree;
import dev.sourcegate.source.Language;
import dev.sourcegate.source.Mapping;
import dev.sourcegate.source.MappingSource;
import dev.sourcegate.source.PyroscopeConfig;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Java and Kotlin application classes with no mapping (docs/resolution.md §6): found by the suffix of
 * their path among the repository's file tree at the request's ref, whatever the module layout; rootPath's
 * files first, then the shortest path; conventional layouts when the tree is truncated; a mapping and the
 * runtime rules first, and a runtime class never from the application's tree.
 */
class AppClassFilesTest {
  private static final String TREE = "tree acme/app@main";

  private static Future<SourceFile> resolve(FakeSourceReader reader, String localPath, String rootPath, String functionName) {
    RuntimeVersions versions = new RuntimeVersions(Map.of(Runtime.JDK, "21"), Duration.ofMinutes(1), 100);
    Future<SourceFile> f = new SourceResolver(GoStdPackages.load(), 1, RuntimeSources.of(versions))
        .resolve(new FileQuery("acme", "app", "main", localPath, rootPath, functionName), reader);
    assertTrue(f.isComplete());
    return f;
  }

  private static String answered(Future<SourceFile> f, FakeSourceReader reader) {
    assertTrue(f.succeeded(), () -> "expected a file, got " + f.cause() + "; calls " + reader.calls());
    return new String(f.result().content(), StandardCharsets.UTF_8);
  }

  private static FakeSourceReader multiModule() {
    return new FakeSourceReader()
        .tree("acme/app@main", false,
            "services/billing/src/main/java/com/acme/billing/Invoice.java",
            "services/shop/src/main/java/com/acme/shop/Cart.java",
            "services/shop/src/test/java/com/acme/shop/CartTest.java",
            "libs/pricing/src/main/kotlin/com/acme/pricing/Prices.kt")
        .file("acme/app@main:services/shop/src/main/java/com/acme/shop/Cart.java")
        .file("acme/app@main:libs/pricing/src/main/kotlin/com/acme/pricing/Prices.kt");
  }

  @Test
  void aNestedClassIsFoundInAnotherModuleByItsPathsSuffix() {
    FakeSourceReader reader = multiModule();
    assertEquals("acme/app@main:services/shop/src/main/java/com/acme/shop/Cart.java",
        answered(resolve(reader, "Cart.java", "", "com/acme/shop/Cart$Item.total"), reader));
    assertEquals(List.of("config acme/app@main:", TREE, "github acme/app@main:services/shop/src/main/java/com/acme/shop/Cart.java"),
        reader.calls());
  }

  @Test
  void theDottedFormWithNoLocalPath() {
    FakeSourceReader reader = multiModule();
    assertEquals("acme/app@main:services/shop/src/main/java/com/acme/shop/Cart.java",
        answered(resolve(reader, "", "", "com.acme.shop.Cart.total"), reader));
  }

  @Test
  void aKotlinFileFacadeIsItsKtFile() {
    FakeSourceReader reader = multiModule();
    assertEquals("acme/app@main:libs/pricing/src/main/kotlin/com/acme/pricing/Prices.kt",
        answered(resolve(reader, "Prices.kt", "", "com/acme/pricing/PricesKt.discounted"), reader));
    FakeSourceReader javaProfile = multiModule();
    assertEquals("acme/app@main:libs/pricing/src/main/kotlin/com/acme/pricing/Prices.kt",
        answered(resolve(javaProfile, "", "", "com.acme.pricing.PricesKt.discounted"), javaProfile));
  }

  @Test
  void aMatchUnderRootPathWinsElseTheShortest() {
    FakeSourceReader reader = new FakeSourceReader()
        .tree("acme/app@main", false,
            "legacy/src/main/java/com/acme/Cart.java",
            "services/shop/src/main/java/com/acme/Cart.java",
            "services/shop/old/src/main/java/com/acme/Cart.java")
        .file("acme/app@main:legacy/src/main/java/com/acme/Cart.java")
        .file("acme/app@main:services/shop/src/main/java/com/acme/Cart.java");
    assertEquals("acme/app@main:services/shop/src/main/java/com/acme/Cart.java",
        answered(resolve(reader, "Cart.java", "services/shop", "com/acme/Cart.add"), reader));
    assertEquals("acme/app@main:legacy/src/main/java/com/acme/Cart.java",
        answered(resolve(reader, "Cart.java", "", "com/acme/Cart.add"), reader));
  }

  @Test
  void theOrderOfMatches() {
    List<String> paths = List.of("b/src/com/acme/Cart.kt", "a/long/path/src/main/java/com/acme/Cart.java",
        "svc/x/com/acme/Cart.java", "svc/com/acme/Cart.java", "com/acme/Cart.java", "notcom/acme/Cart.java");
    assertEquals(List.of("svc/com/acme/Cart.java", "svc/x/com/acme/Cart.java", "com/acme/Cart.java"),
        AppClassFiles.matches(paths, List.of("com/acme/Cart.java", "com/acme/Cart.kt"), "svc"));
    assertEquals(List.of("com/acme/Cart.java", "svc/com/acme/Cart.java", "svc/x/com/acme/Cart.java"),
        AppClassFiles.matches(paths, List.of("com/acme/Cart.java", "com/acme/Cart.kt"), ""));
  }

  @Test
  void aTruncatedTreeFallsBackToTheConventionalLayoutsUnderRootPath() {
    FakeSourceReader reader = new FakeSourceReader()
        .tree("acme/app@main", true, "services/shop/build.gradle.kts")
        .file("acme/app@main:services/shop/app/src/main/java/com/acme/shop/Cart.java");
    assertEquals("acme/app@main:services/shop/app/src/main/java/com/acme/shop/Cart.java",
        answered(resolve(reader, "Cart.java", "services/shop", "com/acme/shop/Cart.total"), reader));
    assertEquals(List.of(
        "services/shop/src/main/java/com/acme/shop/Cart.java", "services/shop/src/main/java/com/acme/shop/Cart.kt",
        "services/shop/src/main/kotlin/com/acme/shop/Cart.java", "services/shop/src/main/kotlin/com/acme/shop/Cart.kt",
        "services/shop/src/com/acme/shop/Cart.java", "services/shop/src/com/acme/shop/Cart.kt",
        "services/shop/app/src/main/java/com/acme/shop/Cart.java"),
        reader.calls().stream().filter(c -> c.startsWith("github ")).map(c -> c.substring("github acme/app@main:".length())).toList());
  }

  @Test
  void aTruncatedTreesOwnMatchComesFirst() {
    assertEquals(List.of("m/src/main/java/com/acme/Cart.java", "src/main/java/com/acme/Cart.java", "src/main/java/com/acme/Cart.kt",
            "src/main/kotlin/com/acme/Cart.java", "src/main/kotlin/com/acme/Cart.kt", "src/com/acme/Cart.java",
            "src/com/acme/Cart.kt", "app/src/main/java/com/acme/Cart.java", "app/src/main/java/com/acme/Cart.kt"),
        AppClassFiles.candidates(new FileTree(List.of("m/src/main/java/com/acme/Cart.java"), true),
            List.of("com/acme/Cart.java", "com/acme/Cart.kt"), ""));
  }

  @Test
  void aClassTheTreeLacksIsNotFoundWithoutReadingSourceFiles() {
    FakeSourceReader reader = multiModule();
    Future<SourceFile> f = resolve(reader, "", "", "com/acme/shop/Checkout.run");
    assertTrue(f.failed() && RpcException.isNotFound(f.cause()), f::toString);
    assertTrue(f.cause().getMessage().startsWith(JavaFinder.NO_MAPPING + "; no artifact the build pins"), f.cause().getMessage());
    // only the build files that could name a dependency holding the class (§15) are read after the tree
    assertEquals(List.of("config acme/app@main:", TREE, "github acme/app@main:gradle.lockfile",
        "github acme/app@main:pom.xml", "github acme/app@main:gradle/libs.versions.toml",
        "github acme/app@main:build.gradle.kts", "github acme/app@main:build.gradle"), reader.calls());
  }

  @Test
  void aMappingWinsAndTheTreeIsNotRead() {
    FakeSourceReader reader = multiModule()
        .config(new PyroscopeConfig(List.of(new Mapping(List.of(), List.of("com/acme/shop"), Language.JAVA,
            new MappingSource.GitHub("acme", "shop-lib", "v1", "src")))))
        .file("acme/shop-lib@v1:src/com/acme/shop/Cart.java");
    assertEquals("acme/shop-lib@v1:src/com/acme/shop/Cart.java",
        answered(resolve(reader, "Cart.java", "", "com/acme/shop/Cart.total"), reader));
    assertTrue(!reader.calls().contains(TREE), reader.calls()::toString);
  }

  @Test
  void aJdkClassIsNeverLookedUpInTheApplicationsTree() {
    FakeSourceReader reader = new FakeSourceReader()
        .tree("acme/app@main", false, "src/main/java/java/util/HashMap.java")
        .file("acme/app@main:src/main/java/java/util/HashMap.java");
    Future<SourceFile> f = resolve(reader, "HashMap.java", "", "java/util/HashMap.get");
    assertTrue(f.failed() && RpcException.isNotFound(f.cause()), f::toString);
    assertTrue(reader.calls().stream().noneMatch(c -> c.startsWith("tree ") || c.startsWith("github acme/app@main:src/")),
        reader.calls()::toString);
  }

  @Test
  void aTreeReadThatFailsIsTheAnswerNotAGuess() {
    FakeSourceReader reader = multiModule().fail(TREE, new RpcException(Code.UNAVAILABLE, "GitHub is down"));
    Future<SourceFile> f = resolve(reader, "Cart.java", "", "com/acme/shop/Cart.total");
    assertTrue(f.failed() && f.cause() instanceof RpcException e && e.code() == Code.UNAVAILABLE, f::toString);
  }

  @Test
  void noTreeAtTheRefLeavesTheRecordedFileNameToThePathWalk() {
    FakeSourceReader reader = new FakeSourceReader()
        .tree("acme/app@other", false)
        .file("acme/app@main:Cart.java");
    assertEquals("acme/app@main:Cart.java", answered(resolve(reader, "Cart.java", "", "com/acme/shop/Cart.total"), reader));
  }
}
