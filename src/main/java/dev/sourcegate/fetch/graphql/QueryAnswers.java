package dev.sourcegate.fetch.graphql;

import java.util.List;

/**
 * A query's answer read back: one {@link Answer} per look-up in the query's order, or none when the
 * query failed as a whole ({@link #failure}).
 */
public record QueryAnswers<T>(GraphQlResponse response, List<Answer<T>> answers) {
  /** The whole query's failure (then there are no answers); null when it was answered. */
  public GraphQlResponse.Failure failure() {
    return response.failure();
  }
}
