package dev.sourcegate.demo.github;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * GitHub's {@code GET /repos/{o}/{r}/git/trees/{sha}?recursive=1} answer for a snapshot's files: every
 * directory ({@code type: "tree"}) and file ({@code type: "blob"}) in path order, and {@code truncated}
 * with the listing cut after the repository's limit ({@link SimRepository#treeListLimit}), as GitHub cuts
 * a large repository's at 100,000 entries. Without recursive=1 only the top level is listed.
 */
final class GitTrees {
  private GitTrees() {}

  static JsonObject answer(String apiUrl, SimRepository repo, String treeId, Map<String, byte[]> files, boolean recursive) {
    Map<String, byte[]> entries = new TreeMap<>();
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      String path = f.getKey();
      for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
        entries.putIfAbsent(path.substring(0, slash), null);
      }
      entries.put(path, f.getValue());
    }
    int limit = repo.treeListLimit();
    JsonArray tree = new JsonArray();
    boolean truncated = false;
    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
      if (!recursive && e.getKey().contains("/")) {
        continue;
      }
      if (tree.size() >= limit) {
        truncated = true;
        break;
      }
      tree.add(entry(apiUrl, repo, e.getKey(), e.getValue()));
    }
    String sha = Answers.sha1Hex(("tree " + repo.fullName() + " " + treeId).getBytes(StandardCharsets.UTF_8));
    return new JsonObject().put("sha", sha).put("url", apiUrl + "/repos/" + repo.fullName() + "/git/trees/" + sha)
        .put("tree", tree).put("truncated", truncated);
  }

  /** content null: a directory. */
  private static JsonObject entry(String apiUrl, SimRepository repo, String path, byte[] content) {
    if (content == null) {
      String sha = Answers.sha1Hex(("tree " + path).getBytes(StandardCharsets.UTF_8));
      return new JsonObject().put("path", path).put("mode", "040000").put("type", "tree").put("sha", sha)
          .put("url", apiUrl + "/repos/" + repo.fullName() + "/git/trees/" + sha);
    }
    String sha = repo.blobId(content);
    return new JsonObject().put("path", path).put("mode", "100644").put("type", "blob").put("sha", sha)
        .put("size", content.length).put("url", apiUrl + "/repos/" + repo.fullName() + "/git/blobs/" + sha);
  }
}
