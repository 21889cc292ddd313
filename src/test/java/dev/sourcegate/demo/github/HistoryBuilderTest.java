package dev.sourcegate.demo.github;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A built history keeps untouched files byte for byte, and every commit answers its own tree. */
class HistoryBuilderTest {
  private static final String C1 = "1".repeat(40);
  private static final String C2 = "2".repeat(40);
  private static final String C3 = "3".repeat(40);

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void eachCommitIsItsParentWithItsChanges() {
    SimRepository repo = new SimRepository("acme", "app").describe("", "main");
    HistoryBuilder history = new HistoryBuilder(repo)
        .commit(C1, Map.of("a.go", text("a1"), "b.go", text("b1")), new JsonObject().put("sha", C1))
        .commit(C2, Map.of("a.go", text("a2")), new JsonObject().put("sha", C2));
    Map<String, byte[]> removal = new HashMap<>();
    removal.put("b.go", null);
    removal.put("c.go", text("c3"));
    history.commit(C3, removal, null);
    repo.branch("main", history.head());

    assertEquals(C3, history.head());
    assertArrayEquals(text("a1"), repo.tree(C1).orElseThrow().get("a.go"));
    assertArrayEquals(text("a2"), repo.tree(C2).orElseThrow().get("a.go"));
    // untouched: the same bytes, so the same blob id, at the next commit
    assertEquals(Answers.blobSha(repo.tree(C1).orElseThrow().get("b.go")), Answers.blobSha(repo.tree(C2).orElseThrow().get("b.go")));
    assertNotEquals(Answers.blobSha(repo.tree(C1).orElseThrow().get("a.go")), Answers.blobSha(repo.tree(C2).orElseThrow().get("a.go")));
    assertFalse(repo.tree(C3).orElseThrow().containsKey("b.go"));
    assertTrue(repo.tree("main").orElseThrow().containsKey("c.go"));
    assertFalse(repo.tree(C2).orElseThrow().containsKey("c.go"), "a later commit does not change an earlier tree");
    assertEquals(C2, repo.commitAt(C2).orElseThrow().getString("sha"));
    assertTrue(repo.commitAt(C3).isEmpty(), "no commit JSON was given for C3");
  }
}
