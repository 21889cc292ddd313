package dev.sourcegate.fetch.graphql;

import dev.sourcegate.rpc.RpcException;

/**
 * Refs and paths come from profiles, so they enter a query only as GraphQL string literals (spec section
 * 2.9.4): the quote and the backslash are escaped, control characters and unpaired surrogates are
 * refused (no file or ref name legitimately holds one, and a newline could end the literal), and every
 * other character is written as it is (the query travels as UTF-8 JSON).
 */
final class GraphQlStrings {
  private GraphQlStrings() {}

  /** value as a quoted GraphQL string; invalid_argument naming what when it holds a control character. */
  static String quote(String value, String what) {
    StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
        throw RpcException.invalidArgument(what + " holds a control character");
      }
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        sb.append(c).append(value.charAt(++i));
        continue;
      }
      if (Character.isSurrogate(c)) {
        throw RpcException.invalidArgument(what + " is not valid Unicode");
      }
      if (c == '"' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.append('"').toString();
  }
}
