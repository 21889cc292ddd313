package dev.sourcegate.fetch.graphql;

/**
 * What one aliased look-up of a query answered: found, missing (null: no such file or ref, or not a
 * file), or failed with the error GitHub filed under the alias or its repository (type NOT_FOUND for a
 * repository the token cannot read, FORBIDDEN, ...).
 */
public sealed interface Answer<T> {
  record Found<T>(T value) implements Answer<T> {}

  record Missing<T>() implements Answer<T> {}

  record Failed<T>(String type, String message) implements Answer<T> {}
}
