package dev.sourcegate.fetch.graphql;

import dev.sourcegate.rpc.RpcException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One GraphQL query for many files: every (repository, ref, path) look-up is an aliased {@code
 * object(expression: "REF:PATH")} inside an aliased {@code repository(owner:, name:)} block (one block
 * per repository), asking {@code oid byteSize isBinary isTruncated text} of a Blob, plus the query's
 * {@code rateLimit}. Look-up i answers under {@code data.<repositoryAlias(i)>.f<i>}. Each repository block
 * also asks the repository's {@code url} and, once per distinct ref, the commit the ref names (an aliased
 * {@code object(expression: "REF")}), so one query says at which commit every file was read, and the
 * names at the top of that commit's tree ({@code object(expression: "REF:")} as a Tree's {@code entries}):
 * one level, a few dozen names, from which later look-ups at that commit that cannot exist are known
 * without asking ({@link RootListing}). A blob asked by its oid ({@link OidLookup}) is an aliased
 * {@code object(oid:)} in its repository's block, with its text: it has no ref, so no commit and no listing.
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
  /** A look-up whose bytes the gateway may already hold asks only which blob the file is (no text). */
  static final String OID_ONLY = "... on Blob { oid byteSize isBinary isTruncated }";

  /** A ref's commit: a Commit as it is, an annotated Tag peeled once (REST's commits/{ref} peels it too). */
  static final String COMMIT_OID = "... on Commit { oid } ... on Tag { target { ... on Commit { oid } } }";

  private static final java.util.regex.Pattern OID = java.util.regex.Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

  /** A ref's root directory: each entry's name and kind (blob, tree, commit). */
  static final String ROOT_ENTRIES = "... on Tree { entries { name type } }";

  private final List<Lookup> lookups;
  private final boolean[] oidOnly;
  private final List<String> repositoryAliases;
  /** Per look-up, the alias of its ref's commit object inside its repository block. */
  private final List<String> commitAliases;
  /** Per look-up, the alias of its ref's root tree inside its repository block. */
  private final List<String> rootAliases;
  private final String text;

  private BlobQuery(List<? extends Lookup> lookups, Predicate<? super Lookup> withoutText) {
    this.lookups = List.copyOf(lookups);
    this.oidOnly = new boolean[lookups.size()];
    for (int i = 0; i < lookups.size(); i++) {
      // a blob asked by oid is asked for its bytes: that is all it is for
      oidOnly[i] = lookups.get(i) instanceof FileLookup && withoutText.test(lookups.get(i));
    }
    Map<String, String> aliasByRepo = new LinkedHashMap<>();
    Map<String, List<Integer>> members = new LinkedHashMap<>();
    List<String> aliases = new ArrayList<>();
    for (int i = 0; i < lookups.size(); i++) {
      Lookup l = lookups.get(i);
      check(l);
      String alias = aliasByRepo.computeIfAbsent(l.repoKey(), k -> "r" + aliasByRepo.size());
      aliases.add(alias);
      members.computeIfAbsent(alias, k -> new ArrayList<>()).add(i);
    }
    this.repositoryAliases = List.copyOf(aliases);
    String[] commitAlias = new String[lookups.size()];
    String[] rootAlias = new String[lookups.size()];
    QueryWriter w = new QueryWriter();
    members.forEach((alias, indexes) -> {
      Lookup first = lookups.get(indexes.get(0));
      // url: the repository's page as GitHub spells it (its owner's and name's case), which file links start with
      w.repository(alias, first.owner(), first.repo()).field("url");
      Map<String, String> refAliases = new LinkedHashMap<>();
      for (int i : indexes) {
        if (lookups.get(i) instanceof FileLookup l) {
          w.object(objectAlias(i), l.ref() + ":" + l.path(), "path", oidOnly[i] ? OID_ONLY : "...blob");
          commitAlias[i] = refAliases.computeIfAbsent(l.ref(), r -> "c" + i);
          rootAlias[i] = "t" + commitAlias[i].substring(1);
        } else if (lookups.get(i) instanceof OidLookup b) {
          w.objectByOid(objectAlias(i), b.oid(), "...blob");
        }
      }
      refAliases.forEach((ref, c) -> {
        w.object(c, ref, "ref", COMMIT_OID);
        w.object("t" + c.substring(1), ref + ":", "ref", ROOT_ENTRIES);
      });
    });
    this.commitAliases = java.util.Arrays.asList(commitAlias);
    this.rootAliases = java.util.Arrays.asList(rootAlias);
    boolean anyText = false;
    for (boolean o : oidOnly) {
      anyText |= !o;
    }
    // GraphQL refuses a query that defines a fragment it does not use
    this.text = anyText ? w.finish(FRAGMENT) : w.finish();
  }

  /** One query for at most {@link #MAX_OBJECTS} look-ups. */
  public static BlobQuery of(List<? extends Lookup> lookups) {
    return of(lookups, l -> false);
  }

  /** As {@link #of(List)}, the look-ups withoutText says yes to asking only oid, size and kind. */
  public static BlobQuery of(List<? extends Lookup> lookups, Predicate<? super Lookup> withoutText) {
    if (lookups.isEmpty() || lookups.size() > MAX_OBJECTS) {
      throw new IllegalArgumentException("a query holds 1 to " + MAX_OBJECTS + " look-ups, not " + lookups.size());
    }
    return new BlobQuery(lookups, withoutText);
  }

  /** As few queries as the limit allows, the look-ups in order. */
  public static List<BlobQuery> plan(List<? extends Lookup> lookups) {
    return plan(lookups, l -> false);
  }

  /** As {@link #plan(List)}, the look-ups withoutText says yes to asking no text. */
  public static List<BlobQuery> plan(List<? extends Lookup> lookups, Predicate<? super Lookup> withoutText) {
    List<BlobQuery> out = new ArrayList<>();
    for (int from = 0; from < lookups.size(); from += MAX_OBJECTS) {
      out.add(of(lookups.subList(from, Math.min(lookups.size(), from + MAX_OBJECTS)), withoutText));
    }
    return out;
  }

  /**
   * Refuses, as building a query holding it would, a look-up no query may carry. {@link TokenQueryQueue}
   * asks it of each caller's own look-ups before they join other callers' in one query: a refusal found
   * only while building the joined query would fail every caller in it.
   */
  /** Whether a query may carry the look-up (see {@link #checkAskable}), without throwing. */
  public static boolean askable(Lookup lookup) {
    try {
      checkAskable(lookup);
      return true;
    } catch (RuntimeException refused) {
      return false;
    }
  }

  static void checkAskable(Lookup lookup) {
    check(lookup);
    GraphQlStrings.quote(lookup.owner(), "owner");
    GraphQlStrings.quote(lookup.repo(), "repository name");
    if (lookup instanceof FileLookup l) {
      // covers the ref's own expressions ("REF", "REF:") too: the checks are per character, ':' is fine
      GraphQlStrings.quote(l.ref() + ":" + l.path(), "path");
    }
  }

  /** A ref holding ':' would move the split between ref and path; git refuses such refs anyway. */
  private static void check(Lookup lookup) {
    if (lookup instanceof OidLookup b) {
      if (!OID.matcher(b.oid()).matches()) {
        throw RpcException.invalidArgument("a blob oid must be 40 or 64 lowercase hex digits");
      }
      return;
    }
    FileLookup l = (FileLookup) lookup;
    if (l.ref().isEmpty() || l.ref().indexOf(':') >= 0) {
      throw RpcException.invalidArgument("a ref must be non-empty and hold no ':'");
    }
    if (l.path().isEmpty()) {
      throw RpcException.invalidArgument("empty path");
    }
  }

  public List<Lookup> lookups() {
    return lookups;
  }

  /** Whether look-up i asked no text (its bytes come from the content store or a read by oid). */
  public boolean oidOnly(int i) {
    return oidOnly[i];
  }

  public String text() {
    return text;
  }

  String repositoryAlias(int i) {
    return repositoryAliases.get(i);
  }

  /** Null for a blob asked by oid: no ref, no commit. */
  String commitAlias(int i) {
    return commitAliases.get(i);
  }

  String rootAlias(int i) {
    return rootAliases.get(i);
  }

  static String objectAlias(int i) {
    return "f" + i;
  }
}
