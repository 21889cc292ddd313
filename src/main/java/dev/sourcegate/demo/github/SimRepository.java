package dev.sourcegate.demo.github;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One repository of the simulated GitHub: snapshots (a tree of files and, when known, the commit as
 * GitHub's API shows it) under an id, and the names that point at them. Branches and tags resolve as
 * GitHub reads a ref (heads/X, refs/tags/X, ...); scripted names resolve only as written, so a test
 * that scripts "main" is not answered for "heads/main" by surprise.
 */
public final class SimRepository {
  private static final Pattern FULL_SHA = Pattern.compile("[0-9a-f]{40}");

  private final String owner;
  private final String name;
  private volatile String description = "";
  private volatile String defaultBranch;
  private final Map<String, Map<String, byte[]>> trees = new ConcurrentHashMap<>();
  private final Map<String, JsonObject> commits = new ConcurrentHashMap<>();
  private final Map<String, String> names = new ConcurrentHashMap<>();
  private final Map<String, String> branches = new ConcurrentHashMap<>();
  private final Map<String, String> tags = new ConcurrentHashMap<>();
  private final BlobIndex blobs = new BlobIndex();
  /** The snapshot ids that are full SHAs, which a SHA prefix may name (kept as snapshots are added). */
  private final Set<String> shaIds = ConcurrentHashMap.newKeySet();
  /**
   * Directory listings already worked out, per snapshot id and directory: a listing scans every path of
   * the snapshot (2,000 in the benchmarks' history). A snapshot's map is replaced whenever its files
   * change, so a listing computed from the files before the change is never served after it.
   */
  private final Map<String, Map<String, Object>> listings = new ConcurrentHashMap<>();
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
    put(id, tree);
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
    put(names.get(ref), Map.of(path, content));
    return this;
  }

  /** The commit a name (resolved only as written) answers. */
  public SimRepository commit(String ref, JsonObject commit) {
    names.putIfAbsent(ref, ref);
    commits.put(names.get(ref), commit);
    return this;
  }

  /** Adds or replaces files of a snapshot, keeping the blob index and the SHA ids in step. */
  private synchronized void put(String id, Map<String, byte[]> files) {
    Map<String, byte[]> tree = trees.computeIfAbsent(id, k -> new ConcurrentHashMap<>());
    if (FULL_SHA.matcher(id).matches()) {
      shaIds.add(id);
    }
    files.forEach((path, content) -> {
      byte[] old = tree.put(path, content);
      if (old != content) {
        blobs.hold(content);
        if (old != null) {
          blobs.release(old);
        }
      }
    });
    listings.put(id, new ConcurrentHashMap<>());
  }

  // ---- reading

  /** The files at ref; empty when the ref names nothing with files. */
  Optional<Map<String, byte[]>> tree(String ref) {
    return resolve(ref).map(trees::get);
  }

  /** A file any snapshot of this repository holds whose git blob id is oid. */
  Optional<byte[]> blob(String oid) {
    return blobs.find(oid);
  }

  /** A file's git blob id, without hashing it again when a snapshot holds this very array. */
  String blobId(byte[] content) {
    return blobs.oidOf(content);
  }

  /**
   * What list makes of the files of snapshot id for directory dir, worked out once per snapshot and
   * directory while the snapshot's files stay as they are. list must not depend on anything else.
   */
  @SuppressWarnings("unchecked")
  <T> T listing(String id, String dir, Function<Map<String, byte[]>, T> list) {
    Map<String, Object> known = listings.get(id);
    Map<String, byte[]> files = trees.get(id);
    if (known == null || files == null) {
      return list.apply(files == null ? Map.of() : files);
    }
    return (T) known.computeIfAbsent(dir, d -> list.apply(files));
  }

  /** A snapshot's files by its id (null: no such snapshot). */
  Map<String, byte[]> files(String id) {
    return trees.get(id);
  }

  /** The commit ref names; a full SHA also finds a commit scripted under another name. */
  Optional<JsonObject> commitAt(String ref) {
    Optional<JsonObject> named = resolve(ref).map(commits::get);
    if (named.isPresent() || ref == null || !FULL_SHA.matcher(ref).matches()) {
      return named;
    }
    return commits.values().stream().filter(c -> ref.equals(c.getString("sha"))).findFirst();
  }

  /** The snapshot a ref names, or the one whose commit has this full SHA (the trees API is asked by commit). */
  Optional<String> snapshotOf(String ref) {
    Optional<String> named = resolve(ref);
    if (named.isPresent() || ref == null || !FULL_SHA.matcher(ref).matches()) {
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
    return GitRefs.resolve(ref, defaultBranch, branches, tags, shaIds);
  }
}
