package dev.sourcegate.fetch.graphql;

import dev.sourcegate.rpc.RpcException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One GraphQL query for many files: every (repository, ref, path) look-up is an aliased {@code
 * object(expression: "REF:PATH")} inside an aliased {@code repository(owner:, name:)} block (one block
 * per repository), asking {@code oid byteSize isBinary isTruncated text} of a Blob, plus the query's
 * {@code rateLimit}. Look-up i answers under {@code data.<repositoryAlias(i)>.f<i>}.
 */
public final class BlobQuery {
  /**
   * Object look-ups per query; {@link #plan} splits above it. GitHub's node limit counts connection
   * nodes and these queries have none, but every look-up reads a blob and GitHub stops a query after
   * about ten seconds: 150 keeps one query far from that, lets one query hold GetCommits' three spellings
   * of the default 50 refs (SOURCEGATE_MAX_REFS), and keeps the body near 20 KB.
   */
  public static final int MAX_OBJECTS = 150;
  static final String FRAGMENT = "fragment blob on Blob { oid byteSize isBinary isTruncated text }";

  private final List<FileLookup> lookups;
  private final List<String> repositoryAliases;
  private final String text;

  private BlobQuery(List<FileLookup> lookups) {
    this.lookups = List.copyOf(lookups);
    Map<String, String> aliasByRepo = new LinkedHashMap<>();
    Map<String, List<Integer>> members = new LinkedHashMap<>();
    List<String> aliases = new ArrayList<>();
    for (int i = 0; i < lookups.size(); i++) {
      FileLookup l = lookups.get(i);
      check(l);
      String alias = aliasByRepo.computeIfAbsent(l.repoKey(), k -> "r" + aliasByRepo.size());
      aliases.add(alias);
      members.computeIfAbsent(alias, k -> new ArrayList<>()).add(i);
    }
    this.repositoryAliases = List.copyOf(aliases);
    QueryWriter w = new QueryWriter();
    members.forEach((alias, indexes) -> {
      FileLookup first = lookups.get(indexes.get(0));
      w.repository(alias, first.owner(), first.repo());
      for (int i : indexes) {
        FileLookup l = lookups.get(i);
        w.object(objectAlias(i), l.ref() + ":" + l.path(), "path", "...blob");
      }
    });
    this.text = w.finish(FRAGMENT);
  }

  /** One query for at most {@link #MAX_OBJECTS} look-ups. */
  public static BlobQuery of(List<FileLookup> lookups) {
    if (lookups.isEmpty() || lookups.size() > MAX_OBJECTS) {
      throw new IllegalArgumentException("a query holds 1 to " + MAX_OBJECTS + " look-ups, not " + lookups.size());
    }
    return new BlobQuery(lookups);
  }

  /** As few queries as the limit allows, the look-ups in order. */
  public static List<BlobQuery> plan(List<FileLookup> lookups) {
    List<BlobQuery> out = new ArrayList<>();
    for (int from = 0; from < lookups.size(); from += MAX_OBJECTS) {
      out.add(of(lookups.subList(from, Math.min(lookups.size(), from + MAX_OBJECTS))));
    }
    return out;
  }

  /** A ref holding ':' would move the split between ref and path; git refuses such refs anyway. */
  private static void check(FileLookup l) {
    if (l.ref().isEmpty() || l.ref().indexOf(':') >= 0) {
      throw RpcException.invalidArgument("a ref must be non-empty and hold no ':'");
    }
    if (l.path().isEmpty()) {
      throw RpcException.invalidArgument("empty path");
    }
  }

  public List<FileLookup> lookups() {
    return lookups;
  }

  public String text() {
    return text;
  }

  String repositoryAlias(int i) {
    return repositoryAliases.get(i);
  }

  static String objectAlias(int i) {
    return "f" + i;
  }
}
