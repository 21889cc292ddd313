package dev.sourcegate.fetch.registry;

import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Walks a tar stream (ustar, with GNU {@code ././@LongLink} and pax {@code x} headers for long names)
 * to one regular file, reading nothing but the headers and the data skipped on the way. Member names
 * are compared without the archive's top directory ({@code package/} in npm's tarballs, another name in
 * some old ones), or as they are for an archive whose files sit at its root (a .gem and its
 * data.tar.gz); an absolute name or one with a {@code ..} segment never matches. Not thread-safe.
 */
final class TarReader {
  private static final int BLOCK = 512;
  /** A long-name or pax header larger than this is no header a real archive writes. */
  private static final int MAX_META_BYTES = 64 * 1024;

  private final InputStream in;
  private final TarLimits limits;
  private final byte[] scratch = new byte[8192];
  private final boolean underTopDirectory;

  TarReader(InputStream in, TarLimits limits) {
    this(in, limits, true);
  }

  /** underTopDirectory: false for an archive whose members are named from its root. */
  TarReader(InputStream in, TarLimits limits, boolean underTopDirectory) {
    this.in = in;
    this.limits = limits;
    this.underTopDirectory = underTopDirectory;
  }

  /** The bytes of member (a path under the top directory), or empty when the archive ends without it. */
  Optional<byte[]> find(String member) throws IOException {
    byte[] header = new byte[BLOCK];
    String longName = null;
    int entries = 0;
    while (readBlock(header)) {
      if (allZero(header)) {
        return Optional.empty();
      }
      checkSum(header);
      if (++entries > limits.maxEntries()) {
        throw ArchiveRefused.overLimit("the archive holds more than " + limits.maxEntries() + " entries");
      }
      long size = size(header);
      char type = (char) header[156];
      if (type == 'L' || type == 'x') {
        byte[] meta = readMeta(size);
        String named = type == 'L' ? cString(meta, 0, meta.length) : PaxHeader.path(meta);
        longName = named != null ? named : longName;
        continue;
      }
      String name = longName != null ? longName : ustarName(header);
      longName = null;
      boolean regular = type == '0' || type == '\0' || type == '7';
      if (regular && member.equals(underTopDirectory ? underTopDirectory(name) : atRoot(name))) {
        if (size > limits.maxMemberBytes()) {
          throw new RpcException(Code.RESOURCE_EXHAUSTED,
              "the file " + member + " is larger than the limit of " + limits.maxMemberBytes() + " bytes");
        }
        return Optional.of(readExactly((int) size));
      }
      skip(padded(size));
    }
    // a stream that ends at a block boundary without the two zero blocks: old packers did that
    return Optional.empty();
  }

  /** The name without its first segment; null for a name that must never be served. */
  static String underTopDirectory(String name) {
    String n = atRoot(name);
    if (n == null) {
      return null;
    }
    int slash = n.indexOf('/');
    return slash < 0 ? null : n.substring(slash + 1);
  }

  /** The name as it is (without a leading "./"); null for a name that must never be served. */
  static String atRoot(String name) {
    String n = name.startsWith("./") ? name.substring(2) : name;
    if (n.isEmpty() || n.startsWith("/") || n.contains("\\") || n.contains("\0")) {
      return null;
    }
    for (String segment : n.split("/", -1)) {
      if (segment.equals("..")) {
        return null;
      }
    }
    return n;
  }

  private byte[] readMeta(long size) throws IOException {
    if (size > MAX_META_BYTES) {
      throw ArchiveRefused.overLimit("the archive has a " + size + "-byte name header");
    }
    byte[] meta = readExactly((int) size);
    skip(padded(size) - size);
    return meta;
  }

  private static String ustarName(byte[] h) {
    String name = cString(h, 0, 100);
    boolean ustar = h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r';
    String prefix = ustar ? cString(h, 345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private static long size(byte[] h) {
    if ((h[124] & 0x80) != 0) {
      // base-256: only files of 8 GiB and more need it, far past every cap
      throw ArchiveRefused.overLimit("the archive declares an entry of 8 GiB or more");
    }
    return octal(h, 124, 12);
  }

  private static void checkSum(byte[] h) {
    long sum = 0;
    for (int i = 0; i < BLOCK; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xff);
    }
    if (sum != octal(h, 148, 8)) {
      throw ArchiveRefused.corrupt("the archive is corrupt (a header's checksum is wrong)");
    }
  }

  private static long octal(byte[] h, int off, int len) {
    long v = 0;
    boolean digits = false;
    for (int i = off; i < off + len; i++) {
      int c = h[i];
      if (c >= '0' && c <= '7') {
        v = v * 8 + (c - '0');
        digits = true;
      } else if (c == 0 || c == ' ') {
        if (digits) {
          break;
        }
      } else {
        throw ArchiveRefused.corrupt("the archive is corrupt (a header's number is not octal)");
      }
    }
    return v;
  }

  private static String cString(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) {
      end++;
    }
    return new String(b, off, end - off, StandardCharsets.UTF_8);
  }

  private static boolean allZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static long padded(long size) {
    return (size + BLOCK - 1) / BLOCK * BLOCK;
  }

  /** False at a clean end of stream; a partial block is a truncated archive. */
  private boolean readBlock(byte[] block) throws IOException {
    int n = in.readNBytes(block, 0, BLOCK);
    if (n == 0) {
      return false;
    }
    if (n < BLOCK) {
      throw truncated();
    }
    return true;
  }

  private byte[] readExactly(int size) throws IOException {
    byte[] out = in.readNBytes(size);
    if (out.length < size) {
      throw truncated();
    }
    return out;
  }

  private void skip(long bytes) throws IOException {
    long left = bytes;
    while (left > 0) {
      int n = in.read(scratch, 0, (int) Math.min(scratch.length, left));
      if (n < 0) {
        throw truncated();
      }
      left -= n;
    }
  }

  private static ArchiveRefused truncated() {
    return ArchiveRefused.corrupt("the archive is truncated");
  }
}
