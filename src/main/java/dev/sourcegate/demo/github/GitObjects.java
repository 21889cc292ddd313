package dev.sourcegate.demo.github;

import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The simulated GitHub's repositories, files and commits as GraphQL objects: maps whose keys are the
 * schema's field names, {@code __typename} naming the object type. They hold the same facts the REST API
 * gives (a commit's REST JSON is the one source of both), so both protocols answer alike.
 */
final class GitObjects {
  /**
   * Above this many bytes a blob's {@code text} is cut and {@code isTruncated} is true. GitHub cuts text
   * at about 512 KB; the gateway must not rely on the exact size, only on isTruncated.
   */
  static final int TEXT_LIMIT = 512 * 1024;
  /** Git calls a file binary when a NUL byte appears in its first 8000 bytes. */
  private static final int BINARY_SNIFF = 8000;
  private static final String REPO_KEY = "_repository";
  private static final Pattern FULL_SHA = Pattern.compile("[0-9a-f]{40}");
  private static final Pattern ABBREVIATED_SHA = Pattern.compile("[0-9a-fA-F]{7,40}");

  private GitObjects() {}

  static Map<String, Object> repository(SimRepository repo) {
    Map<String, Object> m = typed("Repository");
    m.put(REPO_KEY, repo);
    m.put("name", repo.name());
    m.put("nameWithOwner", repo.fullName());
    m.put("isPrivate", repo.isPrivate());
    m.put("url", "https://github.com/" + repo.fullName());
    m.put("description", repo.description());
    return m;
  }

  static SimRepository simRepository(Object source) {
    return (SimRepository) ((Map<?, ?>) source).get(REPO_KEY);
  }

  /** "REV" names a commit, "REV:PATH" a file (a Blob) or a directory (a Tree) at it; null: nothing. */
  static Map<String, Object> byExpression(SimRepository repo, String expression) {
    int colon = expression.indexOf(':');
    if (colon < 0) {
      return repo.commitAt(expression).map(GitObjects::commit).orElse(null);
    }
    String rev = expression.substring(0, colon);
    String path = expression.substring(colon + 1);
    Optional<String> id = repo.resolve(rev.isEmpty() ? null : rev);
    Map<String, byte[]> tree = id.map(repo::files).orElse(null);
    if (tree == null) {
      return null;
    }
    byte[] content = tree.get(path);
    if (content != null) {
      return blob(content, repo.blobId(content));
    }
    String dir = path.endsWith("/") || path.isEmpty() ? path : path + "/";
    List<Map<String, Object>> entries = repo.listing(id.get(), dir, files -> entries(files, dir));
    return entries.isEmpty() ? null : tree(repo.fullName() + "@" + rev + ":" + dir, entries);
  }

  /**
   * A directory's entries (git keeps no empty directory, so none: not a directory), from the snapshot's
   * files as REST's git/trees lists them: a name holding more below it is a tree, else a blob; by name.
   * Shared by every answer that lists this directory at this snapshot: nothing may change them.
   */
  private static List<Map<String, Object>> entries(Map<String, byte[]> files, String dir) {
    Map<String, Boolean> isTreeByName = new TreeMap<>();
    for (String p : files.keySet()) {
      if (!p.startsWith(dir) || p.length() == dir.length()) {
        continue;
      }
      int slash = p.indexOf('/', dir.length());
      String name = p.substring(dir.length(), slash < 0 ? p.length() : slash);
      isTreeByName.merge(name, slash >= 0, Boolean::logicalOr);
    }
    List<Map<String, Object>> out = new ArrayList<>();
    isTreeByName.forEach((name, isTree) -> {
      Map<String, Object> e = typed("TreeEntry");
      e.put("name", name);
      e.put("path", dir + name);
      e.put("type", isTree ? "tree" : "blob");
      e.put("mode", isTree ? 0040000 : 0100644);
      out.add(Collections.unmodifiableMap(e));
    });
    return Collections.unmodifiableList(out);
  }

  /** A commit by its full SHA, else a blob any snapshot holds under that id. */
  static Map<String, Object> byOid(SimRepository repo, String oid) {
    if (FULL_SHA.matcher(oid).matches()) {
      Optional<JsonObject> c = repo.commitAt(oid);
      if (c.isPresent()) {
        return commit(c.get());
      }
    }
    return repo.blob(oid).map(content -> blob(content, oid)).orElse(null);
  }

  /** A branch or tag: a fully qualified name first (refs/heads/X), then a short one, as GitHub reads it. */
  static Map<String, Object> ref(SimRepository repo, String qualifiedName) {
    if (qualifiedName == null || ABBREVIATED_SHA.matcher(qualifiedName).matches()) {
      return null;
    }
    String prefix = qualifiedName.startsWith("refs/tags/") ? "refs/tags/" : "refs/heads/";
    String name = qualifiedName.startsWith(prefix) ? qualifiedName.substring(prefix.length()) : qualifiedName;
    return repo.commitAt(qualifiedName).map(c -> {
      Map<String, Object> m = typed("Ref");
      m.put("name", name);
      m.put("prefix", prefix);
      m.put("target", commit(c));
      return m;
    }).orElse(null);
  }

  /** A file as a Blob; oid is its git blob id (the caller has it at hand, so it is not hashed again). */
  static Map<String, Object> blob(byte[] content, String oid) {
    Map<String, Object> m = typed("Blob");
    m.put("oid", oid);
    m.put("abbreviatedOid", oid.substring(0, 7));
    m.put("byteSize", content.length);
    String text = text(content);
    m.put("isBinary", text == null);
    m.put("isTruncated", content.length > TEXT_LIMIT);
    m.put("text", text);
    return m;
  }

  /** The file's text (its first TEXT_LIMIT bytes), or null when it is binary. */
  private static String text(byte[] content) {
    int sniff = Math.min(content.length, BINARY_SNIFF);
    for (int i = 0; i < sniff; i++) {
      if (content[i] == 0) {
        return null;
      }
    }
    int length = Math.min(content.length, TEXT_LIMIT);
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content, 0, length)).toString();
    } catch (CharacterCodingException e) {
      // a cut through a multi-byte character is still text; anything else is not UTF-8
      return length < content.length ? new String(content, 0, length, StandardCharsets.UTF_8) : null;
    }
  }

  private static Map<String, Object> tree(String identity, List<Map<String, Object>> entries) {
    Map<String, Object> m = typed("Tree");
    m.put("oid", Answers.sha1Hex(identity.getBytes(StandardCharsets.UTF_8)));
    m.put("entries", entries);
    return m;
  }

  /** A commit from its REST JSON: the same message, dates, link and user as GET /repos/o/r/commits/ref. */
  static Map<String, Object> commit(JsonObject rest) {
    JsonObject git = rest.getValue("commit") instanceof JsonObject c ? c : new JsonObject();
    JsonObject gitAuthor = git.getValue("author") instanceof JsonObject a ? a : new JsonObject();
    JsonObject gitCommitter = git.getValue("committer") instanceof JsonObject c ? c : gitAuthor;
    JsonObject user = rest.getValue("author") instanceof JsonObject u ? u : null;
    String sha = rest.getString("sha", "");
    Map<String, Object> m = typed("Commit");
    m.put("oid", sha);
    m.put("abbreviatedOid", sha.length() >= 7 ? sha.substring(0, 7) : sha);
    String message = git.getString("message", "");
    m.put("message", message);
    m.put("messageHeadline", message.lines().findFirst().orElse(""));
    m.put("authoredDate", gitAuthor.getString("date"));
    m.put("committedDate", gitCommitter.getString("date", gitAuthor.getString("date")));
    m.put("url", rest.getString("html_url", ""));
    Map<String, Object> author = new HashMap<>();
    author.put("name", gitAuthor.getString("name"));
    author.put("email", gitAuthor.getString("email"));
    author.put("date", gitAuthor.getString("date"));
    author.put("avatarUrl", user == null ? "" : user.getString("avatar_url", ""));
    author.put("user", user == null ? null : user(user));
    m.put("author", author);
    return m;
  }

  private static Map<String, Object> user(JsonObject rest) {
    Map<String, Object> m = typed("User");
    m.put("login", rest.getString("login", ""));
    m.put("avatarUrl", rest.getString("avatar_url", ""));
    m.put("url", "https://github.com/" + rest.getString("login", ""));
    return m;
  }

  private static Map<String, Object> typed(String type) {
    Map<String, Object> m = new HashMap<>();
    m.put("__typename", type);
    return m;
  }
}
