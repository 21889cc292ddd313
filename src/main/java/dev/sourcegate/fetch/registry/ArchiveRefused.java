package dev.sourcegate.fetch.registry;

import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;

/** A package archive that is not read: corrupt, truncated, over a limit, or not the bytes the registry vouched for. */
public final class ArchiveRefused extends RpcException {
  public ArchiveRefused(String message) {
    super(Code.UNKNOWN, message);
  }
}
