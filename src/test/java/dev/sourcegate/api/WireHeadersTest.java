package dev.sourcegate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.testkit.FakeGitHub;
import dev.sourcegate.testkit.RawHttp;
import dev.sourcegate.testkit.TestGateway;
import io.vertx.core.Vertx;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reply headers as they leave the socket, spelled exactly: the gateway writes its header names and
 * fixed values from constants made once (HeaderNames), and a client or proxy that compares them as
 * bytes must see what it always saw. Raw sockets, so nothing in between normalises them.
 */
class WireHeadersTest {
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

  private String exchange(String extraHeaders, String body) throws Exception {
    try (Socket s = new Socket("127.0.0.1", gw.port())) {
      s.setSoTimeout(60_000);
      OutputStream out = s.getOutputStream();
      out.write(("POST /vcs.v1.VCSService/GithubApp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + extraHeaders + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return RawHttp.response(s.getInputStream());
    }
  }

  private static List<String> headerLines(String response) {
    return List.of(response.substring(0, response.indexOf("\r\n\r\n")).split("\r\n"));
  }

  @Test
  void anAnswerCarriesItsHeadersSpelledAsBefore() throws Exception {
    List<String> lines = headerLines(exchange("X-Request-Id: wire-1\r\n", "{}"));
    assertEquals("HTTP/1.1 200 OK", lines.get(0), lines.toString());
    assertTrue(lines.contains("Content-Type: application/json"), lines.toString());
    assertTrue(lines.contains("X-Request-Id: wire-1"), lines.toString());
  }

  @Test
  void aGzippedAnswerSaysSoAsBefore() throws Exception {
    List<String> lines = headerLines(exchange("Accept-Encoding: gzip\r\n", "{}"));
    assertEquals("HTTP/1.1 200 OK", lines.get(0), lines.toString());
    assertTrue(lines.contains("Content-Encoding: gzip"), lines.toString());
    assertTrue(lines.contains("Vary: Accept-Encoding"), lines.toString());
    assertTrue(lines.contains("Content-Type: application/json"), lines.toString());
  }

  @Test
  void anErrorThatEndsTheConnectionSaysSoAsBefore() throws Exception {
    try (Socket s = new Socket("127.0.0.1", gw.port())) {
      s.setSoTimeout(60_000);
      OutputStream out = s.getOutputStream();
      // a declared body over the limit: refused on the headers, and the connection cannot carry on
      out.write(("POST /vcs.v1.VCSService/GithubApp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Content-Length: 999999999\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      List<String> lines = headerLines(RawHttp.response(s.getInputStream()));
      assertTrue(lines.get(0).startsWith("HTTP/1.1 429"), lines.toString());
      assertTrue(lines.contains("Content-Type: application/json"), lines.toString());
      assertTrue(lines.contains("Connection: close"), lines.toString());
    }
  }
}
