package dev.sourcegate.fetch.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/**
 * Scopes, the host-wide adaptive throttle and the retry budget together, on a hand-moved clock and with
 * the throttle's draws chosen by the test (0.0 is the worst case: any refusal probability above 0 refuses).
 */
class HostGuardTest {
  private final ManualTicker clock = new ManualTicker();
  private double draw = 0.0;
  private final DoubleSupplier random = () -> draw;

  /** window 10 s; scope: 5 calls, 50 %, open 1 s; host: 10 calls at least (the smallest the config allows); budget 10 %, 1/s. */
  private HostGuard guard(int hostMinCalls, double budgetRatio, int budgetPerSecond) {
    return new HostGuard(new BreakerSettings(TimeUnit.SECONDS.toNanos(10), 5, 0.5, TimeUnit.SECONDS.toNanos(1),
        hostMinCalls, budgetRatio, budgetPerSecond), clock, random);
  }

  /** One call in scope: its refusal, or null when it was sent and ended with outcome. */
  private static HostGuard.Refusal call(HostGuard g, String scope, Outcome outcome) {
    HostGuard.Admission a = g.admit(scope);
    if (a.refusal() == null) {
      g.record(a, outcome);
    }
    return a.refusal();
  }

  @Test
  void oneFailingRepositoryNeverRefusesAnother() {
    HostGuard g = guard(10, 0.1, 1);
    // the only traffic is repository A, every call failing: its scope opens...
    for (int i = 0; i < 200; i++) {
      call(g, "repo:a/broken", Outcome.FAULT);
      clock.advanceMs(20);
    }
    assertTrue(g.scopeOpen("repo:a/broken"));
    assertEquals(HostGuard.Refusal.SCOPE_OPEN, call(g, "repo:a/broken", Outcome.FAULT));
    // ...and the host still lets everything else through, even at the worst draw
    assertEquals(0.0, g.rejectProbability());
    for (int i = 0; i < 50; i++) {
      assertNull(call(g, "repo:b/fine" + (i % 7), Outcome.ANSWERED), "call " + i);
    }
  }

  @Test
  void scatteredFaultsNeverEngageTheHostWideThrottle() {
    HostGuard g = guard(10, 0.2, 3);
    Random faults = new Random(42);
    for (int i = 0; i < 50_000; i++) {
      // 1 % 502 and 0.5 % resets, spread over 300 repositories, 2 calls per millisecond
      Outcome o = faults.nextInt(1000) < 15 ? Outcome.FAULT : Outcome.ANSWERED;
      assertNull(call(g, "repo:r/" + faults.nextInt(300), o), "call " + i);
      assertEquals(0.0, g.rejectProbability(), "call " + i);
      if (i % 2 == 0) {
        clock.advanceMs(1);
      }
    }
    assertEquals(0, g.openScopes());
  }

  @Test
  void anOutageOverManyRepositoriesFailsFastAndRecoversThroughTheCallsLetThrough() {
    HostGuard g = guard(10, 0.2, 3);
    int sent = 0;
    int refused = 0;
    // every call fails, each to a repository never asked before (no scope can open)
    for (int i = 0; i < 1000; i++) {
      draw = (i % 100) / 100.0;
      HostGuard.Refusal r = call(g, "repo:r/" + i, Outcome.FAULT);
      if (r == null) {
        sent++;
      } else {
        assertEquals(HostGuard.Refusal.HOST_THROTTLED, r);
        refused++;
      }
      clock.advanceMs(2);
    }
    assertEquals(AdaptiveThrottle.MAX_REJECT, g.rejectProbability(), "most calls failing");
    assertTrue(refused > 800, "failed fast, without a call upstream: " + refused + " of 1000 (" + sent + " sent)");
    // the upstream is back: the calls still let through are answered, and refusals fade within a window
    int refusedAfter = 0;
    // 20 s of calls, two windows
    for (int i = 0; i < 10_000; i++) {
      draw = (i % 100) / 100.0;
      if (call(g, "repo:s/" + i, Outcome.ANSWERED) != null) {
        refusedAfter++;
      }
      clock.advanceMs(2);
    }
    assertEquals(0.0, g.rejectProbability(), "recovered");
    assertTrue(refusedAfter < 500, "refusals stopped within a second (500 calls): " + refusedAfter);
    draw = 0.0;
    assertNull(call(g, "repo:t/1", Outcome.ANSWERED), "even the worst draw goes through");
  }

  @Test
  void nothingIsRefusedBelowTheHostMinimumVolume() {
    HostGuard g = guard(100, 0.2, 3);
    for (int i = 0; i < 99; i++) {
      call(g, "repo:r/" + i, Outcome.FAULT);
    }
    assertEquals(0.0, g.rejectProbability(), "99 calls in the window: below the minimum of 100");
    call(g, "repo:r/x", Outcome.FAULT);
    assertEquals(AdaptiveThrottle.MAX_REJECT, g.rejectProbability());
  }

  @Test
  void retriesAreCappedByTheBudgetPlusTheAllowance() {
    HostGuard g = guard(10, 0.1, 1);
    // allowance: 1 per second over a 10 s window = 10 retries; plus 10 % of 200 first attempts = 20
    for (int i = 0; i < 200; i++) {
      g.firstAttempt();
    }
    int granted = 0;
    for (int i = 0; i < 100; i++) {
      granted += g.tryRetry() ? 1 : 0;
    }
    assertEquals(30, granted);
    clock.advanceMs(11_000);
    assertTrue(g.tryRetry(), "a new window brings the allowance back");
  }

  @Test
  void aQuietGatewayCanStillRetry() {
    HostGuard g = guard(10, 0.2, 3);
    g.firstAttempt();
    assertTrue(g.tryRetry());
    assertTrue(g.tryRetry());
  }

  @Test
  void noBudgetAndNoAllowanceMeansNoRetry() {
    HostGuard g = guard(10, 0.0, 0);
    for (int i = 0; i < 100; i++) {
      g.firstAttempt();
    }
    assertEquals(false, g.tryRetry());
  }
}
