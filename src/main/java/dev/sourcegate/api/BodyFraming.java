package dev.sourcegate.api;

import dev.sourcegate.bus.Code;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;

/**
 * Refuses HTTP/1.x requests framed with Transfer-Encoding. With both Content-Length and
 * Transfer-Encoding, Netty drops the Content-Length and reads chunks (RFC 9112 6.3), so a client that
 * meant the Content-Length waits for an answer that never comes, and a proxy in front that meant it would
 * let a second, smuggled request through. The decoder gives no sign that a Content-Length was dropped, so
 * any Transfer-Encoding is refused: every Connect unary client sends a body whose length it knows (with
 * Content-Length), and RFC 9112 6.1 lets a server refuse what it cannot frame safely. The answer is 400
 * and the connection is closed, since the rest of the stream cannot be framed. HTTP/2 has no
 * Transfer-Encoding (RFC 9113 8.2.2) and frames every body itself.
 */
final class BodyFraming {
  static final String MESSAGE =
      "Transfer-Encoding is not accepted; send the request body with Content-Length";

  private BodyFraming() {}

  /** Answers 400 and returns true when the request is framed with Transfer-Encoding on HTTP/1.x. */
  static boolean refused(HttpServerRequest req, ConnectionGuard connections) {
    if (req.version() == HttpVersion.HTTP_2 || !req.headers().contains("Transfer-Encoding")) {
      return false;
    }
    req.response().endHandler(v -> connections.requestEnded(req));
    req.response().setStatusCode(400)
        .putHeader("Content-Type", "application/json")
        .putHeader("Connection", "close")
        .end(HttpVerticle.errorBody(Code.INVALID_ARGUMENT, MESSAGE));
    return true;
  }
}
