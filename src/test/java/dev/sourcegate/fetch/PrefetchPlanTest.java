package dev.sourcegate.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sourcegate.bus.Messages.FileAt;
import dev.sourcegate.source.RepoRef;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which extras ride along a batch: never at a commit's first batch or a branch, never cached ones, at most the limit. */
class PrefetchPlanTest {
  private static final String C1 = "1111111111111111111111111111111111111111";
  private static final String C2 = "2222222222222222222222222222222222222222";
  private static final RepoRef PLATFORM = RepoRef.github("acme", "platform");
  private static final RepoRef OTHER = RepoRef.github("acme", "other");

  private final RecentPaths recent = new RecentPaths();

  private static FileAt at(RepoRef where, String ref, String path) {
    return new FileAt(where, ref, path);
  }

  private static List<String> paths(List<FileAt> files) {
    return files.stream().map(FileAt::path).toList();
  }

  private List<FileAt> choose(List<FileAt> asked, int limit) {
    return PrefetchPlan.choose(asked, limit, recent, where -> true, f -> true);
  }

  /** Paths a, b, c found in platform (c most recent) and commit C2 answered once. */
  private void seen() {
    for (String p : List.of("a", "b", "c")) {
      recent.found(PLATFORM.key(), p);
    }
    recent.answeredAt(PLATFORM.key(), C1);
    recent.answeredAt(PLATFORM.key(), C2);
  }

  @Test
  void aCommitAnsweredBeforeGetsTheMostRecentPathsNotInTheBatch() {
    seen();
    List<FileAt> extras = choose(List.of(at(PLATFORM, C2, "d"), at(PLATFORM, C2, "b")), 16);
    assertEquals(List.of(at(PLATFORM, C2, "c"), at(PLATFORM, C2, "a")), extras);
  }

  @Test
  void theFirstBatchAtACommitCarriesNothing() {
    for (String p : List.of("a", "b", "c")) {
      recent.found(PLATFORM.key(), p);
    }
    recent.answeredAt(PLATFORM.key(), C1);
    assertEquals(List.of(), choose(List.of(at(PLATFORM, C2, "d")), 16));
  }

  @Test
  void aBranchOrTagOrShortShaCarriesNothing() {
    seen();
    recent.answeredAt(PLATFORM.key(), "main");
    assertEquals(List.of(), choose(List.of(at(PLATFORM, "main", "d")), 16));
    assertEquals(List.of(), choose(List.of(at(PLATFORM, "v1.2.3", "d")), 16));
    assertEquals(List.of(), choose(List.of(at(PLATFORM, C2.substring(0, 12), "d")), 16));
  }

  @Test
  void theLimitBoundsTheExtrasAndZeroIsOff() {
    seen();
    assertEquals(List.of("c"), paths(choose(List.of(at(PLATFORM, C2, "d")), 1)));
    assertEquals(List.of("c", "b"), paths(choose(List.of(at(PLATFORM, C2, "d")), 2)));
    assertEquals(List.of(), choose(List.of(at(PLATFORM, C2, "d")), 0));
  }

  @Test
  void pathsTheCallerSaysNoToAreSkippedAndTheNextOnesTaken() {
    seen();
    Set<String> cachedAtC2 = Set.of("c");
    List<FileAt> extras = PrefetchPlan.choose(List.of(at(PLATFORM, C2, "d")), 2, recent, where -> true,
        f -> !cachedAtC2.contains(f.path()));
    assertEquals(List.of("b", "a"), paths(extras));
  }

  @Test
  void aRepositoryTheCallerIsNotKnownToReadGetsNothing() {
    seen();
    assertEquals(List.of(), PrefetchPlan.choose(List.of(at(PLATFORM, C2, "d")), 16, recent, where -> false, f -> true));
  }

  @Test
  void eachRepositoryGetsItsOwnPathsAtItsOwnCommitWithinOneLimit() {
    seen();
    recent.found(OTHER.key(), "o");
    recent.answeredAt(OTHER.key(), C1);
    List<FileAt> extras = choose(List.of(at(PLATFORM, C2, "d"), at(OTHER, C1, "p")), 16);
    assertEquals(List.of(at(PLATFORM, C2, "c"), at(PLATFORM, C2, "b"), at(PLATFORM, C2, "a"), at(OTHER, C1, "o")), extras);
    assertEquals(List.of(at(PLATFORM, C2, "c"), at(PLATFORM, C2, "b")), choose(List.of(at(PLATFORM, C2, "d"), at(OTHER, C1, "p")), 2));
  }

  @Test
  void anUpperCaseShaIsTheSameCommitAndKeepsTheBatchSpelling() {
    seen();
    String upper = C2.toUpperCase(java.util.Locale.ROOT);
    List<FileAt> extras = choose(List.of(at(PLATFORM, upper, "d"), at(PLATFORM, C2, "c")), 16);
    assertEquals(List.of(at(PLATFORM, upper, "b"), at(PLATFORM, upper, "a")), extras);
  }
}
