package dev.sourcegate.fetch.isolation;

/**
 * The breaker of one scope (one repository, say): it opens when at least minCalls calls ended in the
 * window and at least failureRatio of them were faults, fails fast while open, and after openNanos lets
 * a single half-open probe through: an answer closes it, a fault opens it again.
 */
final class ScopeBreaker {
  enum State { CLOSED, OPEN, HALF_OPEN }

  enum Admission { ALLOWED, PROBE, REJECTED }

  private static final int CALLS = 0;
  private static final int FAULTS = 1;

  private final BreakerSettings settings;
  private final SlidingWindow window;
  private State state = State.CLOSED;
  private long openedAt;
  private boolean probeOut;
  private long probeSentAt;

  ScopeBreaker(BreakerSettings settings) {
    this.settings = settings;
    this.window = new SlidingWindow(settings.windowNanos(), 10, 2);
  }

  synchronized Admission admit(long now) {
    switch (state) {
      case CLOSED:
        return Admission.ALLOWED;
      case OPEN:
        if (now - openedAt < settings.openNanos()) {
          return Admission.REJECTED;
        }
        state = State.HALF_OPEN;
        return sendProbe(now);
      default:
        // a probe that never reported back (it always should) must not keep the scope shut for good
        return probeOut && now - probeSentAt < settings.openNanos() ? Admission.REJECTED : sendProbe(now);
    }
  }

  private Admission sendProbe(long now) {
    probeOut = true;
    probeSentAt = now;
    return Admission.PROBE;
  }

  /**
   * Notes how an admitted call ended; probe says whether it was the half-open probe. Answers whether a
   * fault is news for the host: only the first minCalls faults of a closed scope in its window are, so
   * that the host-wide throttle never hears more than minCalls faults from one scope.
   */
  synchronized boolean record(long now, Outcome outcome, boolean probe) {
    if (probe) {
      probeOut = false;
      if (outcome == Outcome.ANSWERED) {
        state = State.CLOSED;
        window.clear();
      } else if (outcome == Outcome.FAULT) {
        open(now);
      }
      return false;
    }
    if (state != State.CLOSED || outcome == Outcome.NEUTRAL) {
      return false;
    }
    window.add(now, CALLS, 1);
    if (outcome != Outcome.FAULT) {
      return false;
    }
    boolean news = window.sum(now, FAULTS) < settings.minCalls();
    window.add(now, FAULTS, 1);
    long calls = window.sum(now, CALLS);
    if (calls >= settings.minCalls() && window.sum(now, FAULTS) >= settings.failureRatio() * calls) {
      open(now);
    }
    return news;
  }

  private void open(long now) {
    state = State.OPEN;
    openedAt = now;
    window.clear();
  }

  synchronized State state() {
    return state;
  }
}
