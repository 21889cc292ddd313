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
    // Netty's hash folds 4-byte groups as h = 31 * h + group: replacing two groups (x, y) by (x + 1, y - 31)
    // keeps it, e.g. "aaaa" "aaaz" -> "aaab" "aaa["; six such slots give 64 bodies with one hash
    String prefix = "{\"localPath\":\"xx"; // 16 bytes: the slots start on a group boundary
    java.util.List<String> bodies = new java.util.ArrayList<>();
    for (int bits = 0; bits < 64; bits++) {
      StringBuilder b = new StringBuilder(prefix);
      for (int slot = 0; slot < 6; slot++) {
        b.append((bits >> slot & 1) == 0 ? "aaaaaaaz" : "aaabaaa[");
      }
      bodies.add(b.append(".go\"}").toString());
    }
    int hash = Buffer.buffer(bodies.get(0)).hashCode();
    assertTrue(bodies.stream().allMatch(b -> Buffer.buffer(b).hashCode() == hash), "all 64 collide");
    for (int round = 0; round < 2; round++) {
      for (String body : bodies) {
        GetFileRequest r = (GetFileRequest) memo.decode(Rpc.GET_FILE, ConnectCodec.JSON, json(body));
        assertEquals(body, prefix.substring(0, 14) + r.getLocalPath() + "\"}");
      }
    }
    assertEquals(64, memo.size());
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
