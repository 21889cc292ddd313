package dev.sourcegate.demo.github;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds a repository's history one commit at a time, as git records it: each commit's tree is its
 * parent's with some files changed, added or removed. A file a commit does not touch keeps the very same
 * bytes (so the same blob id) at every later commit, which is what a content-addressed cache relies on.
 * The benchmarks build a 40-commit, 2,000-file history with it; a test scripting a few files keeps using
 * {@link SimRepository#snapshot}.
 */
public final class HistoryBuilder {
  private final SimRepository repo;
  private Map<String, byte[]> tree = new HashMap<>();
  private String head;

  public HistoryBuilder(SimRepository repo) {
    this.repo = repo;
  }

  /**
   * One commit on top of the previous one: {@code changed} files replace or add, a null value removes
   * the file; {@code commit} is the commit as GitHub's API shows it (null: none known).
   */
  public HistoryBuilder commit(String sha, Map<String, byte[]> changed, JsonObject commit) {
    Map<String, byte[]> next = new HashMap<>(tree);
    changed.forEach((path, content) -> {
      if (content == null) {
        next.remove(path);
      } else {
        next.put(path, content);
      }
    });
    tree = next;
    head = sha;
    repo.snapshot(sha, next, commit);
    return this;
  }

  /** The last commit built (null before the first). */
  public String head() {
    return head;
  }

  /** The repository, to name branches and tags. */
  public SimRepository repository() {
    return repo;
  }
}
