package dev.sourcegate.fetch.registry;

import java.nio.charset.StandardCharsets;

/** A pax extended header ({@code "<length> <key>=<value>\n"} records): only its {@code path} matters here. */
final class PaxHeader {
  private PaxHeader() {}

  /** The path record's value, or null when the header has none. */
  static String path(byte[] header) {
    int at = 0;
    while (at < header.length) {
      int space = indexOf(header, (byte) ' ', at);
      if (space < 0) {
        break;
      }
      int length;
      try {
        length = Integer.parseInt(new String(header, at, space - at, StandardCharsets.US_ASCII));
      } catch (NumberFormatException e) {
        throw ArchiveRefused.corrupt("the archive has a malformed pax header");
      }
      if (length <= space - at || at + length > header.length) {
        throw ArchiveRefused.corrupt("the archive has a malformed pax header");
      }
      String record = new String(header, space + 1, at + length - space - 2, StandardCharsets.UTF_8);
      if (record.startsWith("path=")) {
        return record.substring("path=".length());
      }
      at += length;
    }
    return null;
  }

  private static int indexOf(byte[] b, byte c, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }
}
