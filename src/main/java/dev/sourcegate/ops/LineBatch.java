package dev.sourcegate.ops;

import java.nio.charset.StandardCharsets;

/**
 * The access log writer's batch of lines as UTF-8 bytes, kept and reused from batch to batch. It knows
 * whether it holds only ASCII: such a batch is the same bytes in whatever charset the output stream uses,
 * so it can be written as is; any other batch has to go through the stream's own charset.
 */
final class LineBatch {
  private byte[] bytes;
  private int length;
  private boolean ascii = true;

  LineBatch(int initialCapacity) {
    bytes = new byte[initialCapacity];
  }

  /** The array, with room for `more` bytes after length(): write there, then set length(int). */
  byte[] room(int more) {
    if (bytes.length - length < more) {
      byte[] grown = new byte[Math.max(length + more, 2 * bytes.length)];
      System.arraycopy(bytes, 0, grown, 0, length);
      bytes = grown;
    }
    return bytes;
  }

  int length() {
    return length;
  }

  void length(int length) {
    this.length = length;
  }

  /** Appends one ASCII character. */
  void put(char c) {
    room(1)[length++] = (byte) c;
  }

  /** Appends ASCII bytes (the constant parts of a line). */
  void put(byte[] ascii) {
    System.arraycopy(ascii, 0, room(ascii.length), length, ascii.length);
    length += ascii.length;
  }

  /** Appends text as UTF-8; the text must not hold a lone surrogate (JSON text from JsonText never does). */
  void utf8(CharSequence text) {
    byte[] encoded = text.toString().getBytes(StandardCharsets.UTF_8);
    for (byte b : encoded) {
      if (b < 0) {
        ascii = false;
        break;
      }
    }
    System.arraycopy(encoded, 0, room(encoded.length), length, encoded.length);
    length += encoded.length;
  }

  /** Nothing but ASCII so far. */
  boolean ascii() {
    return ascii;
  }

  /** The bytes; valid up to length(). */
  byte[] array() {
    return bytes;
  }

  /** The first `length` bytes as text. */
  String text(int length) {
    return new String(bytes, 0, length, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
  }

  void clear() {
    length = 0;
    ascii = true;
  }
}
