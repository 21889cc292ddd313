package dev.sourcegate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Message;
import dev.sourcegate.api.proto.GetFileRequest;
import dev.sourcegate.bus.RpcException;
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
  void bytesThatDifferInAnyWayAreDecodedOnTheirOwn() {
    Message a = memo.decode(Rpc.GET_FILE, ConnectCodec.JSON, json("{\"localPath\":\"a.go\"}"));
    Message b = memo.decode(Rpc.GET_FILE, ConnectCodec.JSON, json("{\"localPath\":\"a.go\" }"));
    Message c = memo.decode(Rpc.GET_COMMIT, ConnectCodec.JSON, json("{\"localPath\":\"a.go\"}"));
    assertNotSame(a, b);
    assertEquals(a, b);
    assertTrue(c instanceof dev.sourcegate.api.proto.GetCommitRequest, "the RPC is part of the key");
    byte[] proto = GetFileRequest.newBuilder().setLocalPath("a.go").build().toByteArray();
    Message p = memo.decode(Rpc.GET_FILE, ConnectCodec.PROTO, Buffer.buffer(proto));
    assertEquals(a, p);
    assertEquals(4, memo.size());
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
