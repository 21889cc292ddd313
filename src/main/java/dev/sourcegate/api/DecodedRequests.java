package dev.sourcegate.api;

import com.google.protobuf.Message;
import dev.sourcegate.bus.KnownAnswers;
import dev.sourcegate.ops.WeighedLru;
import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.buffer.impl.BufferImpl;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;

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
 * <p>Keys hold the body's bytes in a plain array and their hash, computed once: the body's hash over
 * eight bytes at a time from a seed drawn per verticle, and equals and compareTo over the arrays with the
 * JDK's vectorised range comparisons (Buffer's own hash and equals read the bytes through Netty's checked
 * accessors, four or eight at a time, and were most of a look-up's cost). An incoming body that has an
 * array is looked up in place, with no copy. The hash is no defence against bytes crafted to collide
 * (inside a field the service ignores, before any session is checked): keys are Comparable, so colliding
 * bodies sit in a tree and a look-up costs a few comparisons. Bounded in bytes; used from the verticle's
 * event loop only.
 */
final class DecodedRequests {
  /** Bodies larger than this are decoded every time (a GetFile body is a few hundred bytes). */
  static final int MAX_BODY_BYTES = 2048;
  /**
   * Bytes charged in all, per verticle, at most: about 3,800 bodies of a realistic 255 bytes. At 1 MiB
   * (about 960 such bodies) a hot set of 1,000 distinct clicks already pushed its least-clicked ones out
   * on every loop, to be decoded again and their memo started afresh. The bound a verticle takes is also
   * held to its share of 1/64 of the heap ({@link #boundFor}), since there is one verticle per core and
   * the memo fills before any session is checked.
   */
  static final long MAX_KEPT_BYTES = 4L << 20;
  /** The least a verticle's memo may hold, whatever the heap: about 240 such bodies. */
  static final long MIN_KEPT_BYTES = 256L << 10;
  /**
   * Charged per entry on top of twice the body's length (the body, and the strings decoded from it): the
   * entry, the key, and the warm front's memo (its checked request and key, a weak reference to the
   * answer, the last allowed caller's token digest). Measured with JOL for 1,000 realistic 255-byte
   * bodies: about 1,060 bytes an entry in all, when a key still held its body as a Buffer; a review
   * estimated the array key (about 80 bytes less) plus the digest the memo now keeps at about 1,060 again,
   * within the 1,086 charged for such a body.
   */
  static final int ENTRY_OVERHEAD = 576;

  /** A decoded request and the warm front's memo of it, kept together so that the same bytes find both. */
  record Decoded(Message request, KnownAnswers.Memo memo) {
    Decoded(Message request) {
      this(request, new KnownAnswers.Memo());
    }
  }

  /** How a key's hash is made from its bytes (a fixed one in tests, to make every key collide). */
  interface BodyHash {
    int of(byte[] bytes, int from, int length);
  }

  /** A codec and bytes[from, from + length): a kept key owns an exact copy, a probe views a request's array. */
  private static final class Key implements Comparable<Key> {
    final ConnectCodec codec;
    final byte[] bytes;
    final int from;
    final int length;
    final int hash;

    Key(ConnectCodec codec, byte[] bytes, int from, int length, int bodyHash) {
      this.codec = codec;
      this.bytes = bytes;
      this.from = from;
      this.length = length;
      this.hash = 31 * codec.ordinal() + bodyHash;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && hash == k.hash && codec == k.codec && length == k.length
          && Arrays.equals(bytes, from, from + length, k.bytes, k.from, k.from + k.length);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public int compareTo(Key o) {
      int byCodec = codec.compareTo(o.codec);
      return byCodec != 0 ? byCodec
          : Arrays.compareUnsigned(bytes, from, from + length, o.bytes, o.from, o.from + o.length);
    }
  }

  private final WeighedLru<Key, Decoded> recent;
  private final BodyHash bodyHash;

  DecodedRequests() {
    this(MAX_KEPT_BYTES);
  }

  /** maxKeptBytes: this verticle's bound (see {@link #boundFor}). */
  DecodedRequests(long maxKeptBytes) {
    this(maxKeptBytes, new SeededHash(new SplittableRandom().nextLong()));
  }

  DecodedRequests(long maxKeptBytes, BodyHash bodyHash) {
    this.recent = new WeighedLru<>(maxKeptBytes, (k, m) -> charge(k.length));
    this.bodyHash = bodyHash;
  }

  /** One verticle's bound when loops verticles share a heap of maxHeapBytes: 1/64 of it in all, within the limits. */
  static long boundFor(long maxHeapBytes, int loops) {
    return Math.max(MIN_KEPT_BYTES, Math.min(MAX_KEPT_BYTES, maxHeapBytes / 64 / Math.max(1, loops)));
  }

  static long charge(int bodyLength) {
    return 2L * bodyLength + ENTRY_OVERHEAD;
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
    byte[] bytes;
    int from;
    int length;
    ByteBuf buf = body instanceof BufferImpl impl ? impl.byteBuf() : null;
    if (buf != null && buf.hasArray() && buf.readerIndex() == 0) {
      // a Vert.x heap buffer (a request body is copied into one): its bytes are the array's from its offset
      bytes = buf.array();
      from = buf.arrayOffset();
      length = buf.writerIndex();
    } else {
      // exactly the bytes the codec decodes (getBytes), whatever the buffer's reader index says
      bytes = body.getBytes();
      from = 0;
      length = bytes.length;
      if (length > MAX_BODY_BYTES) {
        return new Decoded(codec.decode(body, rpc.prototype()));
      }
    }
    int hash = bodyHash.of(bytes, from, length);
    Decoded known = recent.get(new Key(codec, bytes, from, length, hash));
    if (known == null) {
      known = new Decoded(codec.decode(body, rpc.prototype()));
      // a copy of exactly the body: the request's own array may be larger and is not ours to keep
      recent.put(new Key(codec, Arrays.copyOfRange(bytes, from, from + length), 0, length, hash), known);
    }
    return known;
  }

  int size() {
    return recent.size();
  }

  long keptBytes() {
    return recent.weight();
  }

  /**
   * A 64-bit multiply-rotate hash over the bytes, eight at a time in two independent lanes (so that one
   * lane's multiply does not wait for the other's), then a final mix. Not cryptographic, and no defence
   * against crafted collisions even with its seed (they can be built for any seed): the tree bins are.
   */
  static final class SeededHash implements BodyHash {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long M1 = 0x9E3779B97F4A7C15L;
    private static final long M2 = 0xC2B2AE3D27D4EB4FL;
    private final long seed;

    SeededHash(long seed) {
      this.seed = seed;
    }

    @Override
    public int of(byte[] bytes, int from, int length) {
      long h1 = seed;
      long h2 = ~seed;
      int i = from;
      int end = from + length;
      for (; i + 16 <= end; i += 16) {
        h1 = Long.rotateLeft((h1 ^ (long) LONGS.get(bytes, i)) * M1, 31);
        h2 = Long.rotateLeft((h2 ^ (long) LONGS.get(bytes, i + 8)) * M2, 29);
      }
      if (i + 8 <= end) {
        h1 = Long.rotateLeft((h1 ^ (long) LONGS.get(bytes, i)) * M1, 31);
        i += 8;
      }
      for (; i < end; i++) {
        h2 = Long.rotateLeft((h2 ^ (bytes[i] & 0xFF)) * M2, 29);
      }
      long h = h1 ^ Long.rotateLeft(h2, 17) ^ length;
      h = (h ^ (h >>> 33)) * 0xFF51AFD7ED558CCDL;
      h = (h ^ (h >>> 33)) * M2;
      return (int) (h ^ (h >>> 32));
    }
  }
}
