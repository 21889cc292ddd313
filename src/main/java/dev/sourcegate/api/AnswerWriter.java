package dev.sourcegate.api;

import dev.sourcegate.bus.Messages.RpcReply;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;

/**
 * Writes an RPC's answer on the wire: the one way every answer is written, whichever route made it (the
 * warm front or a verticle over the event bus), so that the same reply gives the same bytes and headers.
 */
final class AnswerWriter {
  private AnswerWriter() {}

  /** A reply and whether it was served from the cache while the upstream could not confirm it. */
  record Answer(RpcReply reply, boolean stale) {}

  /** A successful answer, in the request's codec, gzipped when the client takes gzip. */
  static void ok(HttpServerRequest req, ConnectCodec codec, boolean gzipOut, Answer answer) {
    RpcReply reply = answer.reply();
    Buffer body;
    if (reply.encoded() == null) {
      body = codec.encode(reply.response());
      body = gzipOut ? Gzip.deflate(body) : body;
    } else {
      // a cached answer: its bodies are made once, plain and gzipped, and reused
      body = reply.encoded().get(form(codec, false), () -> codec.encode(reply.response()));
      if (gzipOut) {
        Buffer plainBody = body;
        body = reply.encoded().get(form(codec, true), () -> Gzip.deflate(plainBody));
      }
    }
    HttpServerResponse res = req.response();
    if (answer.stale()) {
      res.putHeader(HttpVerticle.STALE_HEADER, "served from cache; GitHub could not confirm the ref");
    }
    if (gzipOut) {
      gzipped(res);
    }
    res.setStatusCode(200).putHeader(HeaderNames.CONTENT_TYPE, codec.contentTypeHeader()).end(body);
  }

  /** The number of a cached answer's encoded form: its codec, plain or gzipped (below EncodedForms.FORMS, see its test). */
  static int form(ConnectCodec codec, boolean gzip) {
    return 2 * codec.ordinal() + (gzip ? 1 : 0);
  }

  /**
   * A Connect error. closeConnection: the rest of the body is not worth reading, and an HTTP/1.x
   * connection cannot skip it. HTTP/2 forbids connection headers (RFC 9113 8.2.2): there the stream
   * alone ends with the answer.
   */
  static void error(HttpServerRequest req, RpcException e, boolean gzipOut, boolean closeConnection) {
    HttpServerResponse res = req.response();
    res.setStatusCode(e.code().httpStatus()).putHeader(HeaderNames.CONTENT_TYPE, ConnectCodec.JSON.contentTypeHeader());
    if (closeConnection && req.version() != HttpVersion.HTTP_2) {
      res.putHeader(HeaderNames.CONNECTION, HeaderNames.CLOSE);
    }
    end(req, res, Buffer.buffer(errorBody(e.code(), e.getMessage())), gzipOut);
  }

  /** An answer below Connect (a wrong method or content type): a status and one header, no body. */
  static void bare(HttpServerRequest req, int status, String header, String value) {
    req.response().setStatusCode(status).putHeader(header, value).end();
  }

  /** A path that is no RPC and no page. */
  static void notFound(HttpServerRequest req) {
    end(req, req.response().setStatusCode(404).putHeader(HeaderNames.CONTENT_TYPE, ConnectCodec.JSON.contentTypeHeader()),
        Buffer.buffer(errorBody(Code.NOT_FOUND, "unknown RPC path")),
        ConnectHeaders.acceptsGzip(req.getHeader(HeaderNames.ACCEPT_ENCODING)));
  }

  static String errorBody(Code code, String message) {
    return new JsonObject().put("code", code.connectName()).put("message", message).encode();
  }

  /** Ends the response with this body, gzipped when asked (a HEAD or an empty body never is). */
  private static void end(HttpServerRequest req, HttpServerResponse res, Buffer body, boolean gzip) {
    if (gzip && body.length() > 0 && req.method() != HttpMethod.HEAD) {
      gzipped(res).end(Gzip.deflate(body));
    } else {
      res.end(body);
    }
  }

  /** The headers of a gzipped answer. */
  private static HttpServerResponse gzipped(HttpServerResponse res) {
    return res.putHeader(HeaderNames.CONTENT_ENCODING, HeaderNames.GZIP).putHeader(HeaderNames.VARY, HeaderNames.ACCEPT_ENCODING_VALUE);
  }
}
