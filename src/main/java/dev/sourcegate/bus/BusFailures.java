package dev.sourcegate.bus;

import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;

import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/** Carries Connect codes across the event bus in both directions. */
public final class BusFailures {
  private static final System.Logger LOG = System.getLogger(BusFailures.class.getName());
  private BusFailures() {}

  /** Fails a request with the code of an RpcException; anything else is internal with a generic message. */
  public static void reply(Message<?> message, Throwable failure) {
    RpcException e = toRpc(failure);
    message.fail(e.code().number(), e.getMessage());
  }

  /** The failure of a call made with no time left: it is not sent. */
  public static RpcException deadlineExceeded() {
    return new RpcException(Code.DEADLINE_EXCEEDED, "deadline exceeded");
  }

  /** Turns whatever came back over the bus (or a local failure) into an RpcException. */
  public static RpcException toRpc(Throwable failure) {
    if (failure instanceof RpcException e) {
      return e;
    }
    if (failure instanceof ReplyException re) {
      if (re.failureType() == ReplyFailure.TIMEOUT) {
        return new RpcException(Code.DEADLINE_EXCEEDED, "deadline exceeded");
      }
      if (re.failureType() == ReplyFailure.NO_HANDLERS) {
        return new RpcException(Code.UNAVAILABLE, "service not ready");
      }
      Code code = Code.fromNumber(re.failureCode());
      String message = re.getMessage() == null ? code.connectName() : re.getMessage();
      return new RpcException(code, message);
    }
    // a bug, not an answer: say which kind, never its message (it may quote a header or a token)
    LOG.log(System.Logger.Level.ERROR, "unexpected {0} answered as internal error", failure == null ? "null failure" : failure.getClass().getName());
    return new RpcException(Code.INTERNAL, "internal error");
  }
}
