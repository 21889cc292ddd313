package dev.sourcegate.api;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Ends an HTTP/1.x connection after a request framed with Transfer-Encoding. Netty drops a Content-Length
 * sent beside Transfer-Encoding and reads the body as chunks (RFC 9112 6.3), leaving no sign that a length
 * was there, so the request-smuggling shape cannot be told from a plain chunked body (which connect-go and
 * buf curl send, and which must keep working). What can be done is what RFC 9112 6.3 asks of a server that
 * serves such a request: close the connection after answering it. Requests pipelined behind it (a request
 * smuggled behind valid chunks, which a proxy that believed Content-Length took for body) are never
 * answered. One instance per HTTP verticle: it is used on that verticle's event loop only.
 */
final class ChunkedFraming {
  private final Set<HttpConnection> closing = Collections.newSetFromMap(new WeakHashMap<>());

  /**
   * False when req came behind a Transfer-Encoding request on its connection: the connection is closed
   * and req is not answered. A Transfer-Encoding request itself is admitted and answered with
   * Connection: close.
   */
  boolean admit(HttpServerRequest req) {
    if (req.version() == HttpVersion.HTTP_2) {
      return true; // HTTP/2 frames every body itself and has no Transfer-Encoding (RFC 9113 8.2.2)
    }
    HttpConnection connection = req.connection();
    if (!closing.isEmpty() && closing.contains(connection)) {
      connection.close();
      return false;
    }
    if (req.headers().contains(HeaderNames.TRANSFER_ENCODING)) {
      closing.add(connection);
      // a client honours the header and opens a new connection; the weak set forgets closed ones
      req.response().putHeader(HeaderNames.CONNECTION, HeaderNames.CLOSE);
    }
    return true;
  }
}
