package dev.sourcegate.api;

import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import io.netty.handler.codec.DecoderException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.BooleanSupplier;

/** Collects a request body, but stops keeping bytes past the limit or once the request is answered. */
final class BodyReader {
  private BodyReader() {}

  static RpcException tooLarge(int maxBytes) {
    return new RpcException(Code.RESOURCE_EXHAUSTED, "request body exceeds the limit of " + maxBytes + " bytes");
  }

  /** Whether Content-Length already says the body is over the limit. */
  static boolean declaredOver(HttpServerRequest req, int maxBytes) {
    String length = req.getHeader("Content-Length");
    return length != null && ConnectHeaders.digits(length) && Long.parseLong(length) > maxBytes;
  }

  /**
   * answered: true once the request has its answer (refused, or too late): the rest is drained, not
   * kept. framingBroken: told when the body cannot be framed, so nothing after it on the connection can.
   */
  static Future<Buffer> read(HttpServerRequest req, int maxBytes, BooleanSupplier answered, Runnable framingBroken) {
    Promise<Buffer> promise = Promise.promise();
    Buffer body = Buffer.buffer();
    boolean[] over = {false};
    req.handler(chunk -> {
      if (over[0] || answered.getAsBoolean()) {
        return;
      }
      if (body.length() + chunk.length() > maxBytes) {
        over[0] = true;
        promise.tryFail(tooLarge(maxBytes));
      } else {
        body.appendBuffer(chunk);
      }
    });
    req.exceptionHandler(e -> {
      if (e instanceof DecoderException || e instanceof IllegalArgumentException) {
        // the body's framing is broken, e.g. Content-Length with Transfer-Encoding: Netty drops the length
        // and reads chunks (RFC 9112 6.3) that are not there. Nothing after it can be framed
        framingBroken.run();
        promise.tryFail(RpcException.invalidArgument("request body is not valid chunked encoding"
            + " (a request must not carry both Content-Length and Transfer-Encoding)"));
      } else {
        promise.tryFail(new RpcException(Code.CANCELED, "request was not received in full"));
      }
    });
    req.endHandler(v -> promise.tryComplete(body));
    return promise.future();
  }
}
