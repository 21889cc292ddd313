package dev.sourcegate.fetch.isolation;

/**
 * Host-wide client-side adaptive throttling ("Handling Overload", Site Reliability Engineering, ch. 21):
 * over the window, a call is refused locally with probability max(0, (requests - K * accepts) / (requests + 1)).
 * With K = 2 nothing is refused until more than half of the calls fail, so scattered faults never trip it;
 * in a real outage almost every call fails fast, and the few let through are the probes that notice the
 * recovery. Below minRequests calls in the window nothing is refused: a handful of failures proves nothing.
 * Two departures from the book, both so that a recovery is noticed within a fraction of the window
 * rather than after several: calls refused here are not counted as requests (counted, they keep the
 * probability near 1 long after the upstream is back), and the probability is capped at MAX_REJECT, so
 * that some calls always probe.
 */
final class AdaptiveThrottle {
  private static final int REQUESTS = 0;
  private static final int ACCEPTS = 1;
  /** One call in ten still probes the upstream during an outage. */
  static final double MAX_REJECT = 0.9;

  private final SlidingWindow window;
  private final double k;
  private final int minRequests;

  AdaptiveThrottle(long windowNanos, double k, int minRequests) {
    this.window = new SlidingWindow(windowNanos, 10, 2);
    this.k = k;
    this.minRequests = minRequests;
  }

  /** random is uniform in [0, 1). */
  synchronized boolean admit(long now, double random) {
    return random >= rejectProbability(now);
  }

  synchronized double rejectProbability(long now) {
    long requests = window.sum(now, REQUESTS);
    if (requests < minRequests) {
      return 0;
    }
    return Math.min(MAX_REJECT, Math.max(0, (requests - k * window.sum(now, ACCEPTS)) / (requests + 1)));
  }

  /** An admitted call ended: anything but a fault was accepted by the upstream. */
  synchronized void record(long now, Outcome outcome) {
    window.add(now, REQUESTS, 1);
    if (outcome != Outcome.FAULT) {
      window.add(now, ACCEPTS, 1);
    }
  }
}
