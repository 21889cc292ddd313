package dev.sourcegate.api;

import io.vertx.core.http.HttpHeaders;

/**
 * The header names (and the few fixed values) read or written on every RPC, made once. Vert.x hashes a
 * header name on every look-up and every put; a String name is hashed character by character each time
 * (case-insensitively), while these keep their hash, and the encoder copies their bytes as they are.
 * Case-insensitive like any name, so they find whatever spelling the client used.
 */
final class HeaderNames {
  private HeaderNames() {}

  // names only looked up: Vert.x's own (lower case; a look-up ignores case)
  static final CharSequence ACCEPT_ENCODING = HttpHeaders.ACCEPT_ENCODING;
  static final CharSequence CONTENT_LENGTH = HttpHeaders.CONTENT_LENGTH;
  static final CharSequence TRANSFER_ENCODING = HttpHeaders.TRANSFER_ENCODING;
  static final CharSequence COOKIE = HttpHeaders.COOKIE;
  static final CharSequence PROTOCOL_VERSION = HttpHeaders.createOptimized(ConnectHeaders.PROTOCOL_VERSION);
  static final CharSequence TIMEOUT_MS = HttpHeaders.createOptimized(ConnectHeaders.TIMEOUT_MS);
  static final CharSequence TENANT = HttpHeaders.createOptimized(Tenancy.HEADER);

  // names also written, and the values written: spelled as the gateway has always sent them
  static final CharSequence CONTENT_TYPE = HttpHeaders.createOptimized("Content-Type");
  static final CharSequence CONTENT_ENCODING = HttpHeaders.createOptimized("Content-Encoding");
  static final CharSequence CONNECTION = HttpHeaders.createOptimized("Connection");
  static final CharSequence VARY = HttpHeaders.createOptimized("Vary");
  static final CharSequence REQUEST_ID = HttpHeaders.createOptimized("X-Request-Id");
  static final CharSequence ACCEPT_ENCODING_VALUE = HttpHeaders.createOptimized("Accept-Encoding");
  static final CharSequence GZIP = HttpHeaders.createOptimized("gzip");
  static final CharSequence CLOSE = HttpHeaders.createOptimized("close");
}
