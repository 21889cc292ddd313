package dev.sourcegate.fetch.ssrf;

import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import java.util.concurrent.TimeoutException;

/**
 * What a failed upstream call means to the caller: our own answer passes through, a timeout is a
 * deadline, the rest unavailable. upstreamName is what the message calls the upstream ("GitHub"): a
 * configured host may be an internal name, so callers of the configured upstreams never pass it.
 */
public final class TransportFailures {
  private TransportFailures() {}

  public static RpcException of(Throwable e, String upstreamName) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RpcException rpc) {
        return rpc;
      }
      if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
        return new RpcException(Code.DEADLINE_EXCEEDED, upstreamName + " did not answer in time");
      }
    }
    return new RpcException(Code.UNAVAILABLE, upstreamName + " could not be reached");
  }
}
