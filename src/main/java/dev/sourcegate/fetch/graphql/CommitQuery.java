package dev.sourcegate.fetch.graphql;

import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.CommitSha;
import java.util.ArrayList;
import java.util.List;

/**
 * One GraphQL query for the commits of several refs of one repository (GetCommit, GetCommits). A ref is
 * asked under the spellings the REST path tries one after another ({@link #spellings}), each an aliased
 * {@code object(expression:)}: ref i, spelling k answers under {@code data.repository.c<i>_<k>}. An
 * annotated tag answers a Tag, so its target commit is asked too.
 */
public final class CommitQuery {
  static final String FRAGMENT = "fragment commit on Commit { oid message committedDate url"
      + " author { name email date avatarUrl user { login avatarUrl } } }";
  static final String SELECTION = "...commit ... on Tag { target { ...commit } }";

  private final String owner;
  private final String repo;
  private final List<String> refs;
  private final String text;

  private CommitQuery(String owner, String repo, List<String> refs) {
    this.owner = owner;
    this.repo = repo;
    this.refs = List.copyOf(refs);
    QueryWriter w = new QueryWriter().repository("repository", owner, repo);
    for (int i = 0; i < refs.size(); i++) {
      List<String> spellings = spellings(refs.get(i));
      for (int k = 0; k < spellings.size(); k++) {
        w.object(alias(i, k), spellings.get(k), "ref", SELECTION);
      }
    }
    this.text = w.finish(FRAGMENT);
  }

  /**
   * The ref as given, then as a branch, then as a tag; the first that names a commit wins. A full SHA
   * is asked as it is: it can only name itself.
   */
  public static List<String> spellings(String ref) {
    return CommitSha.isFull(ref) ? List.of(ref) : List.of(ref, "refs/heads/" + ref, "refs/tags/" + ref);
  }

  /** As few queries as {@link BlobQuery#MAX_OBJECTS} allows, refs in order (a ref's spellings stay together). */
  public static List<CommitQuery> plan(String owner, String repo, List<String> refs) {
    List<CommitQuery> out = new ArrayList<>();
    List<String> batch = new ArrayList<>();
    int objects = 0;
    for (String ref : refs) {
      if (ref.isEmpty() || ref.indexOf(':') >= 0) {
        throw RpcException.invalidArgument("a ref must be non-empty and hold no ':'");
      }
      int n = spellings(ref).size();
      if (objects + n > BlobQuery.MAX_OBJECTS) {
        out.add(new CommitQuery(owner, repo, batch));
        batch = new ArrayList<>();
        objects = 0;
      }
      batch.add(ref);
      objects += n;
    }
    if (!batch.isEmpty()) {
      out.add(new CommitQuery(owner, repo, batch));
    }
    return out;
  }

  static String alias(int ref, int spelling) {
    return "c" + ref + "_" + spelling;
  }

  public String owner() {
    return owner;
  }

  public String repo() {
    return repo;
  }

  public List<String> refs() {
    return refs;
  }

  public String text() {
    return text;
  }
}
