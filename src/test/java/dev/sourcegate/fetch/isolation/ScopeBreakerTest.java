package dev.sourcegate.fetch.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.fetch.isolation.ScopeBreaker.Admission;
import dev.sourcegate.fetch.isolation.ScopeBreaker.State;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One scope's breaker on a hand-moved clock: rate over a minimum volume, fail fast, half-open probe. */
class ScopeBreakerTest {
  private final ManualTicker clock = new ManualTicker();
  /** window 10 s, 5 calls at least, 50 % faults, 1 s open. */
  private final ScopeBreaker breaker = new ScopeBreaker(new BreakerSettings(
      TimeUnit.SECONDS.toNanos(10), 5, 0.5, TimeUnit.SECONDS.toNanos(1), 10, 0.2, 3));

  private void call(Outcome o) {
    assertEquals(Admission.ALLOWED, breaker.admit(clock.getAsLong()));
    breaker.record(clock.getAsLong(), o, false);
  }

  @Test
  void faultsBelowTheMinimumVolumeDoNotOpen() {
    for (int i = 0; i < 4; i++) {
      call(Outcome.FAULT);
    }
    assertEquals(State.CLOSED, breaker.state(), "4 faults are under the minimum of 5 calls");
    call(Outcome.FAULT);
    assertEquals(State.OPEN, breaker.state(), "5 calls, all faults");
  }

  @Test
  void opensOnTheRateNotOnAnyFault() {
    // 6 answers and 5 faults: 45 % < 50 %
    for (int i = 0; i < 6; i++) {
      call(Outcome.ANSWERED);
    }
    for (int i = 0; i < 5; i++) {
      call(Outcome.FAULT);
    }
    assertEquals(State.CLOSED, breaker.state());
    call(Outcome.FAULT);
    assertEquals(State.OPEN, breaker.state(), "6 of 12: 50 %");
  }

  @Test
  void answersAndNeutralOutcomesNeverOpen() {
    for (int i = 0; i < 100; i++) {
      call(Outcome.ANSWERED);
      call(Outcome.NEUTRAL);
    }
    for (int i = 0; i < 100; i++) {
      call(Outcome.NEUTRAL);
    }
    assertEquals(State.CLOSED, breaker.state(), "4xx, rate limits and the caller's own deadline say nothing of the upstream");
  }

  @Test
  void oldFaultsFallOutOfTheWindow() {
    for (int i = 0; i < 4; i++) {
      call(Outcome.FAULT);
    }
    clock.advanceMs(11_000);
    call(Outcome.FAULT);
    call(Outcome.FAULT);
    assertEquals(State.CLOSED, breaker.state(), "the first four are more than a window old");
  }

  @Test
  void openFailsFastThenOneProbeClosesIt() {
    for (int i = 0; i < 5; i++) {
      call(Outcome.FAULT);
    }
    assertEquals(Admission.REJECTED, breaker.admit(clock.getAsLong()));
    clock.advanceMs(999);
    assertEquals(Admission.REJECTED, breaker.admit(clock.getAsLong()), "still open");
    clock.advanceMs(1);
    assertEquals(Admission.PROBE, breaker.admit(clock.getAsLong()));
    assertEquals(Admission.REJECTED, breaker.admit(clock.getAsLong()), "one probe at a time");
    breaker.record(clock.getAsLong(), Outcome.ANSWERED, true);
    assertEquals(State.CLOSED, breaker.state());
    assertEquals(Admission.ALLOWED, breaker.admit(clock.getAsLong()));
    call(Outcome.FAULT);
    assertEquals(State.CLOSED, breaker.state(), "closing forgets the faults before it");
  }

  @Test
  void aFailedProbeOpensAgainAndANeutralOneLetsTheNextCallProbe() {
    for (int i = 0; i < 5; i++) {
      call(Outcome.FAULT);
    }
    clock.advanceMs(1000);
    assertEquals(Admission.PROBE, breaker.admit(clock.getAsLong()));
    breaker.record(clock.getAsLong(), Outcome.FAULT, true);
    assertEquals(State.OPEN, breaker.state());
    assertEquals(Admission.REJECTED, breaker.admit(clock.getAsLong()));
    clock.advanceMs(1000);
    assertEquals(Admission.PROBE, breaker.admit(clock.getAsLong()));
    breaker.record(clock.getAsLong(), Outcome.NEUTRAL, true);
    assertEquals(State.HALF_OPEN, breaker.state());
    assertEquals(Admission.PROBE, breaker.admit(clock.getAsLong()), "the caller's deadline proved nothing: probe again");
  }

  @Test
  void aProbeThatNeverReportsDoesNotShutTheScopeForGood() {
    for (int i = 0; i < 5; i++) {
      call(Outcome.FAULT);
    }
    clock.advanceMs(1000);
    assertEquals(Admission.PROBE, breaker.admit(clock.getAsLong()));
    clock.advanceMs(500);
    assertEquals(Admission.REJECTED, breaker.admit(clock.getAsLong()));
    clock.advanceMs(500);
    assertEquals(Admission.PROBE, breaker.admit(clock.getAsLong()));
  }

  @Test
  void onlyTheFirstMinCallsFaultsAreNewsForTheHost() {
    for (int i = 0; i < 6; i++) {
      call(Outcome.ANSWERED);
    }
    int news = 0;
    for (int i = 0; i < 5; i++) {
      assertEquals(Admission.ALLOWED, breaker.admit(clock.getAsLong()));
      news += breaker.record(clock.getAsLong(), Outcome.FAULT, false) ? 1 : 0;
    }
    assertEquals(5, news);
    assertEquals(State.CLOSED, breaker.state(), "5 of 11: under 50 %");
    assertEquals(Admission.ALLOWED, breaker.admit(clock.getAsLong()));
    assertFalse(breaker.record(clock.getAsLong(), Outcome.FAULT, false),
        "past 5 faults in the window, the scope's faults are its own business");
    assertTrue(breaker.state() == State.OPEN, "6 of 12 calls failed");
  }
}
