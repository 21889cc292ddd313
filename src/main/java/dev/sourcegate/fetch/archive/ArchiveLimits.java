package dev.sourcegate.fetch.archive;

import dev.sourcegate.fetch.registry.ArchiveRefused;

/**
 * What a registry's archive may cost before it is refused: an archive is hostile input (its author is
 * anyone who can publish a package). Every registry reads its artifacts through these checks; nothing of
 * an archive is ever written to disk. A cap exceeded is {@link ArchiveRefused} with resource_exhausted: an
 * answer about the artifact, remembered like a missing file, never an internal error.
 *
 * @param maxEntries entries an archive's directory may list
 * @param maxDirectoryBytes bytes of a zip's central directory
 * @param maxTotalBytes the sum of the entries' uncompressed sizes
 * @param maxRatio uncompressed / compressed size of one member (a zip bomb's is in the thousands)
 * @param maxMemberBytes one member's uncompressed size (SOURCEGATE_MAX_FILE_BYTES)
 * @param maxWholeArchiveBytes an archive downloaded whole (a server that ignores Range)
 */
public record ArchiveLimits(int maxEntries, int maxDirectoryBytes, long maxTotalBytes, int maxRatio,
    int maxMemberBytes, int maxWholeArchiveBytes) {

  /** Generous for real packages (the largest wheels list some 10^4 entries and compress text ~5:1). */
  public static ArchiveLimits forMemberCap(int maxMemberBytes) {
    return new ArchiveLimits(50_000, 16 * 1024 * 1024, 4L * 1024 * 1024 * 1024, 200, maxMemberBytes, 64 * 1024 * 1024);
  }

  /** The same limits, with another cap for an archive a server sends whole (it ignored Range). */
  public ArchiveLimits withWholeArchiveBytes(int bytes) {
    return new ArchiveLimits(maxEntries, maxDirectoryBytes, maxTotalBytes, maxRatio, maxMemberBytes, bytes);
  }

  /**
   * The member name as a relative path, or null when it must be ignored: absolute, a drive letter,
   * backslashes, "." or ".." segments, or control characters. Such a name never matches a request, so a
   * crafted archive cannot answer for a path outside its own tree.
   */
  public static String safeName(String name) {
    if (name.isEmpty() || name.startsWith("/") || name.indexOf('\\') >= 0 || name.matches("^[A-Za-z]:.*")) {
      return null;
    }
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) < 0x20 || name.charAt(i) == 0x7f) {
        return null;
      }
    }
    for (String segment : name.split("/", -1)) {
      if (segment.equals("..") || segment.equals(".")) {
        return null;
      }
    }
    return name;
  }

  /** An archive sent whole (the server ignored Range) that is larger than {@link #maxWholeArchiveBytes}. */
  public ArchiveRefused wholeArchiveTooLarge(String archive) {
    return refused(archive + " was sent whole (the server ignores Range) and is larger than the limit of "
        + maxWholeArchiveBytes + " bytes");
  }

  public void checkEntries(long claimed, String archive) {
    if (claimed > maxEntries) {
      throw refused(archive + " lists " + claimed + " entries, more than the limit of " + maxEntries);
    }
  }

  public void checkDirectory(long bytes, String archive) {
    if (bytes > maxDirectoryBytes) {
      throw refused("the directory of " + archive + " (" + bytes + " bytes) is larger than the limit of "
          + maxDirectoryBytes + " bytes");
    }
  }

  public void checkTotal(long uncompressed, String archive) {
    if (uncompressed > maxTotalBytes) {
      throw refused(archive + " unpacks to more than the limit of " + maxTotalBytes + " bytes");
    }
  }

  /** One member's declared sizes: within the member cap and the compression ratio. */
  public void checkMember(String member, long compressed, long uncompressed) {
    if (uncompressed > maxMemberBytes || uncompressed < 0) {
      throw refused(member + " is larger than the limit of " + maxMemberBytes + " bytes");
    }
    // deflate never grows data by more than a few bytes per 16 KiB block: more is a lie about the member
    if (compressed < 0 || compressed > uncompressed + uncompressed / 64 + 1024) {
      throw refused(member + " claims " + compressed + " compressed bytes for " + uncompressed + " bytes of content");
    }
    if (uncompressed > 1024 && uncompressed > (long) maxRatio * Math.max(1, compressed)) {
      throw refused(member + " claims a compression ratio above " + maxRatio + ":1");
    }
  }

  private static ArchiveRefused refused(String message) {
    return ArchiveRefused.overLimit(message);
  }
}
