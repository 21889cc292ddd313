package dev.sourcegate.demo.github;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One repository of the simulated GitHub: snapshots (a tree of files and, when known, the commit as
 * GitHub's API shows it) under an id, and the names that point at them. Branches and tags resolve as
 * GitHub reads a ref (heads/X, refs/tags/X, ...); scripted names resolve only as written, so a test
 * that scripts "main" is not answered for "heads/main" by surprise.
 */
public final class SimRepository {
  private final String owner;
  private final String name;
  private volatile String description = "";
  private volatile String defaultBranch;
  private final Map<String, Map<String, byte[]>> trees = new ConcurrentHashMap<>();
  private final Map<String, JsonObject> commits = new ConcurrentHashMap<>();
  private final Map<String, String> names = new ConcurrentHashMap<>();
  private final Map<String, String> branches = new ConcurrentHashMap<>();
  private final Map<String, String> tags = new ConcurrentHashMap<>();
  /** Tokens that may read a private repository; null while the repository is public. */
  private volatile Set<String> readers;
  private volatile int treeListLimit = 100_000;

  SimRepository(String owner, String name) {
    this.owner = owner;
    this.name = name;
  }

  public String owner() {
    return owner;
  }

  public String name() {
    return name;
  }

  public String fullName() {
    return owner + "/" + name;
  }

  public String description() {
    return description;
  }

  public String defaultBranch() {
    return defaultBranch;
  }

  public SimRepository describe(String description, String defaultBranch) {
    this.description = description;
    this.defaultBranch = defaultBranch;
    return this;
  }

  /** Makes the repository private: only these tokens see it, others get 404 as GitHub answers. */
  public SimRepository readableBy(List<String> tokens) {
    Set<String> r = ConcurrentHashMap.newKeySet();
    r.addAll(tokens);
    readers = r;
    return this;
  }

  public boolean isPrivate() {
    return readers != null;
  }

  boolean visibleTo(String token) {
    Set<String> r = readers;
    return r == null || (token != null && r.contains(token));
  }

  /** How many entries a recursive tree lists before it is cut short with truncated: true (GitHub: 100,000). */
  public SimRepository treeListLimit(int entries) {
    treeListLimit = entries;
    return this;
  }

  int treeListLimit() {
    return treeListLimit;
  }

  // ---- content

  /** A snapshot under id: its files and the commit as GitHub's API shows it (null: no commit known). */
  public SimRepository snapshot(String id, Map<String, byte[]> tree, JsonObject commit) {
    trees.computeIfAbsent(id, k -> new ConcurrentHashMap<>()).putAll(tree);
    if (commit != null) {
      commits.put(id, commit);
    }
    return this;
  }

  public SimRepository branch(String branch, String id) {
    branches.put(branch, id);
    return this;
  }

  public SimRepository tag(String tag, String id) {
    tags.put(tag, id);
    return this;
  }

  /** A file at a name resolved only as written (a test's scripted ref). */
  public SimRepository file(String ref, String path, byte[] content) {
    names.putIfAbsent(ref, ref);
    trees.computeIfAbsent(names.get(ref), k -> new ConcurrentHashMap<>()).put(path, content);
    return this;
  }

  /** The commit a name (resolved only as written) answers. */
  public SimRepository commit(String ref, JsonObject commit) {
    names.putIfAbsent(ref, ref);
    commits.put(names.get(ref), commit);
    return this;
  }

  // ---- reading

  /** The files at ref; empty when the ref names nothing with files. */
  Optional<Map<String, byte[]>> tree(String ref) {
    return resolve(ref).map(trees::get);
  }

  /** A file any snapshot holds whose git blob id is oid. */
  Optional<byte[]> blob(String oid) {
    return trees.values().stream().flatMap(t -> t.values().stream())
        .filter(content -> Answers.blobSha(content).equals(oid)).findFirst();
  }

  /** A snapshot's files by its id (null: no such snapshot). */
  Map<String, byte[]> files(String id) {
    return trees.get(id);
  }

  /** The commit ref names; a full SHA also finds a commit scripted under another name. */
  Optional<JsonObject> commitAt(String ref) {
    Optional<JsonObject> named = resolve(ref).map(commits::get);
    if (named.isPresent() || ref == null || !ref.matches("[0-9a-f]{40}")) {
      return named;
    }
    return commits.values().stream().filter(c -> ref.equals(c.getString("sha"))).findFirst();
  }

  /** The snapshot a ref names, or the one whose commit has this full SHA (the trees API is asked by commit). */
  Optional<String> snapshotOf(String ref) {
    Optional<String> named = resolve(ref);
    if (named.isPresent() || ref == null || !ref.matches("[0-9a-f]{40}")) {
      return named;
    }
    return commits.entrySet().stream().filter(e -> ref.equals(e.getValue().getString("sha")))
        .map(Map.Entry::getKey).filter(trees::containsKey).findFirst();
  }

  /**
   * The snapshot id a ref names: a scripted name as written, else as GitHub reads a ref ({@link
   * GitRefs}), a SHA among the snapshots whose id is a full SHA.
   */
  Optional<String> resolve(String ref) {
    String r = ref == null || ref.isEmpty() ? "HEAD" : ref;
    if (names.containsKey(r)) {
      return Optional.of(names.get(r));
    }
    List<String> shas = trees.keySet().stream().filter(id -> id.matches("[0-9a-f]{40}")).toList();
    return GitRefs.resolve(ref, defaultBranch, branches, tags, shas);
  }
}
