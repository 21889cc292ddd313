package dev.sourcegate.fetch.archive;

import dev.sourcegate.fetch.registry.ArchiveRefused;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A zip member's bytes from its compressed data: stored (method 0) or raw deflate (method 8). The output
 * is never larger than the size the directory declared (checked against {@link ArchiveLimits} before), and
 * must match it and its CRC-32 exactly: a member that inflates to anything else is refused, not served.
 */
public final class MemberInflater {
  static final int STORED = 0;
  static final int DEFLATED = 8;

  private MemberInflater() {}

  public static byte[] bytes(ZipDirectory.Entry entry, byte[] compressed, String archive) {
    if (entry.encrypted()) {
      throw ArchiveRefused.unsupported(entry.name() + " of " + archive + " is encrypted, which is not read");
    }
    byte[] out = switch (entry.method()) {
      case STORED -> compressed;
      case DEFLATED -> inflate(entry, compressed, archive);
      default -> throw ArchiveRefused.unsupported(entry.name() + " of " + archive + " uses compression method "
          + entry.method() + ", which is not read");
    };
    CRC32 crc = new CRC32();
    crc.update(out);
    if (out.length != entry.size() || crc.getValue() != entry.crc()) {
      throw ZipDirectory.unreadable(archive, entry.name() + " does not match its size and checksum");
    }
    return out;
  }

  private static byte[] inflate(ZipDirectory.Entry entry, byte[] compressed, String archive) {
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(compressed);
      // one byte more than declared: a member that inflates past its size shows it here and is refused
      byte[] out = new byte[(int) entry.size() + 1];
      int n = 0;
      while (n < out.length && !inflater.finished()) {
        int got = inflater.inflate(out, n, out.length - n);
        if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        n += got;
      }
      if (n != entry.size()) {
        throw ZipDirectory.unreadable(archive, entry.name() + " does not inflate to its declared size");
      }
      return Arrays.copyOf(out, n);
    } catch (DataFormatException e) {
      throw ZipDirectory.unreadable(archive, entry.name() + " holds corrupt deflate data");
    } finally {
      inflater.end();
    }
  }
}
