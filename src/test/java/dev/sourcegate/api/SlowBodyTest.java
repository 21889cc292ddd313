package dev.sourcegate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.testkit.RawHttp;
import dev.sourcegate.testkit.FakeGitHub;
import dev.sourcegate.testkit.TestGateway;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Connect deadline covers the reading of the request body: a body that stops half way is answered
 * deadline_exceeded once the deadline passes (checked by the HTTP verticle's sweep), never before, and a
 * body sent in pieces within the deadline is served. Raw sockets, so the test decides when each byte
 * leaves. What is asserted is behaviour, not speed: a busy machine may answer late, never wrongly, and
 * deadlines that must not pass are far longer than any healthy answer takes.
 */
class SlowBodyTest {
  private Vertx vertx;
  private FakeGitHub fake;
  private TestGateway gw;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    fake = new FakeGitHub(vertx);
    fake.start().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    java.util.Map<String, String> env = new java.util.HashMap<>(TestGateway.env(fake));
    // the Connect deadline is what is tested here, not the shorter body timeout
    env.put("SOURCEGATE_BODY_TIMEOUT_MS", "60000");
    gw = TestGateway.start(vertx, env).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    gw.stop().compose(v -> fake.stop()).compose(v -> vertx.close())
        .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private static String head(int contentLength, long timeoutMs) {
    return "POST /vcs.v1.VCSService/GithubApp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + "Connect-Timeout-Ms: " + timeoutMs + "\r\nContent-Length: " + contentLength + "\r\n\r\n";
  }

  @Test
  void aBodyThatStopsHalfWayMeetsTheDeadline() throws Exception {
    try (Socket s = new Socket("127.0.0.1", gw.port())) {
      s.setSoTimeout(60_000);
      OutputStream out = s.getOutputStream();
      long started = System.nanoTime();
      out.write((head(20, 300) + "{\"a\":").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String res = RawHttp.response(s.getInputStream());
      long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      assertTrue(res.startsWith("HTTP/1.1 504"), res);
      assertTrue(res.contains("\"code\":\"deadline_exceeded\""), res);
      assertTrue(res.contains("deadline of 300 ms exceeded"), res);
      // the deadline runs from the headers' arrival, after this clock started: never answered before it
      assertTrue(tookMs >= 300, "answered after " + tookMs + " ms");
    }
  }

  @Test
  void aBodySentInPiecesWithinTheDeadlineIsServed() throws Exception {
    try (Socket s = new Socket("127.0.0.1", gw.port())) {
      s.setSoTimeout(60_000);
      s.setTcpNoDelay(true);
      OutputStream out = s.getOutputStream();
      out.write((head(2, 30_000) + "{").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread.sleep(3 * SweptDeadlines.SWEEP_MS + 50); // sweeps pass while the body is awaited (30 s allowed)
      out.write("}".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String res = RawHttp.response(s.getInputStream());
      assertTrue(res.startsWith("HTTP/1.1 200"), res);
      assertTrue(res.contains(TestGateway.CLIENT_ID), res);
    }
  }

  @Test
  void requestsServedOnOneConnectionGetNoLateAnswerWhenTheirDeadlinesPass() throws Exception {
    // what is tested: a served request leaves the sweep's list, so its deadline passing later answers
    // nothing. The deadline (3 s) is far longer than serving a GithubApp takes, so only a bug fails it
    long deadlineMs = 3_000;
    try (Socket s = new Socket("127.0.0.1", gw.port())) {
      s.setSoTimeout(60_000);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      long lastSent = 0;
      for (int i = 0; i < 20; i++) {
        lastSent = System.nanoTime();
        out.write((head(2, deadlineMs) + "{}").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String res = RawHttp.response(in);
        assertEquals("HTTP/1.1 200", res.substring(0, 12), res);
      }
      // every deadline has passed once this much time has gone since the last request was sent
      long waitNanos = TimeUnit.MILLISECONDS.toNanos(deadlineMs + 4 * SweptDeadlines.SWEEP_MS) - (System.nanoTime() - lastSent);
      if (waitNanos > 0) {
        TimeUnit.NANOSECONDS.sleep(waitNanos);
      }
      assertEquals(0, in.available(), "no late answer for a request already served");
      out.write((head(2, 30_000) + "{}").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertTrue(RawHttp.response(in).startsWith("HTTP/1.1 200"));
    }
  }
}
