package dev.sourcegate.fetch.archive;

import dev.sourcegate.fetch.registry.ArchiveRefused;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A zip's layout as read from its end (APPNOTE.TXT §4.3.16 and §4.3.12): the End Of Central Directory
 * record says where the central directory is, and the directory says where each member's local header
 * is, so one member is read with three ranges and never the whole archive. Pure parsing of bytes already
 * fetched; every count and size is checked against {@link ArchiveLimits} before it is believed.
 */
public final class ZipDirectory {
  static final int EOCD_SIGNATURE = 0x06054b50;
  static final int CENTRAL_SIGNATURE = 0x02014b50;
  static final int LOCAL_SIGNATURE = 0x04034b50;
  static final int EOCD_SIZE = 22;
  /** The record plus the longest comment it may carry: the tail that surely holds the record. */
  public static final int MAX_TAIL = EOCD_SIZE + 0xFFFF;
  public static final int LOCAL_HEADER_SIZE = 30;

  private ZipDirectory() {}

  /** Where the central directory is and how many entries it claims. */
  public record End(long entries, long directoryOffset, long directorySize) {}

  /** One member as the central directory lists it. */
  public record Entry(String name, int flags, int method, long crc, long compressedSize, long size, long localOffset) {
    boolean encrypted() {
      return (flags & 1) != 0;
    }
  }

  /** The End Of Central Directory record in tail, the last bytes of an archive of archiveLength bytes. */
  public static End end(byte[] tail, long archiveLength, String archive, ArchiveLimits limits) {
    for (int at = tail.length - EOCD_SIZE; at >= 0; at--) {
      if (u32(tail, at) != EOCD_SIGNATURE) {
        continue;
      }
      long entries = u16(tail, at + 10);
      long size = u32(tail, at + 12);
      long offset = u32(tail, at + 16);
      if (entries == 0xFFFF || size == 0xFFFFFFFFL || offset == 0xFFFFFFFFL) {
        throw ArchiveRefused.unsupported(archive + " is a zip64 archive, which is not read");
      }
      limits.checkEntries(entries, archive);
      limits.checkDirectory(size, archive);
      if (offset + size > archiveLength) {
        throw unreadable(archive, "its central directory lies past its end");
      }
      return new End(entries, offset, size);
    }
    throw unreadable(archive, "no end of central directory record");
  }

  /**
   * Every entry listed under a safe name, in directory order (entries under an unsafe name are left out:
   * they never match a request). Every entry is walked: the entry count and the total uncompressed size
   * are checked over the whole directory, so an archive that unpacks to too much is refused whichever
   * member is asked for.
   */
  public static List<Entry> entries(byte[] directory, End end, String archive, ArchiveLimits limits) {
    int at = 0;
    long total = 0;
    List<Entry> out = new ArrayList<>();
    for (long n = 0; n < end.entries(); n++) {
      if (at + 46 > directory.length || u32(directory, at) != CENTRAL_SIGNATURE) {
        throw unreadable(archive, "its central directory is truncated or corrupt");
      }
      int nameLength = u16(directory, at + 28);
      int next = at + 46 + nameLength + u16(directory, at + 30) + u16(directory, at + 32);
      if (next > directory.length) {
        throw unreadable(archive, "its central directory is truncated or corrupt");
      }
      long size = u32(directory, at + 24);
      total += size;
      limits.checkTotal(total, archive);
      String name = ArchiveLimits.safeName(new String(directory, at + 46, nameLength, StandardCharsets.UTF_8));
      if (name != null) {
        out.add(new Entry(name, u16(directory, at + 8), u16(directory, at + 10), u32(directory, at + 16),
            u32(directory, at + 20), size, u32(directory, at + 42)));
      }
      at = next;
    }
    return out;
  }

  /** Where a member's data starts, from its local header (whose extra field may differ from the directory's). */
  public static long dataOffset(byte[] localHeader, Entry entry, String archive) {
    if (localHeader.length < LOCAL_HEADER_SIZE || u32(localHeader, 0) != LOCAL_SIGNATURE) {
      throw unreadable(archive, "the local header of " + entry.name() + " is missing");
    }
    return entry.localOffset() + LOCAL_HEADER_SIZE + u16(localHeader, 26) + u16(localHeader, 28);
  }

  /** A zip that is corrupt or inconsistent (data_loss; see ArchiveRefused). */
  public static ArchiveRefused unreadable(String archive, String why) {
    return ArchiveRefused.corrupt(archive + " is not a readable zip: " + why);
  }

  static int u16(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
  }

  static long u32(byte[] b, int at) {
    return (u16(b, at) | (long) u16(b, at + 2) << 16) & 0xFFFFFFFFL;
  }
}
