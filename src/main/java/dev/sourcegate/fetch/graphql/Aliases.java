package dev.sourcegate.fetch.graphql;

/** What a null under an alias means: the error GitHub filed there (or on its repository), else missing. */
final class Aliases {
  private Aliases() {}

  static <T> Answer<T> failedOrMissing(GraphQlResponse response, String... path) {
    GraphQlResponse.Error error = response.errorAt(path);
    if (error == null && path.length > 1) {
      error = response.errorAt(path[0]);
    }
    return error == null ? new Answer.Missing<>() : new Answer.Failed<>(error.type(), error.message());
  }
}
