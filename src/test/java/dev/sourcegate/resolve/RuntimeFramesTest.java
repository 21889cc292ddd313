package dev.sourcegate.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.configloader.PyroscopeYamlParser;
import dev.sourcegate.resolve.go.GoStdPackages;
import dev.sourcegate.resolve.rules.FileQuery;
import dev.sourcegate.resolve.runtime.Runtime;
import dev.sourcegate.resolve.runtime.RuntimeSources;
import dev.sourcegate.resolve.runtime.RuntimeVersions;
import dev.sourcegate.rpc.RpcException;
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
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * JDK, Kotlin, Node.js and CPython frames with no configuration (docs/resolution.md §9): the exact
 * repository, path and ref, the version taken from the application's repository or the default, a
 * mapping that overrides it, and not_found (never another repository's file) when the runtime's
 * repository lacks the file.
 */
class RuntimeFramesTest {
  private static final GoStdPackages STD = GoStdPackages.load();

  private static SourceResolver resolver() {
    RuntimeVersions versions = new RuntimeVersions(
        Map.of(Runtime.JDK, "21", Runtime.NODE, "22", Runtime.PYTHON, "3.12", Runtime.RUBY, "3.3"), Duration.ofMinutes(1), 100);
    return new SourceResolver(STD, 1, RuntimeSources.of(versions));
  }

  private static Future<SourceFile> resolve(FakeSourceReader reader, String localPath, String rootPath, String functionName) {
    return resolver().resolve(new FileQuery("acme", "app", "main", localPath, rootPath, functionName), reader);
  }

  private static String answered(Future<SourceFile> f) {
    assertTrue(f.succeeded(), () -> "expected a file, got " + f.cause());
    return new String(f.result().content(), StandardCharsets.UTF_8);
  }

  private static void assertNotFound(Future<SourceFile> f) {
    assertTrue(f.failed() && RpcException.isNotFound(f.cause()), () -> "expected not_found, got " + f);
  }

  private static List<String> runtimeReads(FakeSourceReader reader) {
    return reader.calls().stream().filter(c -> c.startsWith("github ") && !c.startsWith("github acme/app@")).toList();
  }

  // ------------------------------------------------------------------ JDK

  @Test
  void jdkClassAtTheDefaultVersionIsTheUpdateRepositorysDefaultBranch() {
    FakeSourceReader reader = new FakeSourceReader()
        .file("openjdk/jdk21u@HEAD:src/java.base/share/classes/java/util/HashMap.java");
    assertEquals("openjdk/jdk21u@HEAD:src/java.base/share/classes/java/util/HashMap.java",
        answered(resolve(reader, "HashMap.java", "", "java/util/HashMap.putVal")));
  }

  @Test
  void aFullVersionFromDotJavaVersionPicksItsGaTag() {
    FakeSourceReader reader = new FakeSourceReader()
        .file("acme/app@main:.java-version", "21.0.5\n")
        .file("openjdk/jdk21u@jdk-21.0.5-ga:src/java.base/share/classes/java/util/HashMap.java");
    assertEquals("openjdk/jdk21u@jdk-21.0.5-ga:src/java.base/share/classes/java/util/HashMap.java",
        answered(resolve(reader, "", "", "java/util/HashMap$TreeNode.find")));
  }

  @Test
  void theVersionFromPomXmlAndTheDottedFormAndAModuleOtherThanJavaBase() {
    FakeSourceReader reader = new FakeSourceReader()
        .file("acme/app@main:pom.xml", "<project><properties><maven.compiler.release>17</maven.compiler.release></properties></project>")
        .file("openjdk/jdk17u@HEAD:src/java.sql/share/classes/java/sql/DriverManager.java");
    assertEquals("openjdk/jdk17u@HEAD:src/java.sql/share/classes/java/sql/DriverManager.java",
        answered(resolve(reader, "", "", "java.sql.DriverManager.getConnection")));
  }

  @Test
  void aLambdaClassIsItsOuterFileAndAPlatformClassIsFoundUnderUnix() {
    FakeSourceReader reader = new FakeSourceReader()
        .file("acme/app@main:Dockerfile", "FROM eclipse-temurin:17-jre\n")
        .file("openjdk/jdk17u@HEAD:src/java.base/unix/classes/sun/nio/fs/UnixPath.java");
    assertEquals("openjdk/jdk17u@HEAD:src/java.base/unix/classes/sun/nio/fs/UnixPath.java",
        answered(resolve(reader, "", "", "sun/nio/fs/UnixPath$$Lambda$12/0x0000000800c03000.apply")));
  }

  @Test
  void jdk8HasTheOldLayoutInJdk8u() {
    FakeSourceReader reader = new FakeSourceReader()
        .file("acme/app@main:build.gradle", "sourceCompatibility = JavaVersion.VERSION_1_8\n")
        .file("openjdk/jdk8u@HEAD:jdk/src/share/classes/java/util/concurrent/ThreadPoolExecutor.java");
    assertEquals("openjdk/jdk8u@HEAD:jdk/src/share/classes/java/util/concurrent/ThreadPoolExecutor.java",
        answered(resolve(reader, "", "", "java/util/concurrent/ThreadPoolExecutor$Worker.run")));
  }

  @Test
  void aMappingForTheJdkWins() {
    Mapping jdk = new Mapping(List.of(), List.of("java/"), Language.JAVA,
        new MappingSource.GitHub("openjdk", "jdk", "jdk-17+35", "src/java.base/share/classes"));
    FakeSourceReader reader = new FakeSourceReader().config(new PyroscopeConfig(List.of(jdk)))
        .file("openjdk/jdk@jdk-17+35:src/java.base/share/classes/java/util/HashMap.java")
        .file("openjdk/jdk21u@HEAD:src/java.base/share/classes/java/util/HashMap.java");
    assertEquals("openjdk/jdk@jdk-17+35:src/java.base/share/classes/java/util/HashMap.java",
        answered(resolve(reader, "", "", "java/util/HashMap.get")));
    assertEquals(List.of("github openjdk/jdk@jdk-17+35:src/java.base/share/classes/java/util/HashMap.java"), runtimeReads(reader));
  }

  @Test
  void aJdkClassTheRuntimeRepositoryLacksIsNotFoundAndTheAppIsNeverAsked() {
    FakeSourceReader reader = new FakeSourceReader()
        .file("acme/app@main:java/util/HashMap.java")
        .file("acme/app@main:HashMap.java");
    assertNotFound(resolve(reader, "HashMap.java", "", "java/util/HashMap.get"));
    assertTrue(reader.calls().stream().noneMatch(c -> c.contains("acme/app@main:java/") || c.endsWith(":HashMap.java")),
        reader.calls()::toString);
  }

  @Test
  void aJavaxPackageTheJdkDoesNotHaveIsNotARuntimeFrame() {
    FakeSourceReader reader = new FakeSourceReader();
    assertNotFound(resolve(reader, "", "", "javax/servlet/http/HttpServlet.service"));
    assertEquals(List.of(), runtimeReads(reader));
  }

  // ------------------------------------------------------------------ Kotlin

  @Test
  void kotlinStdlibAtTheKotlinPluginVersion() {
    FakeSourceReader reader = new FakeSourceReader()
        .file("acme/app@main:build.gradle.kts", "plugins {\n  kotlin(\"jvm\") version \"2.0.21\"\n}\n")
        .file("JetBrains/kotlin@v2.0.21:libraries/stdlib/common/src/generated/_Collections.kt");
    assertEquals("JetBrains/kotlin@v2.0.21:libraries/stdlib/common/src/generated/_Collections.kt",
        answered(resolve(reader, "_Collections.kt", "", "kotlin/collections/CollectionsKt___CollectionsKt.map")));
  }

  @Test
  void kotlinFileFacadeInTheStdlibsJvmSources() {
    FakeSourceReader reader = new FakeSourceReader()
        .file("acme/app@main:pom.xml", "<project><properties><kotlin.version>1.9.24</kotlin.version></properties></project>")
        .file("JetBrains/kotlin@v1.9.24:libraries/stdlib/jvm/src/kotlin/collections/CollectionsJVM.kt");
    assertEquals("JetBrains/kotlin@v1.9.24:libraries/stdlib/jvm/src/kotlin/collections/CollectionsJVM.kt",
        answered(resolve(reader, "", "", "kotlin/collections/CollectionsKt__CollectionsJVMKt.listOf")));
  }

  @Test
  void kotlinStdlibTheRepositoryLacksIsNotFound() {
    FakeSourceReader reader = new FakeSourceReader().file("acme/app@main:kotlin/text/Strings.kt");
    assertNotFound(resolve(reader, "Strings.kt", "", "kotlin/text/StringsKt__StringsKt.trim"));
    assertTrue(reader.calls().stream().noneMatch(c -> c.contains("acme/app@main:kotlin/")), reader.calls()::toString);
  }

  @Test
  void anApplicationClassNotFoundAsJavaIsTriedAsKotlinAndAFileFacadeIsItsFile() {
    Mapping app = new Mapping(List.of(), List.of("com/acme/"), Language.JAVA, new MappingSource.Local("src/main/kotlin"));
    FakeSourceReader reader = new FakeSourceReader().config(new PyroscopeConfig(List.of(app)))
        .file("acme/app@main:src/main/kotlin/com/acme/shop/Cart.kt")
        .file("acme/app@main:src/main/kotlin/com/acme/shop/Prices.kt");
    assertEquals("acme/app@main:src/main/kotlin/com/acme/shop/Cart.kt",
        answered(resolve(reader, "", "", "com/acme/shop/Cart$Item.total")));
    assertEquals("acme/app@main:src/main/kotlin/com/acme/shop/Prices.kt",
        answered(resolve(reader, "", "", "com/acme/shop/PricesKt.discount")));
  }

  @Test
  void kotlinLanguageIsAcceptedInMappingsAndChosenByExtension() {
    assertEquals(Optional.of(Language.KOTLIN), Language.fromYaml("kotlin"));
    assertEquals(Optional.of(Language.KOTLIN), Language.byExtension("src/App.kt"));
    assertTrue(PyroscopeYamlParser.parse(
        "source_code:\n  mappings:\n    - function_name: [{prefix: com/acme}]\n      language: kotlin\n"
            + "      source: {local: {path: src/main/kotlin}}\n").valid());
    assertFalse(PyroscopeYamlParser.parse(
        "source_code:\n  mappings:\n    - function_name: [{prefix: com/acme}]\n      language: scala\n"
            + "      source: {local: {path: src}}\n").valid());
  }

  // ------------------------------------------------------------------ Node.js

  @Test
  void nodeInternalModuleAtTheDefaultMajorsBranch() {
    FakeSourceReader reader = new FakeSourceReader().file("nodejs/node@v22.x:lib/internal/timers.js");
    assertEquals("nodejs/node@v22.x:lib/internal/timers.js",
        answered(resolve(reader, "node:internal/timers", "", "processTimers")));
  }

  @Test
  void nodeCoreAtTheReleaseTagFromNvmrcAndTheOlderBareForms() {
    FakeSourceReader reader = new FakeSourceReader()
        .file("acme/app@main:.nvmrc", "v20.11.1\n")
        .file("nodejs/node@v20.11.1:lib/events.js")
        .file("nodejs/node@v20.11.1:lib/_http_server.js")
        .file("nodejs/node@v20.11.1:lib/fs.js");
    assertEquals("nodejs/node@v20.11.1:lib/events.js", answered(resolve(reader, "events.js", "", "emit")));
    assertEquals("nodejs/node@v20.11.1:lib/_http_server.js", answered(resolve(reader, "_http_server.js", "", "x")));
    assertEquals("nodejs/node@v20.11.1:lib/fs.js", answered(resolve(reader, "node:fs", "", "readFileSync")));
  }

  @Test
  void nodeVersionFromPackageJsonEngines() {
    FakeSourceReader reader = new FakeSourceReader()
        .file("acme/app@main:package.json", "{\"engines\":{\"node\":\">=18\"}}")
        .file("nodejs/node@v18.x:lib/internal/process/task_queues.js");
    assertEquals("nodejs/node@v18.x:lib/internal/process/task_queues.js",
        answered(resolve(reader, "internal/process/task_queues.js", "", "processTicksAndRejections")));
  }

  @Test
  void nodeCoreTheRepositoryLacksIsNotFoundNotTheAppsFile() {
    FakeSourceReader reader = new FakeSourceReader().file("acme/app@main:events.js");
    assertNotFound(resolve(reader, "events.js", "", "emit"));
  }

  @Test
  void anAbsoluteAppPathIsNeverNodesEvenWithACoreName() {
    FakeSourceReader reader = new FakeSourceReader()
        .file("nodejs/node@v22.x:lib/events.js")
        .file("acme/app@main:usr/src/app/events.js");
    assertEquals("acme/app@main:usr/src/app/events.js", answered(resolve(reader, "/usr/src/app/events.js", "", "emit")));
    assertEquals(List.of(), runtimeReads(reader));
  }

  @Test
  void aMappingForANodePathWins() {
    Mapping node = new Mapping(List.of("node:"), List.of(), Language.JAVASCRIPT,
        new MappingSource.GitHub("acme", "node-fork", "main", "lib"));
    FakeSourceReader reader = new FakeSourceReader().config(new PyroscopeConfig(List.of(node)))
        .file("acme/node-fork@main:lib/fs.js")
        .file("nodejs/node@v22.x:lib/fs.js");
    assertEquals("acme/node-fork@main:lib/fs.js", answered(resolve(reader, "node:fs.js", "", "readFileSync")));
  }

  // ------------------------------------------------------------------ CPython

  @Test
  void aRelativeStandardLibraryPathIsCPythonsAtTheDefaultBranch() {
    FakeSourceReader reader = new FakeSourceReader().file("python/cpython@3.12:Lib/json/decoder.py");
    assertEquals("python/cpython@3.12:Lib/json/decoder.py", answered(resolve(reader, "json/decoder.py", "", "raw_decode")));
  }

  @Test
  void aFullPythonVersionPicksItsTag() {
    FakeSourceReader reader = new FakeSourceReader()
        .file("acme/app@main:.python-version", "3.11.9\n")
        .file("python/cpython@v3.11.9:Lib/concurrent/futures/thread.py");
    assertEquals("python/cpython@v3.11.9:Lib/concurrent/futures/thread.py",
        answered(resolve(reader, "concurrent/futures/thread.py", "", "_worker")));
  }

  @Test
  void theVersionFromPyprojectAndAFrozenModule() {
    FakeSourceReader reader = new FakeSourceReader()
        .file("acme/app@main:pyproject.toml", "[project]\nrequires-python = \">=3.10\"\n")
        .file("python/cpython@3.10:Lib/importlib/_bootstrap.py");
    assertEquals("python/cpython@3.10:Lib/importlib/_bootstrap.py",
        answered(resolve(reader, "<frozen importlib._bootstrap>", "", "_find_and_load")));
  }

  @Test
  void anApplicationModuleNamedLikeAStandardOneIsTheApplicationsAsPythonImportsIt() {
    FakeSourceReader reader = new FakeSourceReader()
        .file("acme/app@main:svc/logging.py")
        .file("python/cpython@3.12:Lib/logging.py");
    assertEquals("acme/app@main:svc/logging.py", answered(resolve(reader, "logging.py", "svc", "setup")));
  }

  @Test
  void aStandardLibraryFileCPythonLacksIsNotFound() {
    FakeSourceReader reader = new FakeSourceReader();
    assertNotFound(resolve(reader, "threading.py", "", "run"));
    assertTrue(reader.calls().contains("github python/cpython@3.12:Lib/threading.py"), reader.calls()::toString);
  }

  @Test
  void aMappingForTheStandardLibraryWins() {
    Mapping whole = new Mapping(List.of(""), List.of(), Language.PYTHON,
        new MappingSource.GitHub("acme", "cpython-fork", "main", "Lib"));
    FakeSourceReader reader = new FakeSourceReader().config(new PyroscopeConfig(List.of(whole)))
        .file("acme/cpython-fork@main:Lib/threading.py")
        .file("python/cpython@3.12:Lib/threading.py");
    assertEquals("acme/cpython-fork@main:Lib/threading.py", answered(resolve(reader, "threading.py", "", "run")));
    assertEquals(List.of("github acme/cpython-fork@main:Lib/threading.py"), runtimeReads(reader));
  }

  @Test
  void anInstalledPackageOrAnAppPathIsNotTheStandardLibrary() {
    FakeSourceReader reader = new FakeSourceReader().file("acme/app@main:app/views.py");
    assertEquals("acme/app@main:app/views.py", answered(resolve(reader, "app/views.py", "", "index")));
    assertEquals(List.of(), runtimeReads(reader));
  }
}
