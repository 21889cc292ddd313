package dev.sourcegate.api;

import dev.sourcegate.rpc.RpcException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * One cheap pass over a JSON request's raw bytes, before any parsing: they must be well-formed UTF-8
 * and must not nest deeper than {@link ConnectCodec#MAX_JSON_DEPTH}.
 *
 * <p>Why before the parser: Jackson's byte parser is lenient about UTF-8 (it takes overlong forms,
 * encoded surrogates and code points above U+10FFFF, in values and names alike), and a depth counted
 * here covers every value, unknown fields included. Both refusals also keep the precedence they had
 * when the body was decoded to a String first: not UTF-8 anywhere, then too deep (brackets outside
 * strings, counted even in a body that is not JSON), then everything else.
 */
final class JsonBytes {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private JsonBytes() {}

  static void check(byte[] in, int from, int to) {
    int depth = 0;
    int max = 0;
    int i = from;
    while (i < to) {
      int b = in[i++];
      if (b == '"') {
        i = afterString(in, i, to);
      } else if (b == '{' || b == '[') {
        max = Math.max(max, ++depth);
      } else if (b == '}' || b == ']') {
        depth--;
      } else if (b < 0) {
        i = afterCharacter(in, i - 1, to); // not JSON, but UTF-8 is checked first
      }
    }
    if (max > ConnectCodec.MAX_JSON_DEPTH) {
      throw RpcException.invalidArgument("request JSON nests deeper than " + ConnectCodec.MAX_JSON_DEPTH + " levels");
    }
  }

  /** The index after the quote closing the string whose content starts at i (to when it is not closed). */
  private static int afterString(byte[] in, int i, int to) {
    while (i < to) {
      if (to - i >= 8) {
        // the ASCII fast path: most of a body is string content with nothing to look at
        long special = special((long) LONGS.get(in, i));
        if (special == 0) {
          i += 8;
          continue;
        }
        i += Long.numberOfTrailingZeros(special) >>> 3;
      }
      int b = in[i++];
      if (b == '"') {
        return i;
      }
      if (b == '\\' && i < to) {
        b = in[i++]; // escaped: never closes the string, but it is still a character to check
      }
      if (b < 0) {
        i = afterCharacter(in, i - 1, to);
      }
    }
    return to;
  }

  /**
   * The high bit of each of the eight bytes that is a quote, a backslash or not ASCII, zero when there
   * is none (bytes in little-endian order, so the lowest set bit marks the first such byte). "Has a
   * zero byte" is (x - 0x01..01) & ~x & 0x80..80, whose lowest set bit is always a true zero byte.
   */
  private static long special(long w) {
    long quote = w ^ (ONES * '"');
    long backslash = w ^ (ONES * '\\');
    return (w | ((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash)) & HIGHS;
  }

  /**
   * The index after the multi-byte character starting at i, refused when it is not well formed: exactly
   * the byte sequences of the Unicode standard's table 3-7, which is what the JDK's strict decoder
   * accepts (no overlong forms, no surrogates, nothing above U+10FFFF, nothing cut short).
   */
  private static int afterCharacter(byte[] in, int i, int to) {
    int lead = in[i] & 0xFF;
    int length;
    int lo = 0x80;
    int hi = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) {
        lo = 0xA0; // shorter forms are overlong
      } else if (lead == 0xED) {
        hi = 0x9F; // D800-DFFF are surrogates
      }
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) {
        lo = 0x90; // overlong
      } else if (lead == 0xF4) {
        hi = 0x8F; // above U+10FFFF
      }
    } else {
      throw notUtf8(); // a continuation byte, an overlong 2-byte lead (C0, C1) or F5-FF
    }
    if (to - i < length) {
      throw notUtf8();
    }
    int second = in[i + 1] & 0xFF;
    if (second < lo || second > hi) {
      throw notUtf8();
    }
    for (int k = 2; k < length; k++) {
      if ((in[i + k] & 0xC0) != 0x80) {
        throw notUtf8();
      }
    }
    return i + length;
  }

  private static RpcException notUtf8() {
    return RpcException.invalidArgument("request JSON is not UTF-8");
  }
}
