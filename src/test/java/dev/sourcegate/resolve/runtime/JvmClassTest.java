package dev.sourcegate.resolve.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A JVM frame's function name to its top-level class, and that class's Java and Kotlin file names. */
class JvmClassTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "java/util/HashMap.get, java/util/HashMap.java, java/util/HashMap.kt",
      "java.util.HashMap.get, java/util/HashMap.java, java/util/HashMap.kt",
      "java/util/HashMap$TreeNode.find, java/util/HashMap.java, java/util/HashMap.kt",
      "java.util.concurrent.ThreadPoolExecutor$Worker.run, java/util/concurrent/ThreadPoolExecutor.java, java/util/concurrent/ThreadPoolExecutor.kt",
      "org/example/App$$Lambda$12/0x0000000800c03000.apply, org/example/App.java, org/example/App.kt",
      "kotlin/collections/CollectionsKt___CollectionsKt.map, kotlin/collections/CollectionsKt___CollectionsKt.java, kotlin/collections/_Collections.kt",
      "kotlin/text/StringsKt__StringsKt.trim, kotlin/text/StringsKt__StringsKt.java, kotlin/text/Strings.kt",
      "com/acme/PricesKt.discount, com/acme/PricesKt.java, com/acme/Prices.kt",
      "Main.main, Main.java, Main.kt"})
  void files(String functionName, String javaFile, String kotlinFile) {
    JvmClass c = JvmClass.parse(functionName).orElseThrow();
    assertEquals(javaFile, c.file(".java"));
    assertEquals(kotlinFile, c.kotlinFile());
  }

  @ParameterizedTest
  @CsvSource({"''", "java.util.lowercase.only", "$Lambda", "a/b/"})
  void namesWithoutAClass(String functionName) {
    assertEquals(Optional.empty(), JvmClass.parse(functionName));
  }
}
