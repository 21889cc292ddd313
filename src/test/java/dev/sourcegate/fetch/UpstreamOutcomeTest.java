package dev.sourcegate.fetch;

import dev.sourcegate.fetch.ssrf.TransportFailures;
import dev.sourcegate.fetch.ssrf.UpstreamResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.fetch.isolation.Outcome;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Which ends of an upstream call count against the upstream, and how failures are named. */
class UpstreamOutcomeTest {
  private static Future<UpstreamResponse> status(int status, String... headers) {
    MultiMap h = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < headers.length; i += 2) {
      h.add(headers[i], headers[i + 1]);
    }
    return Future.succeededFuture(new UpstreamResponse(status, h, Buffer.buffer()));
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 504})
  void serverErrorsAreFaults(int s) {
    assertEquals(Outcome.FAULT, UpstreamClient.outcome(status(s), false));
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 304, 400, 401, 404, 409, 422})
  void answersBelow500AreAnswers(int s) {
    assertEquals(Outcome.ANSWERED, UpstreamClient.outcome(status(s), false));
  }

  @Test
  void rateLimitAnswersAreNotFaults() {
    assertEquals(Outcome.ANSWERED, UpstreamClient.outcome(status(403, "X-RateLimit-Remaining", "0"), false));
    assertEquals(Outcome.ANSWERED, UpstreamClient.outcome(status(429, "Retry-After", "30"), false));
  }

  @Test
  void connectionErrorsAndTheUpstreamsOwnTimeoutAreFaults() {
    assertEquals(Outcome.FAULT, UpstreamClient.outcome(
        Future.failedFuture(TransportFailures.of(new IOException("Connection reset by peer"), "GitHub")), false));
    assertEquals(Outcome.FAULT, UpstreamClient.outcome(
        Future.failedFuture(TransportFailures.of(new TimeoutException("idle"), "GitHub")), false));
    assertEquals(Outcome.FAULT, UpstreamClient.outcome(
        Future.failedFuture(TransportFailures.of(new ConnectTimeoutException("connect"), "GitHub")), false));
  }

  @Test
  void theCallersDeadlineRunningOutIsNotAFault() {
    assertEquals(Outcome.NEUTRAL, UpstreamClient.outcome(
        Future.failedFuture(TransportFailures.of(new TimeoutException("idle"), "GitHub")), true));
  }

  @Test
  void anAnswerTooLargeForUsIsNotAFault() {
    assertEquals(Outcome.NEUTRAL, UpstreamClient.outcome(
        Future.failedFuture(new RpcException(Code.RESOURCE_EXHAUSTED, "the upstream answer is larger than the limit")), false));
  }

  @Test
  void transportFailuresNameTheUpstreamNeverTheHost() {
    RpcException reset = TransportFailures.of(new IOException("Connection reset by ghe.corp.internal/10.0.0.7:443"), "GitHub");
    assertEquals("GitHub could not be reached", reset.getMessage());
    RpcException slow = TransportFailures.of(new TimeoutException("ghe.corp.internal"), "GitHub");
    assertEquals("GitHub did not answer in time", slow.getMessage());
    assertFalse(slow.getMessage().contains("corp"));
  }
}
