package dev.sourcegate.rpc;

/**
 * A failure that carries its Connect code and a message that is safe to show to the caller (no tokens,
 * no internals). It has no stack trace: it is an answer, not a bug.
 */
public class RpcException extends RuntimeException {
  private final Code code;

  public RpcException(Code code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public Code code() {
    return code;
  }

  public static RpcException notFound(String message) {
    return new RpcException(Code.NOT_FOUND, message);
  }

  public static RpcException invalidArgument(String message) {
    return new RpcException(Code.INVALID_ARGUMENT, message);
  }

  public static boolean isNotFound(Throwable t) {
    return t instanceof RpcException e && e.code == Code.NOT_FOUND;
  }
}
