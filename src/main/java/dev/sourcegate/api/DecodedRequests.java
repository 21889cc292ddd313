package dev.sourcegate.api;

import com.google.protobuf.Message;
import io.vertx.core.buffer.Buffer;
import dev.sourcegate.bus.KnownAnswers;
import dev.sourcegate.ops.WeighedLru;

/**
 * GetFile requests one HTTP verticle decoded lately, by codec and exact body bytes. The same click sends
 * the same bytes (a hot function is clicked by many people, the same person clicks it again), and
 * decoding is a pure function of them: strict JSON parsing and building the message cost a visible share
 * of a warm GetFile, where hashing and comparing the bytes costs little. Only bodies that decoded are
 * kept (a refused body is decoded, and refused, afresh each time); messages are immutable, so handing
 * the same instance to several requests is safe, and it lets later look-ups keyed by the message (see
 * resolve.GetFileKeys) find it by identity. Other RPCs are decoded every time: they are rare, and a
 * login body holds a one-time authorization code that has no business staying in memory.
 *
 * <p>The key's hash is Netty's over the bytes, which anyone can make collide (inside a field the
 * service ignores, before any session is checked); keys are Comparable, so colliding bodies sit in a
 * tree and a look-up costs a few comparisons. Bounded in bytes; used from the verticle's event loop only.
 */
final class DecodedRequests {
  /** Bodies larger than this are decoded every time (a GetFile body is a few hundred bytes). */
  static final int MAX_BODY_BYTES = 2048;
  /** Bytes charged in all, per verticle. */
  static final long MAX_KEPT_BYTES = 1 << 20;
  /**
   * Charged per entry on top of twice the body's length (the body, and the strings decoded from it): the
   * entry, the key, and the warm front's memo (its checked request and key, a weak reference to the
   * answer). Measured with JOL for 1,000 realistic 255-byte bodies: about 1,060 bytes an entry in all.
   */
  static final int ENTRY_OVERHEAD = 576;

  /** A decoded request and the warm front's memo of it, kept together so that the same bytes find both. */
  record Decoded(Message request, KnownAnswers.Memo memo) {
    Decoded(Message request) {
      this(request, new KnownAnswers.Memo());
    }
  }

  private record Key(ConnectCodec codec, Buffer body) implements Comparable<Key> {
    // equals and hashCode by hand: a record's own go through method-handle chains (ObjectMethods) that
    // the warm GetFile profile showed as not fully inlined, on a look-up made for every request
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && codec == k.codec && body.equals(k.body);
    }

    @Override
    public int hashCode() {
      return 31 * codec.hashCode() + body.hashCode();
    }

    @Override
    public int compareTo(Key o) {
      int byCodec = codec.compareTo(o.codec);
      if (byCodec != 0) {
        return byCodec;
      }
      // only colliding keys are ever compared: byte by byte, with no copy
      int n = Math.min(body.length(), o.body.length());
      for (int i = 0; i < n; i++) {
        int d = Byte.compareUnsigned(body.getByte(i), o.body.getByte(i));
        if (d != 0) {
          return d;
        }
      }
      return Integer.compare(body.length(), o.body.length());
    }
  }

  private final WeighedLru<Key, Decoded> recent = new WeighedLru<>(MAX_KEPT_BYTES, (k, m) -> charge(k.body()));

  static long charge(Buffer body) {
    return 2L * body.length() + ENTRY_OVERHEAD;
  }

  /** The request these bytes decode to; throws as the codec does for a body it refuses. */
  Message decode(Rpc rpc, ConnectCodec codec, Buffer body) {
    return decoded(rpc, codec, body).request();
  }

  /** The same, with the memo that goes with these bytes (a fresh one for bytes that are not kept). */
  Decoded decoded(Rpc rpc, ConnectCodec codec, Buffer body) {
    if (rpc != Rpc.GET_FILE || body.length() > MAX_BODY_BYTES) {
      return new Decoded(codec.decode(body, rpc.prototype()));
    }
    Decoded known = recent.get(new Key(codec, body));
    if (known == null) {
      known = new Decoded(codec.decode(body, rpc.prototype()));
      // a copy of exactly the body's size: the request's own buffer may have grown to twice that
      Buffer exact = Buffer.buffer(body.getBytes());
      recent.put(new Key(codec, exact), known);
    }
    return known;
  }

  int size() {
    return recent.size();
  }

  long keptBytes() {
    return recent.weight();
  }
}
