package dev.sourcegate.fetch.registry;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * One member of a .tgz held in memory, inflated as a stream and never written anywhere. Inflation stops
 * past the limits' total or past maxRatio times the compressed size, whichever is lower: a gzip bomb
 * costs the gateway those bytes of CPU at most. Blocking CPU work: callers run it off the event loop.
 */
public final class TarGzReader {
  private TarGzReader() {}

  /** member under the archive's top directory; empty when the archive has no such regular file. */
  public static Optional<byte[]> member(byte[] tgz, String member, TarLimits limits) {
    return member(tgz, member, limits, true);
  }

  /** member named from the archive's root (a .gem's data.tar.gz has no top directory). */
  public static Optional<byte[]> rootMember(byte[] tgz, String member, TarLimits limits) {
    return member(tgz, member, limits, false);
  }

  private static Optional<byte[]> member(byte[] tgz, String member, TarLimits limits, boolean underTopDirectory) {
    long budget = Math.min(limits.maxInflatedBytes(), (long) tgz.length * limits.maxRatio());
    try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(tgz), 8192)) {
      return new TarReader(new Inflated(gz, budget), limits, underTopDirectory).find(member);
    } catch (IOException e) {
      // ZipException, EOFException: not gzip, or cut short
      throw ArchiveRefused.corrupt("the archive is not a complete gzip stream");
    }
  }

  /** Counts inflated bytes and refuses past the budget. */
  private static final class Inflated extends FilterInputStream {
    private final long budget;
    private long count;

    Inflated(InputStream in, long budget) {
      super(in);
      this.budget = budget;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        counted(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        counted(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long s = super.skip(n);
      counted(s);
      return s;
    }

    private void counted(long n) {
      count += n;
      if (count > budget) {
        throw ArchiveRefused.overLimit("the archive inflates past " + budget + " bytes (a compression bomb?)");
      }
    }
  }
}
