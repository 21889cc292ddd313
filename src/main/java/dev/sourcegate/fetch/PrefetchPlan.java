package dev.sourcegate.fetch;

import dev.sourcegate.bus.Messages.FileAt;
import dev.sourcegate.source.CommitSha;
import dev.sourcegate.source.RepoRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which extra files may ride along a batch that goes to the host anyway: for each (repository, full
 * commit SHA) of the batch that was answered before (never at a commit's first batch: that is the cold
 * click, whose latency this must not touch; never at a branch or tag: it moves), the repository's most
 * recently found paths ({@link RecentPaths}) not in the batch and that {@code wanted} says yes to (not
 * cached at that commit, the provider can tell cheaply whether it holds them), at most {@code limit} in
 * all. Pure choice: asking and keeping them is {@link FileBatch}'s.
 */
final class PrefetchPlan {
  private PrefetchPlan() {}

  /**
   * asked: the batch's files as they go to the host; open: whether the caller may be given extras of a
   * repository at all (its access is known); wanted: whether one candidate is worth carrying.
   */
  static List<FileAt> choose(List<FileAt> asked, int limit, RecentPaths recent, Predicate<RepoRef> open,
      Predicate<FileAt> wanted) {
    if (limit <= 0 || asked.isEmpty()) {
      return List.of();
    }
    Set<Place> places = new LinkedHashSet<>();
    Set<List<String>> inBatch = new HashSet<>();
    for (FileAt f : asked) {
      if (!CommitSha.isFull(f.ref()) || f.where().publicHost()) {
        continue;
      }
      String commit = f.ref().toLowerCase(Locale.ROOT);
      places.add(new Place(f.where(), f.ref(), commit));
      inBatch.add(List.of(f.where().key(), commit, f.path()));
    }
    List<FileAt> extras = new ArrayList<>();
    for (Place p : places) {
      if (!recent.answeredBefore(p.where().key(), p.commit()) || !open.test(p.where())) {
        continue;
      }
      for (String path : recent.mostRecentFirst(p.where().key())) {
        if (extras.size() == limit) {
          return extras;
        }
        FileAt candidate = new FileAt(p.where(), p.ref(), path);
        if (!inBatch.contains(List.of(p.where().key(), p.commit(), path)) && wanted.test(candidate)) {
          extras.add(candidate);
        }
      }
    }
    return extras;
  }

  /** A repository at a commit, spelt as the batch spelt it (ref) and as keys spell it (commit). */
  private record Place(RepoRef where, String ref, String commit) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Place p && p.where.key().equals(where.key()) && p.commit.equals(commit);
    }

    @Override
    public int hashCode() {
      return where.key().hashCode() * 31 + commit.hashCode();
    }
  }
}
