package dev.sourcegate.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.fetch.SourceCache.TreeEntry;
import dev.sourcegate.fetch.SourceCache.TreeKey;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.FileTree;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GitHub's recursive tree answer, read as a stream into the JVM source paths the tree look-up needs. */
class GitHubTreesTest {
  private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

  private static Buffer answer(boolean truncated, String... blobs) {
    JsonArray tree = new JsonArray().add(new JsonObject().put("path", "src").put("mode", "040000").put("type", "tree")
        .put("sha", SHA).put("url", "https://api.github.com/x"));
    for (String b : blobs) {
      tree.add(new JsonObject().put("path", b).put("mode", "100644").put("type", "blob").put("sha", SHA).put("size", 12)
          .put("url", "https://api.github.com/y"));
    }
    return new JsonObject().put("sha", SHA).put("url", "https://api.github.com/t").put("tree", tree)
        .put("truncated", truncated).toBuffer();
  }

  @Test
  void keepsOnlyJvmSourceFilesInOrder() {
    FileTree t = GitHubTrees.parse(answer(false, "README.md", "src/main/java/a/B.java", "build.gradle.kts",
        "src/main/kotlin/a/C.kt", "web/app.js", "src/java", "src/.kt/readme"), 100);
    assertEquals(List.of("src/main/java/a/B.java", "build.gradle.kts", "src/main/kotlin/a/C.kt"), t.paths());
    assertFalse(t.truncated());
  }

  @Test
  void gitHubsOwnCutAndTheProvidersCapBothMakeATruncatedTree() {
    assertTrue(GitHubTrees.parse(answer(true, "A.java"), 100).truncated());
    FileTree capped = GitHubTrees.parse(answer(false, "A.java", "B.java", "C.java"), 2);
    assertEquals(List.of("A.java", "B.java"), capped.paths());
    assertTrue(capped.truncated());
  }

  @Test
  void truncatedBeforeTheTreeFieldIsReadToo() {
    Buffer body = Buffer.buffer("{\"truncated\":true,\"sha\":\"" + SHA + "\",\"tree\":[{\"type\":\"blob\",\"path\":\"X.java\"}]}");
    FileTree t = GitHubTrees.parse(body, 10);
    assertEquals(List.of("X.java"), t.paths());
    assertTrue(t.truncated());
  }

  @Test
  void anUnreadableAnswerIsAnErrorNotAnEmptyTree() {
    assertThrows(RpcException.class, () -> GitHubTrees.parse(Buffer.buffer("[1,2]"), 10));
    assertThrows(RpcException.class, () -> GitHubTrees.parse(Buffer.buffer("{\"tree\":[{\"path\":"), 10));
  }

  @Test
  void aCommitsTreeIsSharedWithTheFleetAndReadBack() {
    TreeEntry entry = new TreeEntry(new FileTree(List.of("a/B.java", "c/D.kt"), true), SourceCache.FOREVER);
    TreeKey key = new TreeKey("github.com/acme/app", SHA);
    assertEquals(FleetCodec.lookupKey(key), FleetCodec.key(key, entry));
    TreeEntry back = (TreeEntry) FleetCodec.decode(FleetCodec.encode(entry), 5);
    assertEquals(entry.tree(), back.tree());
    assertNull(FleetCodec.key(new TreeKey("github.com/acme/app", RefResolver.BY_NAME + "main"),
        new TreeEntry(entry.tree(), 60_000)), "a ref's tree moves: it stays on this machine");
  }

  @Test
  void aTreeWeighsItsPaths() {
    assertTrue(new FileTree(List.of("x".repeat(10_000)), false).weight() > 20_000);
  }
}
