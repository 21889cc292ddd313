package dev.sourcegate.fetch.graphql;

/**
 * Of a repository's files asked at a new commit whose oid at an earlier commit was known, the share that
 * still held it: a recent average (each answer weighs 1/32 once 32 are seen). Asking only a file's oid
 * saves its bytes when unchanged but costs a second call when changed, so it pays only in a repository
 * whose history shows most files unchanged; one whose files change at every commit keeps one call each.
 */
final class UnchangedShare {
  /** Answers seen before the share is believed. */
  static final int MIN_SEEN = 4;
  /** At 3 in 4 unchanged, a new (commit, file) costs at most 1.25 calls on average, for ~3/4 of its bytes saved. */
  static final double MIN_SHARE = 0.75;
  private static final double WEIGHT = 1.0 / 32;

  private int seen;
  private double share;

  synchronized void note(boolean unchanged) {
    seen++;
    share += Math.max(WEIGHT, 1.0 / seen) * ((unchanged ? 1 : 0) - share);
  }

  synchronized boolean mostlyUnchanged() {
    return seen >= MIN_SEEN && share >= MIN_SHARE;
  }
}
