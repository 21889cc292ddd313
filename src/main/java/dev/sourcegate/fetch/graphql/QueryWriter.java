package dev.sourcegate.fetch.graphql;

/**
 * Writes one GraphQL query of aliased look-ups: {@code repository(owner:, name:)} blocks holding aliased
 * {@code object(expression:)} fields, the {@code rateLimit} the answer should report, and named
 * fragments. Aliases are generated ({@code r0}, {@code f12}, ...): always valid GraphQL names, never user
 * data; user data enters only through {@link GraphQlStrings#quote}.
 */
final class QueryWriter {
  static final String RATE_LIMIT = "rateLimit { cost remaining resetAt }";

  private final StringBuilder text = new StringBuilder(256).append("query {");
  private boolean inRepository;

  QueryWriter repository(String alias, String owner, String name) {
    closeRepository();
    text.append(' ').append(alias).append(": repository(owner: ").append(GraphQlStrings.quote(owner, "owner"))
        .append(", name: ").append(GraphQlStrings.quote(name, "repository name")).append(") {");
    inRepository = true;
    return this;
  }

  /** A plain field of the open repository (e.g. url). */
  QueryWriter field(String name) {
    text.append(' ').append(name);
    return this;
  }

  /** An aliased object(expression:) of the open repository, selecting selection (e.g. "...blob"). */
  QueryWriter object(String alias, String expression, String what, String selection) {
    text.append(' ').append(alias).append(": object(expression: ").append(GraphQlStrings.quote(expression, what))
        .append(") { ").append(selection).append(" }");
    return this;
  }

  /** An aliased object(oid:) of the open repository; oid is checked hex, quoted all the same. */
  QueryWriter objectByOid(String alias, String oid, String selection) {
    text.append(' ').append(alias).append(": object(oid: ").append(GraphQlStrings.quote(oid, "oid"))
        .append(") { ").append(selection).append(" }");
    return this;
  }

  private void closeRepository() {
    if (inRepository) {
      text.append(" }");
      inRepository = false;
    }
  }

  /** Ends the query with rateLimit and the given fragment definitions. */
  String finish(String... fragments) {
    closeRepository();
    text.append(' ').append(RATE_LIMIT).append(" }");
    for (String f : fragments) {
      text.append(' ').append(f);
    }
    return text.toString();
  }
}
