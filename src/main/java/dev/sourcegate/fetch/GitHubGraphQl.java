package dev.sourcegate.fetch;

import dev.sourcegate.bus.Messages.CommitOutcome;
import dev.sourcegate.bus.Messages.FetchedCommit;
import dev.sourcegate.fetch.graphql.Answer;
import dev.sourcegate.fetch.graphql.CommitFacts;
import dev.sourcegate.fetch.graphql.CommitQuery;
import dev.sourcegate.fetch.graphql.GraphQlClient;
import dev.sourcegate.fetch.graphql.QueryAnswers;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.RepoRef;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * GitHub's GraphQL API as the GitHub provider uses it: many look-ups in one call. A whole query that
 * fails (GraphQL not available, its points spent, any other failure of the call) fails the batch, and
 * the fetcher then reads the same look-ups over REST, one at a time as before, so the answers stay
 * REST's answers.
 */
final class GitHubGraphQl {
  private final GraphQlClient client;

  GitHubGraphQl(GraphQlClient client) {
    this.client = client;
  }

  /**
   * Each ref's commit (as given, then as a branch, then as a tag), in order; refs split above the query
   * limit. A ref no query can carry (empty, or holding ':') is left unasked, for REST to answer as before.
   */
  Future<List<CommitOutcome>> commits(ProviderCall call, RepoRef where, List<String> refs) {
    if (call.token() == null || call.token().isEmpty()) {
      // GitHub's GraphQL API answers 401 to every call without a token: REST serves anonymous reads
      return Future.failedFuture(new RpcException(Code.UNAUTHENTICATED, "GitHub's GraphQL API needs a token"));
    }
    List<String> askable = refs.stream().filter(GitHubGraphQl::askable).toList();
    List<CommitQuery> queries;
    try {
      queries = CommitQuery.plan(where.owner(), where.repo(), askable);
    } catch (RpcException refused) {
      return Future.failedFuture(refused);
    }
    List<Future<QueryAnswers<CommitFacts>>> sent = new ArrayList<>();
    for (CommitQuery q : queries) {
      sent.add(client.commits(call.token(), q, call.deadline()).compose(a -> a.failure() == null ? Future.succeededFuture(a)
          : Future.failedFuture(new RpcException(Code.UNAVAILABLE, a.response().failureMessage()))));
    }
    return Future.all(sent).map(all -> {
      List<Answer<CommitFacts>> answers = new ArrayList<>();
      sent.forEach(f -> answers.addAll(f.result().answers()));
      List<CommitOutcome> out = new ArrayList<>();
      int next = 0;
      for (String ref : refs) {
        out.add(askable(ref) ? outcome(answers.get(next++), ref) : CommitOutcome.unasked());
      }
      return out;
    });
  }

  private static boolean askable(String ref) {
    return !ref.isEmpty() && ref.indexOf(':') < 0;
  }

  /** The same codes and messages the REST path gives for the same commit. */
  static CommitOutcome outcome(Answer<CommitFacts> answer, String ref) {
    if (answer instanceof Answer.Found<CommitFacts> found) {
      CommitFacts c = found.value();
      if (c.message().isEmpty() || c.date().isEmpty()) {
        return new CommitOutcome(null, Code.INTERNAL, "commit has no message or date");
      }
      return new CommitOutcome(new FetchedCommit(c.sha(), c.message(), c.date(), c.htmlUrl(), c.login(), c.avatarUrl()), null, null);
    }
    if (answer instanceof Answer.Failed<CommitFacts> failed) {
      Code code = switch (failed.type()) {
        case "NOT_FOUND" -> Code.NOT_FOUND;
        case "FORBIDDEN" -> Code.PERMISSION_DENIED;
        default -> Code.UNKNOWN;
      };
      return new CommitOutcome(null, code, code == Code.NOT_FOUND ? "commit " + ref + " not found"
          : code == Code.PERMISSION_DENIED ? "GitHub denied access to commit " + ref
          : "GitHub answered an error for commit " + ref);
    }
    return new CommitOutcome(null, Code.NOT_FOUND, "commit " + ref + " not found");
  }
}
