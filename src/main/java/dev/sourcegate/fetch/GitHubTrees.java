package dev.sourcegate.fetch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.FileTree;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads GitHub's recursive tree answer ({@code GET /repos/{o}/{r}/git/trees/{sha}?recursive=1}: {@code sha},
 * {@code tree: [{path, type, ...}]}, {@code truncated}) into the paths worth keeping. A big repository's
 * answer holds 100,000 entries (GitHub's own cut, when it sets truncated), so it is read as a stream and
 * only file paths with {@link #KEPT_EXTENSIONS} are kept, at most {@link #MAX_PATHS}: the tree is cached
 * per commit, and the only look-up by tree today is the JVM rules' class-file suffix. More than
 * {@link #MAX_PATHS} kept paths make the tree truncated, as GitHub's own cut does.
 */
final class GitHubTrees {
  /** JVM source files: what the Java and Kotlin rules look a class up among (docs/resolution.md §6). */
  static final Set<String> KEPT_EXTENSIONS = Set.of(".java", ".kt", ".kts");
  static final int MAX_PATHS = 100_000;
  /** GitHub stops a recursive tree at 7 MB; a larger answer is not GitHub's and is read as truncated. */
  static final int MAX_TREE_BYTES = 16 * 1024 * 1024;
  private static final JsonFactory JSON = new JsonFactory();

  private GitHubTrees() {}

  static FileTree parse(Buffer body, int maxPaths) {
    List<String> paths = new ArrayList<>();
    boolean truncated = false;
    try (JsonParser p = JSON.createParser(body.getBytes())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw unreadable();
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if ("truncated".equals(field)) {
          truncated |= value == JsonToken.VALUE_TRUE;
        } else if ("tree".equals(field) && value == JsonToken.START_ARRAY) {
          truncated |= entries(p, paths, maxPaths);
        } else {
          p.skipChildren();
        }
      }
    } catch (IOException e) {
      throw unreadable();
    }
    return new FileTree(paths, truncated);
  }

  /** Adds the kept file paths of the array; true when some had to be left out for maxPaths. */
  private static boolean entries(JsonParser p, List<String> paths, int maxPaths) throws IOException {
    boolean cut = false;
    while (p.nextToken() == JsonToken.START_OBJECT) {
      String path = null;
      String type = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (value == JsonToken.VALUE_STRING && "path".equals(field)) {
          path = p.getText();
        } else if (value == JsonToken.VALUE_STRING && "type".equals(field)) {
          type = p.getText();
        } else {
          p.skipChildren();
        }
      }
      if ("blob".equals(type) && path != null && kept(path)) {
        if (paths.size() < maxPaths) {
          paths.add(path);
        } else {
          cut = true;
        }
      }
    }
    return cut;
  }

  static boolean kept(String path) {
    int dot = path.lastIndexOf('.');
    return dot > path.lastIndexOf('/') && KEPT_EXTENSIONS.contains(path.substring(dot));
  }

  private static RpcException unreadable() {
    return new RpcException(Code.UNKNOWN, "GitHub sent an unreadable tree");
  }
}
