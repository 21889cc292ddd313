package dev.sourcegate.fetch.graphql;

import dev.sourcegate.fetch.ssrf.UpstreamResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import dev.sourcegate.source.CommitSha;

/** Reads a {@link BlobQuery}'s answer: one {@link Answer} per look-up, in the query's order. */
public final class BlobAnswers {
  private BlobAnswers() {}

  public static QueryAnswers<GitBlob> read(BlobQuery query, UpstreamResponse res) {
    GraphQlResponse response = GraphQlResponse.read(res);
    if (response.failure() != null) {
      return new QueryAnswers<>(response, List.of());
    }
    List<Answer<GitBlob>> out = new ArrayList<>();
    for (int i = 0; i < query.lookups().size(); i++) {
      out.add(answer(response, query.repositoryAlias(i), BlobQuery.objectAlias(i)));
    }
    return new QueryAnswers<>(response, List.copyOf(out));
  }

  /** The page of look-up i's repository ({@code repository.url}), when the answer holds it. */
  public static Optional<String> repositoryUrl(BlobQuery query, GraphQlResponse response, int i) {
    if (response.failure() != null || !(response.data().getValue(query.repositoryAlias(i)) instanceof JsonObject repository)) {
      return Optional.empty();
    }
    return repository.getValue("url") instanceof String url && !url.isEmpty() ? Optional.of(url) : Optional.empty();
  }

  /** The commit look-up i's ref names (a tag peeled to its commit), when the answer holds it. */
  public static Optional<String> commitOid(BlobQuery query, GraphQlResponse response, int i) {
    if (response.failure() != null || query.commitAlias(i) == null
        || !(response.data().getValue(query.repositoryAlias(i)) instanceof JsonObject repository)
        || !(repository.getValue(query.commitAlias(i)) instanceof JsonObject object)) {
      return Optional.empty();
    }
    Object oid = object.getValue("oid");
    if (oid == null && object.getValue("target") instanceof JsonObject target) {
      oid = target.getValue("oid");
    }
    return oid instanceof String sha && CommitSha.isFull(sha) ? Optional.of(sha.toLowerCase(Locale.ROOT)) : Optional.empty();
  }

  /**
   * GitHub documents no bound on {@code Tree.entries} and says nothing when it would cut one; a root
   * this crowded is rare, and a listing that might be cut is not trusted to say a name is absent.
   */
  static final int MAX_TRUSTED_ENTRIES = 1000;

  /**
   * The top of the tree look-up i's ref names, when the answer holds it whole: nothing when the query
   * failed, the repository or ref is not there, the expression is not a tree, GitHub filed an error on it
   * or its repository, or any entry lacks its name or kind. Only a listing read in full may later say
   * that a path is absent.
   */
  public static Optional<RootListing> rootListing(BlobQuery query, GraphQlResponse response, int i) {
    String repoAlias = query.repositoryAlias(i);
    String alias = query.rootAlias(i);
    if (alias == null || response.failure() != null || response.errorAt(repoAlias) != null || response.errorAt(repoAlias, alias) != null
        || !(response.data().getValue(repoAlias) instanceof JsonObject repository)
        || !(repository.getValue(alias) instanceof JsonObject tree)
        || !(tree.getValue("entries") instanceof JsonArray entries)
        || entries.size() >= MAX_TRUSTED_ENTRIES) {
      return Optional.empty();
    }
    Map<String, String> typeByName = new HashMap<>();
    for (Object e : entries) {
      if (!(e instanceof JsonObject entry) || !(entry.getValue("name") instanceof String name) || name.isEmpty()
          || !(entry.getValue("type") instanceof String type) || type.isEmpty()) {
        return Optional.empty();
      }
      typeByName.put(name, type);
    }
    return Optional.of(new RootListing(typeByName));
  }

  private static Answer<GitBlob> answer(GraphQlResponse response, String repoAlias, String alias) {
    if (!(response.data().getValue(repoAlias) instanceof JsonObject repository)) {
      return Aliases.failedOrMissing(response, repoAlias);
    }
    if (!(repository.getValue(alias) instanceof JsonObject blob)) {
      return Aliases.failedOrMissing(response, repoAlias, alias);
    }
    // a directory answers a Tree, which selects nothing of a Blob: not a file, as REST says
    if (!(blob.getValue("oid") instanceof String oid) || !(blob.getValue("byteSize") instanceof Number size)) {
      return new Answer.Missing<>();
    }
    return new Answer.Found<>(new GitBlob(oid, size.longValue(), Boolean.TRUE.equals(blob.getValue("isBinary")),
        Boolean.TRUE.equals(blob.getValue("isTruncated")), blob.getValue("text") instanceof String t ? t : null));
  }
}
