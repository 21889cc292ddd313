package dev.sourcegate.fetch.registry;

import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;

/**
 * A package archive (a wheel, a tarball, a .gem, a .crate, a sources jar) that is not read: the one type
 * every registry and archive reader refuses with, whatever the format. It is an answer about the
 * artifact, the same bytes next time, so the fetcher remembers it as it remembers a missing file
 * ({@code CachingFetcher}) instead of downloading it again for every frame that names it.
 *
 * <p>The Connect code says why, so a caller can tell "too big for this gateway" from "broken":
 * <ul>
 *   <li>{@link Reason#OVER_LIMIT} resource_exhausted: a cap is exceeded (entries, directory size, total
 *   or member size, compression ratio: a zip or gzip bomb);</li>
 *   <li>{@link Reason#CORRUPT} data_loss: the bytes are not a well-formed archive (truncated, bad header
 *   checksum, a member that does not inflate to its declared size and CRC, a range past its end);</li>
 *   <li>{@link Reason#UNVERIFIED} data_loss: the bytes are not the ones the registry vouched for (an
 *   integrity hash that does not match, is malformed, or is missing): served they could be anything;</li>
 *   <li>{@link Reason#UNSUPPORTED} unimplemented: a well-formed archive in a form this gateway does not
 *   read (zip64, an encrypted member, a compression method other than stored and deflate).</li>
 * </ul>
 */
public final class ArchiveRefused extends RpcException {
  /** Why an archive is refused; each has its Connect code. */
  public enum Reason {
    OVER_LIMIT(Code.RESOURCE_EXHAUSTED),
    CORRUPT(Code.DATA_LOSS),
    UNVERIFIED(Code.DATA_LOSS),
    UNSUPPORTED(Code.UNIMPLEMENTED);

    private final Code code;

    Reason(Code code) {
      this.code = code;
    }

    public Code code() {
      return code;
    }
  }

  private final Reason reason;

  public ArchiveRefused(Reason reason, String message) {
    super(reason.code(), message);
    this.reason = reason;
  }

  /** A corrupt or unreadable archive (data_loss): what a reader that cannot say more refuses with. */
  public ArchiveRefused(String message) {
    this(Reason.CORRUPT, message);
  }

  public static ArchiveRefused overLimit(String message) {
    return new ArchiveRefused(Reason.OVER_LIMIT, message);
  }

  public static ArchiveRefused corrupt(String message) {
    return new ArchiveRefused(Reason.CORRUPT, message);
  }

  public static ArchiveRefused unverified(String message) {
    return new ArchiveRefused(Reason.UNVERIFIED, message);
  }

  public static ArchiveRefused unsupported(String message) {
    return new ArchiveRefused(Reason.UNSUPPORTED, message);
  }

  public Reason reason() {
    return reason;
  }
}
