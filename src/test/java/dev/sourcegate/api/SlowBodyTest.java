package dev.sourcegate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.testkit.FakeGitHub;
import dev.sourcegate.testkit.TestGateway;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
 * deadline_exceeded once the deadline passes (checked by the HTTP verticle's sweep, at most
 * SweptDeadlines.SWEEP_MS late), and a body sent in pieces within the deadline is served. Raw sockets,
 * so the test decides when each byte leaves.
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
    gw = TestGateway.start(vertx, TestGateway.env(fake)).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
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

  /** Reads one response (headers and a Content-Length body) from the socket. */
  private static String response(InputStream in) throws IOException {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    int length = -1;
    int headEnd = -1;
    while (true) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      got.write(b);
      String text = got.toString(StandardCharsets.ISO_8859_1);
      if (headEnd < 0 && text.endsWith("\r\n\r\n")) {
        headEnd = text.length();
        for (String line : text.split("\r\n")) {
          if (line.toLowerCase().startsWith("content-length:")) {
            length = Integer.parseInt(line.substring(15).trim());
          }
        }
      }
      if (headEnd >= 0 && text.length() - headEnd >= Math.max(0, length)) {
        break;
      }
    }
    return got.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aBodyThatStopsHalfWayMeetsTheDeadline() throws Exception {
    try (Socket s = new Socket("127.0.0.1", gw.port())) {
      s.setSoTimeout(5_000);
      OutputStream out = s.getOutputStream();
      long started = System.nanoTime();
      out.write((head(20, 300) + "{\"a\":").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String res = response(s.getInputStream());
      long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      assertTrue(res.startsWith("HTTP/1.1 504"), res);
      assertTrue(res.contains("\"code\":\"deadline_exceeded\""), res);
      assertTrue(res.contains("deadline of 300 ms exceeded"), res);
      assertTrue(tookMs >= 290 && tookMs < 300 + 4 * SweptDeadlines.SWEEP_MS + 400, "answered after " + tookMs + " ms");
    }
  }

  @Test
  void aBodySentInPiecesWithinTheDeadlineIsServed() throws Exception {
    try (Socket s = new Socket("127.0.0.1", gw.port())) {
      s.setSoTimeout(5_000);
      s.setTcpNoDelay(true);
      OutputStream out = s.getOutputStream();
      out.write((head(2, 5_000) + "{").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread.sleep(3 * SweptDeadlines.SWEEP_MS + 50); // sweeps pass while the body is awaited
      out.write("}".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String res = response(s.getInputStream());
      assertTrue(res.startsWith("HTTP/1.1 200"), res);
      assertTrue(res.contains(TestGateway.CLIENT_ID), res);
    }
  }

  @Test
  void quickRequestsWithShortDeadlinesOnOneConnectionAreAllServed() throws Exception {
    try (Socket s = new Socket("127.0.0.1", gw.port())) {
      s.setSoTimeout(5_000);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      for (int i = 0; i < 200; i++) {
        out.write((head(2, 200) + "{}").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String res = response(in);
        assertEquals("HTTP/1.1 200", res.substring(0, 12), res);
      }
      // their deadlines pass while the connection idles: nothing is answered for them any more
      Thread.sleep(200 + 2 * SweptDeadlines.SWEEP_MS);
      assertEquals(0, in.available(), "no late answer for a request already served");
      out.write((head(2, 5_000) + "{}").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertTrue(response(in).startsWith("HTTP/1.1 200"));
    }
  }
}
