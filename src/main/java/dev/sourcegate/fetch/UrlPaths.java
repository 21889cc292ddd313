package dev.sourcegate.fetch;

import java.nio.charset.StandardCharsets;

/**
 * Paths are data, never URL syntax: every byte outside RFC 3986's unreserved set is percent-encoded,
 * so '?', '#', '%' or '..' in a profile's path cannot change which URL is asked.
 */
public final class UrlPaths {
  private UrlPaths() {}

  public static String encode(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 8);
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~') {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return sb.toString();
  }

  /** Encodes each '/'-separated segment and keeps the separators; empty segments are dropped. */
  public static String encodePath(String path) {
    StringBuilder sb = new StringBuilder();
    for (String segment : path.split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append('/');
      }
      sb.append(encode(segment));
    }
    return sb.toString();
  }

  /** A base URL without its trailing slash, so paths can be appended with one. */
  public static String base(java.net.URI uri) {
    String s = uri.toString();
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }
}
