package dev.sourcegate.fetch.isolation;

/**
 * Retries to one host may add at most ratio times the first attempts of the window, plus a small
 * allowance per second so that a quiet gateway can still retry: an outage never multiplies the load on
 * the upstream by the retry count.
 */
final class RetryBudget {
  private static final int FIRST_ATTEMPTS = 0;
  private static final int RETRIES = 1;

  private final SlidingWindow window;
  private final double ratio;
  private final double allowance;

  RetryBudget(long windowNanos, double ratio, int minPerSecond) {
    this.window = new SlidingWindow(windowNanos, 10, 2);
    this.ratio = ratio;
    this.allowance = minPerSecond * (windowNanos / 1e9);
  }

  synchronized void firstAttempt(long now) {
    window.add(now, FIRST_ATTEMPTS, 1);
  }

  /** Takes one retry from the budget; false when it is spent. */
  synchronized boolean tryRetry(long now) {
    if (window.sum(now, RETRIES) + 1 > allowance + ratio * window.sum(now, FIRST_ATTEMPTS)) {
      return false;
    }
    window.add(now, RETRIES, 1);
    return true;
  }
}
