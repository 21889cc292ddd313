package dev.sourcegate.demo.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The simulated trees API answers as GitHub does: directories and files in path order, and truncated past a limit. */
class GitTreesTest {
  private static final Map<String, byte[]> FILES = Map.of(
      "src/main/java/a/B.java", "class B".getBytes(StandardCharsets.UTF_8),
      "README.md", "# r".getBytes(StandardCharsets.UTF_8));

  private static List<String> field(JsonObject answer, String name) {
    return answer.getJsonArray("tree").stream().map(e -> ((JsonObject) e).getString(name)).toList();
  }

  @Test
  void aRecursiveTreeListsEveryDirectoryAndFile() {
    JsonObject answer = GitTrees.answer("http://api", new SimRepository("acme", "app"), "main", FILES, true);
    assertEquals(List.of("README.md", "src", "src/main", "src/main/java", "src/main/java/a", "src/main/java/a/B.java"),
        field(answer, "path"));
    assertEquals(List.of("blob", "tree", "tree", "tree", "tree", "blob"), field(answer, "type"));
    assertEquals(Answers.blobSha("class B".getBytes(StandardCharsets.UTF_8)),
        answer.getJsonArray("tree").getJsonObject(5).getString("sha"));
    assertFalse(answer.getBoolean("truncated"));
    assertEquals(40, answer.getString("sha").length());
  }

  @Test
  void pastTheRepositorysLimitTheListingIsCutAndSaysSo() {
    SimRepository repo = new SimRepository("acme", "app").treeListLimit(2);
    JsonObject answer = GitTrees.answer("http://api", repo, "main", FILES, true);
    assertEquals(List.of("README.md", "src"), field(answer, "path"));
    assertTrue(answer.getBoolean("truncated"));
  }

  @Test
  void withoutRecursiveOnlyTheTopLevel() {
    JsonObject answer = GitTrees.answer("http://api", new SimRepository("acme", "app"), "main", FILES, false);
    assertEquals(List.of("README.md", "src"), field(answer, "path"));
  }
}
