package dev.sourcegate.fetch;

import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;

/**
 * A file larger than SOURCEGATE_MAX_FILE_BYTES. Like "not found" it is an answer about the content, not a
 * passing fault, so it is remembered for the negative TTL instead of being downloaded again on every request.
 */
public final class FileTooLargeException extends RpcException {
  public FileTooLargeException(String what, int limit) {
    super(Code.RESOURCE_EXHAUSTED, what + " is larger than the limit of " + limit + " bytes");
  }
}
