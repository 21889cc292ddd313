package dev.sourcegate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A class of ours named in full inside code hides a dependency from the import list, where a reader (and
 * a review of the layering) looks for it. The compiled classes cannot tell the two spellings apart, so
 * this reads the source text of src/main.
 */
class NoQualifiedNameDodgesTest {
  private static final Pattern OURS = Pattern.compile("\\bdev\\.sourcegate\\.");
  private static final Pattern NOT_CODE = Pattern.compile("^\\s*(import |package |\\*|/\\*|//).*");

  static List<String> dodges(Path root) throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i);
          int comment = line.indexOf("//");
          String code = comment < 0 ? line : line.substring(0, comment);
          if (!NOT_CODE.matcher(line).matches() && OURS.matcher(code).find()) {
            found.add(root.relativize(file) + ":" + (i + 1) + ": " + line.trim());
          }
        }
      }
    }
    return found;
  }

  @Test
  void mainNamesOurClassesOnlyThroughImports() throws IOException {
    assertEquals(List.of(), dodges(Path.of("src/main/java")));
  }

  @Test
  void aQualifiedNameInCodeIsFound(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("A.java"), String.join("\n",
        "package dev.sourcegate.x;",
        "import dev.sourcegate.y.B;",
        "/** see dev.sourcegate.y.B */",
        "class A { // dev.sourcegate.y.C in a comment",
        "  long t = dev.sourcegate.y.B.FOREVER;",
        "}"));
    assertEquals(List.of("A.java:5: long t = dev.sourcegate.y.B.FOREVER;"), dodges(dir));
  }
}
