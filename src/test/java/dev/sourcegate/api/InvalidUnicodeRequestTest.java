package dev.sourcegate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.auth.SessionCookie;
import dev.sourcegate.testkit.FakeGitHub;
import dev.sourcegate.testkit.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A lone surrogate (escaped in JSON) or bytes that are not UTF-8 (in JSON or in a binary string field) are
 * refused with invalid_argument before anything is asked upstream: they must never leave as '?'.
 */
@ExtendWith(VertxExtension.class)
class InvalidUnicodeRequestTest {
  private FakeGitHub fake;
  private TestGateway gw;
  private final String cookie = TestGateway.cookieFor("gho_user");

  @BeforeEach
  void start(Vertx vertx, VertxTestContext tc) {
    fake = new FakeGitHub(vertx);
    fake.file("acme", "app", "main", "a?.py", "wrong file");
    TestGateway.start(vertx, fake, Map.of(), Clock.systemUTC()).onComplete(tc.succeeding(g -> {
      gw = g;
      tc.completeNow();
    }));
  }

  @AfterEach
  void stop(VertxTestContext tc) {
    gw.stop().compose(v -> fake.stop()).onComplete(tc.succeedingThenComplete());
  }

  private Future<HttpResponse<Buffer>> post(String method, String contentType, Buffer body) {
    return gw.client().post("/vcs.v1.VCSService/" + method).putHeader("Content-Type", contentType)
        .putHeader("Cookie", SessionCookie.NAME + "=" + cookie).sendBuffer(body);
  }

  @Test
  void jsonWithAnEscapedLoneSurrogateIsRefused(VertxTestContext tc) {
    String getFile = "{\"repositoryURL\":\"https://github.com/acme/app\",\"ref\":\"main\",\"localPath\":\"a\\ud800.py\"}";
    String getCommits = "{\"repositoryUrl\":\"https://github.com/acme/app\",\"refs\":[\"main\\udc00\"]}";
    post("GetFile", "application/json", Buffer.buffer(getFile))
        .compose(a -> post("GetCommits", "application/json", Buffer.buffer(getCommits)).map(b -> List.of(a, b)))
        .onComplete(tc.succeeding(both -> tc.verify(() -> {
          for (HttpResponse<Buffer> res : both) {
            assertEquals(400, res.statusCode(), res.bodyAsString());
            JsonObject body = res.bodyAsJsonObject();
            assertEquals("invalid_argument", body.getString("code"));
            assertTrue(body.getString("message").contains("lone surrogate"), body::encode);
          }
          assertTrue(fake.requests().isEmpty(), () -> "nothing sent upstream: " + fake.paths());
          tc.completeNow();
        })));
  }

  @Test
  void rawInvalidUtf8IsRefusedInJsonAndInBinary(VertxTestContext tc) {
    Buffer json = Buffer.buffer("{\"repositoryURL\":\"https://github.com/acme/app\",\"localPath\":\"a")
        .appendBytes(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}).appendString(".py\"}");
    byte[] url = "https://github.com/acme/app".getBytes(StandardCharsets.UTF_8);
    Buffer proto = Buffer.buffer().appendByte((byte) 0x0a).appendByte((byte) url.length).appendBytes(url)
        .appendByte((byte) 0x1a).appendByte((byte) 5).appendBytes(new byte[] {'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80, 'y'});
    post("GetFile", "application/json", json)
        .compose(a -> post("GetFile", "application/proto", proto).map(b -> List.of(a, b)))
        .onComplete(tc.succeeding(both -> tc.verify(() -> {
          assertEquals(400, both.get(0).statusCode());
          assertEquals("request JSON is not UTF-8", both.get(0).bodyAsJsonObject().getString("message"));
          // a binary request gets a binary-protocol error answer: still a Connect JSON error body
          assertEquals(400, both.get(1).statusCode(), both.get(1).bodyAsString());
          assertEquals("invalid_argument", both.get(1).bodyAsJsonObject().getString("code"));
          assertEquals("request GetFileRequest holds a string that is not UTF-8", both.get(1).bodyAsJsonObject().getString("message"));
          assertTrue(fake.requests().isEmpty(), () -> "nothing sent upstream: " + fake.paths());
          tc.completeNow();
        })));
  }
}
