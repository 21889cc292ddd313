package dev.sourcegate.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The record extras are chosen from: most recent first, bounded, per repository, safe to share. */
class RecentPathsTest {
  private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

  @Test
  void pathsComeBackMostRecentFirstAndAPathFoundAgainMovesToTheFront() {
    RecentPaths recent = new RecentPaths();
    recent.found("acme/a", "x.go");
    recent.found("acme/a", "y.go");
    recent.found("acme/a", "z.go");
    assertEquals(List.of("z.go", "y.go", "x.go"), recent.mostRecentFirst("acme/a"));
    recent.found("acme/a", "x.go");
    assertEquals(List.of("x.go", "z.go", "y.go"), recent.mostRecentFirst("acme/a"));
    assertEquals(List.of(), recent.mostRecentFirst("acme/other"), "repositories are apart");
  }

  @Test
  void aRepositoryKeepsAtMostItsBoundOfPathsDroppingTheLeastRecent() {
    RecentPaths recent = new RecentPaths(3, 2, 10);
    for (String p : List.of("a", "b", "c", "d")) {
      recent.found("acme/a", p);
    }
    assertEquals(List.of("d", "c", "b"), recent.mostRecentFirst("acme/a"));
  }

  @Test
  void commitsAnsweredAreKnownWhateverTheirCaseAndBoundedPerRepository() {
    RecentPaths recent = new RecentPaths(3, 2, 10);
    assertFalse(recent.answeredBefore("acme/a", SHA));
    recent.answeredAt("acme/a", SHA.toUpperCase(java.util.Locale.ROOT));
    assertTrue(recent.answeredBefore("acme/a", SHA));
    assertFalse(recent.answeredBefore("acme/b", SHA), "repositories are apart");
    recent.answeredAt("acme/a", "1".repeat(40));
    recent.answeredAt("acme/a", "2".repeat(40));
    assertFalse(recent.answeredBefore("acme/a", SHA), "the oldest of more than the bound is dropped");
    assertTrue(recent.answeredBefore("acme/a", "2".repeat(40)));
  }

  /**
   * The bound is on names held over all repositories, not on repositories: 10,000 repositories of 512
   * paths each held ~770 MiB (79 KB a full repository, measured), beyond a 512 MiB sidecar.
   */
  @Test
  void allRepositoriesTogetherHoldAtMostTheBoundOfNames() {
    RecentPaths recent = new RecentPaths(10, 4, 100);
    for (int r = 0; r < 50; r++) {
      for (int p = 0; p < 10; p++) {
        recent.found("acme/r" + r, "f" + p + ".go");
      }
    }
    int held = 0;
    for (int r = 0; r < 50; r++) {
      held += recent.mostRecentFirst("acme/r" + r).size();
    }
    assertTrue(held <= 100, held + " paths held over 50 repositories, above the bound of 100");
    assertTrue(held > 0, "the bound drops the least used repositories, not all");
  }

  /** Event loops note and read one repository's record at once: nothing lost beyond the bound, no exception. */
  @Test
  void concurrentNotesKeepTheRecordWhole() throws Exception {
    RecentPaths recent = new RecentPaths(512, 64, 1_000);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int thread = t;
      done.add(pool.submit(() -> {
        go.await();
        for (int i = 0; i < 100; i++) {
          recent.found("acme/a", thread + "/" + i);
          recent.mostRecentFirst("acme/a");
        }
        return null;
      }));
    }
    go.countDown();
    for (Future<?> f : done) {
      f.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertEquals(400, recent.mostRecentFirst("acme/a").size());
  }
}
