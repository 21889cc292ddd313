package dev.sourcegate.fetch;

import dev.sourcegate.fetch.registry.ArchiveRefused;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One file read out of a package archive already downloaded (an npm tarball, a .gem, a .crate), with its
 * failures told apart the way the fetcher remembers them: a refused archive (a bomb, too many entries, a
 * bad checksum) stays {@link ArchiveRefused}; a member over the member cap (SOURCEGATE_MAX_FILE_BYTES) is a
 * {@link FileTooLargeException}, like any host's large file; anything else the readers throw means the
 * archive cannot be read (corrupt).
 */
final class ArchiveMemberRead {
  private ArchiveMemberRead() {}

  /**
   * file: the member as the caller named it; what: the package ("express 4.18.2"); archive: what its
   * archive is called ("the tarball").
   */
  static Optional<byte[]> read(Supplier<Optional<byte[]>> read, String file, String what, String archive,
      int maxMemberBytes) {
    try {
      return read.get();
    } catch (ArchiveRefused e) {
      throw e;
    } catch (RpcException e) {
      if (e.code() == Code.RESOURCE_EXHAUSTED) {
        throw new FileTooLargeException("the file " + file + " of " + what, maxMemberBytes);
      }
      throw e;
    } catch (RuntimeException e) {
      throw ArchiveRefused.corrupt(archive + " of " + what + " cannot be read");
    }
  }
}
