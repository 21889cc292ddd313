package dev.sourcegate.fetch.isolation;

/**
 * Counters over the last window of time, kept in a ring of buckets so that old counts fall out without
 * a timer. Not thread-safe: its owner synchronizes. Time is whatever ticker the owner reads (nanoseconds).
 */
final class SlidingWindow {
  private final long bucketNanos;
  private final long[] epochs;
  private final long[][] counts;

  SlidingWindow(long windowNanos, int buckets, int kinds) {
    this.bucketNanos = Math.max(1, windowNanos / buckets);
    this.epochs = new long[buckets];
    this.counts = new long[buckets][kinds];
    java.util.Arrays.fill(epochs, Long.MIN_VALUE);
  }

  void add(long nowNanos, int kind, long n) {
    long epoch = Math.floorDiv(nowNanos, bucketNanos);
    int i = (int) Math.floorMod(epoch, (long) epochs.length);
    if (epochs[i] != epoch) {
      epochs[i] = epoch;
      java.util.Arrays.fill(counts[i], 0);
    }
    counts[i][kind] += n;
  }

  long sum(long nowNanos, int kind) {
    long epoch = Math.floorDiv(nowNanos, bucketNanos);
    long total = 0;
    for (int i = 0; i < epochs.length; i++) {
      if (epochs[i] != Long.MIN_VALUE && epoch - epochs[i] < epochs.length) {
        total += counts[i][kind];
      }
    }
    return total;
  }

  void clear() {
    java.util.Arrays.fill(epochs, Long.MIN_VALUE);
  }
}
