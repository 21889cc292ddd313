package dev.sourcegate.fetch.registry;

/**
 * What one package archive may cost to read: entries walked, bytes inflated (in all, and as a multiple
 * of the compressed size: a gzip bomb inflates a thousandfold) and the size of the one member served.
 */
public record TarLimits(int maxEntries, long maxInflatedBytes, int maxRatio, int maxMemberBytes) {
  /** Generous for real packages (typescript's tarball holds ~100 files and inflates ~5x, under 100 MB). */
  public static TarLimits forMember(int maxMemberBytes, long maxTarballBytes) {
    return new TarLimits(50_000, Math.max(maxTarballBytes * 8, 256L * 1024 * 1024), 200, maxMemberBytes);
  }
}
