package dev.sourcegate.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.google.protobuf.Message;
import dev.sourcegate.rpc.RpcException;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/**
 * Decodes a JSON request body straight from its bytes, with no String and no tree in between: the cheap
 * byte checks of {@link JsonBytes}, then one pass of Jackson's strict streaming parser feeding
 * {@link JsonShape}, which fills the message as the tokens come.
 *
 * <p>Refusals keep the order they had when the body was parsed whole before being read: not UTF-8, too
 * deep, not JSON (anywhere in the body, trailing data included), and only then the wrong shape.
 */
final class JsonRequest {
  /**
   * Strict RFC 8259 (Jackson's defaults: no unquoted names, single quotes, comments, NaN or leading
   * zeros) plus duplicate names refused. The nesting limit is also {@link JsonBytes}'s, as a backstop;
   * names may be longer in bytes than Jackson's default because JsonShape checks that limit in chars.
   */
  private static final JsonFactory STRICT = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .streamReadConstraints(StreamReadConstraints.defaults().rebuild()
          .maxNestingDepth(ConnectCodec.MAX_JSON_DEPTH)
          .maxNameLength(3 * JsonShape.MAX_NAME_CHARS) // UTF-8 takes at most 3 bytes per char
          .build())
      .build();

  private JsonRequest() {}

  static Message decode(Buffer body, Message prototype) {
    if (body.length() == 0) {
      throw RpcException.invalidArgument("empty request body: send at least {}");
    }
    // one copy of a small body (reading Vert.x's array in place would need its internal API)
    byte[] copy = body.getBytes();
    return decode(copy, 0, copy.length, prototype);
  }

  private static Message decode(byte[] in, int from, int length, Message prototype) {
    JsonBytes.check(in, from, from + length);
    if (guessedNotUtf8(in, from, length)) {
      throw notJson(prototype);
    }
    Message.Builder builder = prototype.newBuilderForType();
    try (JsonParser p = STRICT.createParser(in, from, length)) {
      JsonShape.next(p);
      RpcException wrongShape = null;
      try {
        JsonShape.read(p, builder);
      } catch (RpcException e) {
        wrongShape = e;
        while (!p.getParsingContext().inRoot()) {
          JsonShape.next(p); // the rest must still be JSON
        }
      }
      if (p.nextToken() != null) {
        throw notJson(prototype); // trailing data
      }
      if (wrongShape != null) {
        throw wrongShape;
      }
      return builder.build();
    } catch (IOException e) {
      throw notJson(prototype);
    }
  }

  /**
   * Jackson's byte parser guesses the encoding: a zero byte among the first four means UTF-16 or 32 to
   * it, and it drops a UTF-8 byte order mark. The body is UTF-8 by contract, and neither a zero byte
   * nor a byte order mark is JSON: refuse both, as a UTF-8 parser does.
   */
  private static boolean guessedNotUtf8(byte[] in, int from, int length) {
    for (int i = from; i < from + Math.min(4, length); i++) {
      if (in[i] == 0) {
        return true;
      }
    }
    return length >= 3 && in[from] == (byte) 0xEF && in[from + 1] == (byte) 0xBB && in[from + 2] == (byte) 0xBF;
  }

  private static RpcException notJson(Message prototype) {
    return RpcException.invalidArgument("request is not valid JSON for " + prototype.getDescriptorForType().getName());
  }
}
