package dev.sourcegate.api;

import io.netty.handler.timeout.IdleStateHandler;
import io.vertx.core.http.HttpConnection;
import java.util.concurrent.TimeUnit;

/**
 * Gives one connection an idle timeout of its own. Vert.x has one idle timeout per server, and it must
 * be short for connections that never send a byte (Vert.x does not report those, so nothing else can
 * close them) yet longer than the longest request deadline for a connection waiting for its answer. The
 * server is given the short one, and a connection the long one once it is reported. Nothing in Vert.x's
 * public API reaches a connection's idle handler, so it is replaced in the connection's Netty pipeline
 * (Vert.x 5: handler "idle", an IdleStateHandler whose events close the connection); a pipeline without
 * it is left alone.
 */
final class IdleTimeout {
  static final String HANDLER = "idle";

  private IdleTimeout() {}

  /** Replaces the connection's idle handler with one of allIdleMs; true when it did. */
  static boolean set(HttpConnection conn, long allIdleMs) {
    if (conn instanceof io.vertx.core.net.impl.ConnectionBase base) {
      var pipeline = base.channel().pipeline();
      if (pipeline.get(HANDLER) instanceof IdleStateHandler) {
        pipeline.replace(HANDLER, HANDLER, new IdleStateHandler(0, 0, allIdleMs, TimeUnit.MILLISECONDS));
        return true;
      }
    }
    return false;
  }
}
