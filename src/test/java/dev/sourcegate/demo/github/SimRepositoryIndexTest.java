package dev.sourcegate.demo.github;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a repository's blob index and listing cache answer is what a scan of its snapshots answers: the
 * same bytes by blob id, nothing of another repository, nothing no snapshot holds any more, and a
 * directory's entries as they are after its files changed.
 */
class SimRepositoryIndexTest {
  private static final String C1 = "1".repeat(40);
  private static final String C2 = "2".repeat(40);

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** The look-up the index replaced: every file of every snapshot, hashed. */
  private static Optional<byte[]> scan(SimRepository repo, List<String> snapshots, String oid) {
    return snapshots.stream().flatMap(id -> repo.files(id).values().stream())
        .filter(content -> Answers.blobSha(content).equals(oid)).findFirst();
  }

  @Test
  void findsTheBytesAScanOfEverySnapshotFinds() {
    SimRepository repo = new SimRepository("acme", "app");
    HistoryBuilder history = new HistoryBuilder(repo);
    Map<String, byte[]> first = new HashMap<>();
    for (int i = 0; i < 50; i++) {
      first.put("pkg" + (i % 5) + "/f" + i + ".go", text("package p\n// file " + i + "\n"));
    }
    first.put("copy.go", text("package p\n// file 7\n"));   // the same bytes as f7 in another array
    history.commit(C1, first, null).commit(C2, Map.of("pkg0/f0.go", text("changed"), "new.go", text("new")), null);

    List<String> snapshots = List.of(C1, C2);
    int compared = 0;
    for (String id : snapshots) {
      for (byte[] content : repo.files(id).values()) {
        String oid = Answers.blobSha(content);
        assertArrayEquals(scan(repo, snapshots, oid).orElseThrow(), repo.blob(oid).orElseThrow(), oid);
        assertEquals(oid, repo.blobId(content));
        compared++;
      }
    }
    assertEquals(51 + 52, compared);
    assertTrue(repo.blob(Answers.blobSha(text("in no snapshot"))).isEmpty());
    assertTrue(repo.blob("not an id").isEmpty());
    assertTrue(repo.blob(Answers.blobSha(text("changed")).toUpperCase()).isEmpty(), "ids are lower-case hex, as a scan compared them");
  }

  @Test
  void aBlobOfAnotherRepositoryIsNotFoundThroughThisOne() {
    SimRepository app = new SimRepository("acme", "app").file("main", "a.go", text("only in app"));
    SimRepository lib = new SimRepository("acme", "lib").file("main", "b.go", text("only in lib"));

    assertTrue(app.blob(Answers.blobSha(text("only in lib"))).isEmpty());
    assertTrue(lib.blob(Answers.blobSha(text("only in app"))).isEmpty());
    assertArrayEquals(text("only in lib"), lib.blob(Answers.blobSha(text("only in lib"))).orElseThrow());
    assertNull(GitObjects.byOid(app, Answers.blobSha(text("only in lib"))), "object(oid:) of app");
  }

  @Test
  void bytesNoSnapshotHoldsAnyMoreAreForgottenAndBytesStillHeldAreNot() {
    byte[] shared = text("held twice");
    SimRepository repo = new SimRepository("acme", "app")
        .file("main", "a.go", text("first"))
        .file("main", "b.go", shared)
        .file("main", "c.go", text("held twice"));   // equal bytes, another array
    String first = Answers.blobSha(text("first"));
    String twice = Answers.blobSha(shared);

    repo.file("main", "a.go", text("second"));
    assertTrue(repo.blob(first).isEmpty(), "a.go was replaced and nothing else holds its old bytes");
    assertArrayEquals(text("second"), repo.blob(Answers.blobSha(text("second"))).orElseThrow());

    repo.file("main", "b.go", text("b replaced"));
    assertArrayEquals(shared, repo.blob(twice).orElseThrow(), "c.go still holds these bytes");
    repo.file("main", "c.go", text("c replaced"));
    assertTrue(repo.blob(twice).isEmpty());

    repo.snapshot(C1, Map.of("x.go", text("first")), null);
    assertArrayEquals(text("first"), repo.blob(first).orElseThrow(), "held again, by another snapshot");
  }

  @Test
  void aDirectoryListedBeforeItsFilesChangedIsListedAnewAfter() {
    SimRepository repo = new SimRepository("acme", "app").describe("", "main")
        .snapshot(C1, Map.of("src/a.go", text("a"), "README.md", text("r")), new JsonObject().put("sha", C1))
        .branch("main", C1);

    assertEquals(List.of("README.md", "src"), names(GitObjects.byExpression(repo, "main:")));
    assertEquals(List.of("a.go"), names(GitObjects.byExpression(repo, C1 + ":src")));

    repo.snapshot(C1, Map.of("src/b.go", text("b"), "docs/x.md", text("x")), null);
    assertEquals(List.of("README.md", "docs", "src"), names(GitObjects.byExpression(repo, "main:")));
    assertEquals(List.of("a.go", "b.go"), names(GitObjects.byExpression(repo, C1 + ":src/")));
    assertNull(GitObjects.byExpression(repo, C1 + ":nothing"));
  }

  @SuppressWarnings("unchecked")
  private static List<String> names(Map<String, Object> tree) {
    return ((List<Map<String, Object>>) tree.get("entries")).stream().map(e -> (String) e.get("name")).toList();
  }
}
