package dev.sourcegate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Message;
import dev.sourcegate.api.proto.GetFileRequest;
import dev.sourcegate.rpc.RpcException;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

/** The per-verticle memo of decoded requests: same bytes, same message; refusals and big bodies never kept. */
class DecodedRequestsTest {
  private final DecodedRequests memo = new DecodedRequests();

  private static Buffer json(String s) {
    return Buffer.buffer(s);
  }

  @Test
  void theSameBytesGiveTheSameMessageWhateverBufferTheyComeIn() {
    String body = "{\"repositoryURL\":\"https://github.com/acme/app\",\"ref\":\"main\",\"localPath\":\"a.go\"}";
    Message first = memo.decode(Rpc.GET_FILE, ConnectCodec.JSON, json(body));
    Message again = memo.decode(Rpc.GET_FILE, ConnectCodec.JSON, json(body));
    assertSame(first, again);
    assertEquals("a.go", ((GetFileRequest) first).getLocalPath());
    assertEquals(1, memo.size());
  }

  @Test
  void theSameBytesBringTheSameMemoAndBytesNotKeptAFreshOne() {
    String body = "{\"repositoryURL\":\"https://github.com/acme/app\",\"ref\":\"main\",\"localPath\":\"a.go\"}";
    DecodedRequests.Decoded first = memo.decoded(Rpc.GET_FILE, ConnectCodec.JSON, json(body));
    first.memo().set("what the warm front worked out");
    DecodedRequests.Decoded again = memo.decoded(Rpc.GET_FILE, ConnectCodec.JSON, json(body));
    assertSame(first.memo(), again.memo());
    assertEquals("what the warm front worked out", again.memo().get());
    DecodedRequests.Decoded other = memo.decoded(Rpc.GET_FILE, ConnectCodec.JSON, json(body.replace("a.go", "b.go")));
    assertEquals(null, other.memo().get());
    DecodedRequests.Decoded commit = memo.decoded(Rpc.GET_COMMIT, ConnectCodec.JSON, json("{\"ref\":\"main\"}"));
    commit.memo().set("x");
    assertEquals(null, memo.decoded(Rpc.GET_COMMIT, ConnectCodec.JSON, json("{\"ref\":\"main\"}")).memo().get(),
        "a body that is not kept gets a fresh memo each time");
  }

  @Test
  void bytesThatDifferInAnyWayAreDecodedOnTheirOwn() {
    Message a = memo.decode(Rpc.GET_FILE, ConnectCodec.JSON, json("{\"localPath\":\"a.go\"}"));
    Message b = memo.decode(Rpc.GET_FILE, ConnectCodec.JSON, json("{\"localPath\":\"a.go\" }"));
    assertNotSame(a, b);
    assertEquals(a, b);
    byte[] proto = GetFileRequest.newBuilder().setLocalPath("a.go").build().toByteArray();
    Message p = memo.decode(Rpc.GET_FILE, ConnectCodec.PROTO, Buffer.buffer(proto));
    assertEquals(a, p);
    assertEquals(3, memo.size());
  }

  @Test
  void onlyGetFileIsKeptAndALoginCodeNeverIs() {
    Message c = memo.decode(Rpc.GET_COMMIT, ConnectCodec.JSON, json("{\"ref\":\"main\"}"));
    assertTrue(c instanceof dev.sourcegate.api.proto.GetCommitRequest);
    Message login = memo.decode(Rpc.GITHUB_LOGIN, ConnectCodec.JSON, json("{\"authorizationCode\":\"one-time\"}"));
    assertTrue(login instanceof dev.sourcegate.api.proto.GithubLoginRequest);
    assertNotSame(login, memo.decode(Rpc.GITHUB_LOGIN, ConnectCodec.JSON, json("{\"authorizationCode\":\"one-time\"}")));
    assertEquals(0, memo.size());
  }

  @Test
  void bodiesWithTheSameHashAreToldApart() {
    // every body hashes alike, as bytes crafted against the hash would: each is still found as itself
    DecodedRequests colliding = new DecodedRequests(DecodedRequests.MAX_KEPT_BYTES, (bytes, from, length) -> 7);
    java.util.List<String> bodies = new java.util.ArrayList<>();
    for (int i = 0; i < 64; i++) {
      bodies.add("{\"localPath\":\"f" + i + ".go\"}");
    }
    for (int round = 0; round < 2; round++) {
      for (String body : bodies) {
        GetFileRequest r = (GetFileRequest) colliding.decode(Rpc.GET_FILE, ConnectCodec.JSON, json(body));
        assertEquals(body, "{\"localPath\":\"" + r.getLocalPath() + "\"}");
      }
    }
    assertEquals(64, colliding.size());
    // one body a prefix of another, and the same bytes in two codecs, are told apart too
    Message shorter = colliding.decode(Rpc.GET_FILE, ConnectCodec.PROTO, Buffer.buffer(new byte[] {0x1a, 0x01, 'a'}));
    Message longer = colliding.decode(Rpc.GET_FILE, ConnectCodec.PROTO, Buffer.buffer(new byte[] {0x1a, 0x01, 'a', 0x22, 0x00}));
    assertNotSame(shorter, longer);
    assertEquals(66, colliding.size());
  }

  @Test
  void aBodyIsFoundWhereverItsBytesSitInTheirBuffer() {
    String body = "{\"localPath\":\"a.go\"}";
    Message first = memo.decode(Rpc.GET_FILE, ConnectCodec.JSON, json(body));
    // a slice over a larger array (its bytes start past the array's start) and a direct buffer (no array)
    io.netty.buffer.ByteBuf wide = io.netty.buffer.Unpooled.wrappedBuffer(("xx" + body + "yy").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Buffer slice = io.vertx.core.internal.buffer.BufferInternal.buffer(wide.slice(2, body.length()));
    io.netty.buffer.ByteBuf direct = io.netty.buffer.Unpooled.directBuffer().writeBytes(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertSame(first, memo.decode(Rpc.GET_FILE, ConnectCodec.JSON, slice));
    assertSame(first, memo.decode(Rpc.GET_FILE, ConnectCodec.JSON, io.vertx.core.internal.buffer.BufferInternal.buffer(direct)));
    // a longer array holding the same bytes and more is another body
    Buffer longer = io.vertx.core.internal.buffer.BufferInternal.buffer(wide.slice(2, body.length() + 1));
    assertNotSame(first, memo.decode(Rpc.GET_FILE, ConnectCodec.JSON, json(body + " ")));
    assertThrows(RpcException.class, () -> memo.decode(Rpc.GET_FILE, ConnectCodec.JSON, longer));
    assertEquals(2, memo.size());
  }

  @Test
  void aBufferReadPastItsStartIsKeptByAllTheBytesItDecodes() {
    // the codec decodes getBytes(), from index 0 whatever the reader index: the key must cover the same
    String a = "{\"localPath\":\"a.go\"}";
    String b = "{\"localPath\":\"a.go\"} ";
    io.netty.buffer.ByteBuf readA = io.netty.buffer.Unpooled.wrappedBuffer(a.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    readA.readerIndex(2);
    io.netty.buffer.ByteBuf readB = io.netty.buffer.Unpooled.wrappedBuffer(b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    readB.readerIndex(3);
    Buffer bufA = io.vertx.core.internal.buffer.BufferInternal.buffer(readA);
    Buffer bufB = io.vertx.core.internal.buffer.BufferInternal.buffer(readB);
    Message fromA = memo.decode(Rpc.GET_FILE, ConnectCodec.JSON, bufA);
    Message fromB = memo.decode(Rpc.GET_FILE, ConnectCodec.JSON, bufB);
    assertEquals("a.go", ((GetFileRequest) fromA).getLocalPath());
    assertNotSame(fromA, fromB, "bodies that differ in their last bytes are two bodies");
    assertSame(fromA, memo.decode(Rpc.GET_FILE, ConnectCodec.JSON, json(a)), "the same bytes, however buffered");
  }

  @Test
  void aVerticlesBoundIsItsShareOfTheHeapWithinLimits() {
    long mib = 1L << 20;
    assertEquals(DecodedRequests.MAX_KEPT_BYTES, DecodedRequests.boundFor(1024 * mib, 2), "1 GiB, 2 loops: the most");
    assertEquals(2 * mib, DecodedRequests.boundFor(256 * mib, 2), "a 256 MiB sidecar heap on 2 loops: 4 MiB in all");
    assertEquals(DecodedRequests.MIN_KEPT_BYTES, DecodedRequests.boundFor(256 * mib, 64), "64 loops: the least");
    assertTrue(64 * DecodedRequests.boundFor(512 * mib, 64) <= 512 * mib / 32, "never a large share of the heap");
    DecodedRequests small = new DecodedRequests(DecodedRequests.MIN_KEPT_BYTES);
    for (int i = 0; i < 2_000; i++) {
      small.decode(Rpc.GET_FILE, ConnectCodec.JSON, json("{\"localPath\":\"f" + i + ".go\"}"));
      assertTrue(small.keptBytes() <= DecodedRequests.MIN_KEPT_BYTES);
    }
  }

  @Test
  void theSeededHashSpreadsNearbyBodiesAndDependsOnTheSeed() {
    DecodedRequests.SeededHash a = new DecodedRequests.SeededHash(1);
    DecodedRequests.SeededHash b = new DecodedRequests.SeededHash(2);
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    int sameUnderBothSeeds = 0;
    for (int i = 0; i < 10_000; i++) {
      byte[] bytes = ("{\"localPath\":\"pkg/file" + i + ".go\",\"ref\":\"main\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
      int h = a.of(bytes, 0, bytes.length);
      seen.add(h);
      if (h == b.of(bytes, 0, bytes.length)) {
        sameUnderBothSeeds++;
      }
      // the hash of bytes viewed inside a larger array is the hash of the bytes alone
      byte[] padded = new byte[bytes.length + 7];
      System.arraycopy(bytes, 0, padded, 3, bytes.length);
      assertEquals(h, a.of(padded, 3, bytes.length));
    }
    assertTrue(seen.size() >= 9_990, "distinct hashes: " + seen.size());
    assertTrue(sameUnderBothSeeds <= 2, "same under two seeds: " + sameUnderBothSeeds);
  }

  @Test
  void aRefusedBodyIsRefusedEveryTimeAndNotKept() {
    for (int i = 0; i < 3; i++) {
      RpcException e = assertThrows(RpcException.class,
          () -> memo.decode(Rpc.GET_FILE, ConnectCodec.JSON, json("{\"localPath\":\"a\",\"localPath\":\"b\"}")));
      assertTrue(e.getMessage().length() > 0);
      assertThrows(RpcException.class, () -> memo.decode(Rpc.GET_FILE, ConnectCodec.JSON, json("{\"ref\": 12}")));
    }
    assertEquals(0, memo.size());
  }

  @Test
  void aBodyOverTheLimitIsDecodedButNotKept() {
    String big = "{\"functionName\":\"" + "f".repeat(DecodedRequests.MAX_BODY_BYTES) + "\"}";
    Message m1 = memo.decode(Rpc.GET_FILE, ConnectCodec.JSON, json(big));
    Message m2 = memo.decode(Rpc.GET_FILE, ConnectCodec.JSON, json(big));
    assertEquals(m1, m2);
    assertNotSame(m1, m2);
    assertEquals(0, memo.size());
  }

  @Test
  void keptBytesStayWithinTheBoundAndTheRecentlyUsedStay() {
    String hot = "{\"localPath\":\"hot.go\"}";
    Message hotMessage = memo.decode(Rpc.GET_FILE, ConnectCodec.JSON, json(hot));
    for (int i = 0; i < 20_000; i++) {
      memo.decode(Rpc.GET_FILE, ConnectCodec.JSON, json("{\"localPath\":\"f" + i + ".go\"}"));
      if (i % 100 == 0) {
        assertSame(hotMessage, memo.decode(Rpc.GET_FILE, ConnectCodec.JSON, json(hot)), "used often: kept");
      }
      assertTrue(memo.keptBytes() <= DecodedRequests.MAX_KEPT_BYTES, "kept " + memo.keptBytes());
    }
    assertTrue(memo.size() < 20_000, "old entries were dropped: " + memo.size());
  }
}
