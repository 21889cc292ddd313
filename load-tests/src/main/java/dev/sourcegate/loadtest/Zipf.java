package dev.sourcegate.loadtest;

import java.util.concurrent.ThreadLocalRandom;

/**
 * A Zipf sampler over ranks 0..n-1: P(rank k) is proportional to 1/(k+1)^s. The cumulative table is built
 * once; a draw is one uniform number and a binary search, so it is cheap and thread-safe.
 */
public final class Zipf {
  private final double[] cdf;
  private final double s;

  public Zipf(int n, double s) {
    if (n <= 0) {
      throw new IllegalArgumentException("n must be positive");
    }
    this.s = s;
    cdf = new double[n];
    double sum = 0;
    for (int k = 0; k < n; k++) {
      sum += 1.0 / Math.pow(k + 1, s);
      cdf[k] = sum;
    }
    for (int k = 0; k < n; k++) {
      cdf[k] /= sum;
    }
    cdf[n - 1] = 1.0;
  }

  public int size() {
    return cdf.length;
  }

  public double exponent() {
    return s;
  }

  /** Probability of rank k. */
  public double probability(int k) {
    return k == 0 ? cdf[0] : cdf[k] - cdf[k - 1];
  }

  /** Share of all draws that fall on the top `ranks` ranks. */
  public double topShare(int ranks) {
    return cdf[Math.min(ranks, cdf.length) - 1];
  }

  public int sample() {
    return sample(ThreadLocalRandom.current().nextDouble());
  }

  /** The rank for a uniform u in [0, 1). */
  public int sample(double u) {
    int lo = 0;
    int hi = cdf.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cdf[mid] > u) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
