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
    String length = req.getHeader(HeaderNames.CONTENT_LENGTH);
    return length != null && ConnectHeaders.digits(length) && Long.parseLong(length) > maxBytes;
  }

  /**
   * answered: true once the request has its answer (refused, or too late): the rest is drained, not
   * kept. framingBroken: told when the body cannot be framed, so nothing after it on the connection can.
   */
  static Future<Buffer> read(HttpServerRequest req, int maxBytes, BooleanSupplier answered, Runnable framingBroken) {
    Promise<Buffer> promise = Promise.promise();
    Collected body = new Collected();
    req.handler(chunk -> {
      if (body.over || answered.getAsBoolean()) {
        return;
      }
      if (body.length() + chunk.length() > maxBytes) {
        body.over = true;
        promise.tryFail(tooLarge(maxBytes));
      } else {
        body.add(chunk);
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
    req.endHandler(v -> promise.tryComplete(body.all()));
    return promise.future();
  }

  /**
   * The chunks received so far. A unary RPC's body nearly always comes as one chunk, which Vert.x hands
   * over as a buffer of its own (safe to keep): that one is the body, with no second buffer to grow and
   * copy it into. Only a body in several chunks is joined.
   */
  private static final class Collected {
    private Buffer first;
    private Buffer joined;
    boolean over;

    int length() {
      return joined != null ? joined.length() : first != null ? first.length() : 0;
    }

    void add(Buffer chunk) {
      if (joined != null) {
        joined.appendBuffer(chunk);
      } else if (first == null) {
        first = chunk;
      } else {
        joined = Buffer.buffer(first.length() + chunk.length()).appendBuffer(first).appendBuffer(chunk);
        first = null;
      }
    }

    Buffer all() {
      return joined != null ? joined : first != null ? first : Buffer.buffer();
    }
  }
}
