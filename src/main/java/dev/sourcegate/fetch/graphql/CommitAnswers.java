package dev.sourcegate.fetch.graphql;

import dev.sourcegate.fetch.ssrf.UpstreamResponse;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@link CommitQuery}'s answer, one {@link Answer} per ref in the query's order: the first spelling
 * that names a commit wins (an annotated tag gives its target); none found is missing, unless GitHub
 * filed an error under a spelling or the repository, which is then the answer.
 */
public final class CommitAnswers {
  private CommitAnswers() {}

  public static QueryAnswers<CommitFacts> read(CommitQuery query, UpstreamResponse res) {
    GraphQlResponse response = GraphQlResponse.read(res);
    if (response.failure() != null) {
      return new QueryAnswers<>(response, List.of());
    }
    List<Answer<CommitFacts>> out = new ArrayList<>();
    Object repository = response.data().getValue("repository");
    for (int i = 0; i < query.refs().size(); i++) {
      out.add(repository instanceof JsonObject repo ? answer(response, repo, i, CommitQuery.spellings(query.refs().get(i)).size())
          : Aliases.failedOrMissing(response, "repository"));
    }
    return new QueryAnswers<>(response, List.copyOf(out));
  }

  private static Answer<CommitFacts> answer(GraphQlResponse response, JsonObject repo, int ref, int spellings) {
    Answer<CommitFacts> last = new Answer.Missing<>();
    for (int k = 0; k < spellings; k++) {
      String alias = CommitQuery.alias(ref, k);
      Object object = repo.getValue(alias);
      JsonObject commit = object instanceof JsonObject o && o.getValue("target") instanceof JsonObject target ? target
          : object instanceof JsonObject o ? o : null;
      if (commit != null && commit.getValue("oid") instanceof String) {
        return new Answer.Found<>(facts(commit));
      }
      Answer<CommitFacts> here = Aliases.failedOrMissing(response, "repository", alias);
      if (here instanceof Answer.Failed<CommitFacts>) {
        last = here;
      }
    }
    return last;
  }

  private static CommitFacts facts(JsonObject c) {
    JsonObject author = c.getValue("author") instanceof JsonObject a ? a : new JsonObject();
    JsonObject user = author.getValue("user") instanceof JsonObject u ? u : new JsonObject();
    String login = user.getValue("login") instanceof String l ? l : "";
    String avatar = user.getValue("avatarUrl") instanceof String a ? a : "";
    if (login.isEmpty() || avatar.isEmpty()) {
      login = "";
      avatar = "";
    }
    return new CommitFacts(c.getString("oid"), c.getValue("message") instanceof String m ? m : "",
        utc(author.getValue("date") instanceof String d ? d : ""), c.getValue("url") instanceof String u ? u : "", login, avatar);
  }

  /** GraphQL's GitTimestamp keeps the author's offset; REST writes the instant in UTC ("...Z"). */
  static String utc(String gitTimestamp) {
    try {
      return DateTimeFormatter.ISO_INSTANT.format(OffsetDateTime.parse(gitTimestamp).withOffsetSameInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return gitTimestamp;
    }
  }
}
