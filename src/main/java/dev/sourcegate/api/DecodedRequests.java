package dev.sourcegate.api;

import com.google.protobuf.Message;
import io.vertx.core.buffer.Buffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Requests one HTTP verticle decoded lately, by RPC, codec and exact body bytes. The same click sends the
 * same bytes (a hot function is clicked by many people, the same person clicks it again), and decoding
 * is a pure function of them: strict JSON parsing and building the message cost a visible share of a
 * warm GetFile, where hashing and comparing the bytes costs little. Only bodies that decoded are kept (a
 * refused body is decoded, and refused, afresh each time); messages are immutable, so handing the same
 * instance to several requests is safe, and it lets later look-ups keyed by the message (see
 * resolve.GetFileKeys) find it by identity. Bounded in bytes; used from the verticle's event loop only.
 */
final class DecodedRequests {
  /** Bodies larger than this are decoded every time (a GetFile body is a few hundred bytes). */
  static final int MAX_BODY_BYTES = 2048;
  /** Body bytes kept in all, per verticle (each entry is also charged a fixed overhead). */
  static final long MAX_KEPT_BYTES = 1 << 20;
  static final int ENTRY_OVERHEAD = 128;

  private record Key(Rpc rpc, ConnectCodec codec, Buffer body) {}

  private long kept;
  private final Map<Key, Message> recent = new LinkedHashMap<>(256, 0.75f, true);

  private static long charge(Buffer body) {
    return body.length() + ENTRY_OVERHEAD;
  }

  /** The request these bytes decode to; throws as the codec does for a body it refuses. */
  Message decode(Rpc rpc, ConnectCodec codec, Buffer body) {
    if (body.length() > MAX_BODY_BYTES) {
      return codec.decode(body, rpc.prototype());
    }
    Key key = new Key(rpc, codec, body);
    Message request = recent.get(key);
    if (request == null) {
      request = codec.decode(body, rpc.prototype());
      kept += charge(body);
      recent.put(key, request);
      // least recently used first
      for (var eldest = recent.keySet().iterator(); kept > MAX_KEPT_BYTES && eldest.hasNext(); ) {
        kept -= charge(eldest.next().body());
        eldest.remove();
      }
    }
    return request;
  }

  int size() {
    return recent.size();
  }

  long keptBytes() {
    return kept;
  }
}
