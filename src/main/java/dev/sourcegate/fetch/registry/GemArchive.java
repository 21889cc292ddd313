package dev.sourcegate.fetch.registry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;

/**
 * One file of a Ruby gem held in memory. A {@code .gem} is a plain tar of {@code metadata.gz},
 * {@code data.tar.gz} and {@code checksums.yaml.gz} (and signatures, when signed); the gem's files are
 * {@code data.tar.gz}'s members, named from its root ({@code lib/rack.rb}). Both layers are read as
 * streams under the limits, and nothing is written anywhere. Blocking CPU work: callers run it off the
 * event loop.
 */
public final class GemArchive {
  /** The outer tar holds a handful of entries; more is no gem. */
  private static final int MAX_OUTER_ENTRIES = 64;
  private static final String DATA = "data.tar.gz";

  private GemArchive() {}

  /** member of the gem's data; empty when the gem has no such regular file. */
  public static Optional<byte[]> member(byte[] gem, String member, TarLimits limits) {
    TarLimits outer = new TarLimits(MAX_OUTER_ENTRIES, gem.length, 1, gem.length);
    byte[] data;
    try {
      data = new TarReader(new ByteArrayInputStream(gem), outer, false).find(DATA)
          .orElseThrow(() -> new ArchiveRefused("the gem holds no " + DATA));
    } catch (IOException e) {
      throw new ArchiveRefused("the gem is not a readable tar archive");
    }
    return TarGzReader.rootMember(data, member, limits);
  }
}
