package dev.sourcegate.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Identical calls in flight share one; a call stays joinable until the task that completed it has ended. */
class CoalescerTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void identicalCallsInFlightShareOneUpstreamCall() {
    Coalescer<String> calls = new Coalescer<>();
    AtomicInteger upstream = new AtomicInteger();
    Promise<String> answer = Promise.promise();
    Future<String> a = calls.call("k", () -> {
      upstream.incrementAndGet();
      return answer.future();
    });
    Future<String> b = calls.call("k", () -> {
      upstream.incrementAndGet();
      return Future.succeededFuture("other");
    });
    assertSame(a, b);
    assertEquals(1, upstream.get());
    assertEquals(1, calls.coalescedCount());
    answer.complete("x");
    // outside a Vert.x context, the entry goes at once
    assertEquals(0, calls.inFlight());
  }

  @Test
  void aCallerArrivingRightAfterTheAnswerOnTheCompletingTaskJoinsItAndTheEntryGoesAfterThatTask() throws Exception {
    Coalescer<String> calls = new Coalescer<>();
    AtomicInteger upstream = new AtomicInteger();
    CompletableFuture<int[]> seen = new CompletableFuture<>();
    Context context = vertx.getOrCreateContext();
    context.runOnContext(v -> {
      Promise<String> answer = Promise.promise();
      calls.call("k", () -> {
        upstream.incrementAndGet();
        return answer.future();
      });
      // the first caller's own listener (where it would keep the answer) runs as the call completes; a
      // caller arriving before that listener's work is visible elsewhere must still join, not ask again
      answer.complete("x");
      Future<String> late = calls.call("k", () -> {
        upstream.incrementAndGet();
        return Future.succeededFuture("asked again");
      });
      seen.complete(new int[] {upstream.get(), "x".equals(late.result()) ? 1 : 0, calls.inFlight()});
    });
    int[] s = seen.get(10, TimeUnit.SECONDS);
    assertEquals(1, s[0], "the upstream is asked once");
    assertEquals(1, s[1], "the late caller gets the call's answer");
    assertEquals(1, s[2], "the entry is still there during the completing task");
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (calls.inFlight() != 0 && System.nanoTime() < until) {
      Thread.sleep(1);
    }
    assertEquals(0, calls.inFlight(), "and gone once that task has ended");
    assertTrue(calls.coalescedCount() >= 1);
  }
}
