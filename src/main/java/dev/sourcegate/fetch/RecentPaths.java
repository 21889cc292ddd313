package dev.sourcegate.fetch;

import com.github.benmanes.caffeine.cache.Cache;
import dev.sourcegate.ops.Caches;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per repository (by {@link dev.sourcegate.source.RepoRef#key}): the paths its batched reads found lately,
 * most recent first, and the commits a batch was answered at. What {@link PrefetchPlan} chooses from: a
 * path asked at one commit is likely asked at the next, and a commit answered once is past its cold click.
 * Holds names only, never content or who asked; bounded per repository and in names held over all
 * repositories (a full repository's record is ~80 KB, so a bound in repositories alone let 10,000 of them
 * hold ~770 MiB). Shared by the fetcher instances of every event loop: each repository's record is
 * guarded by its own lock.
 */
final class RecentPaths {
  static final int PATHS_PER_REPOSITORY = 512;
  static final int COMMITS_PER_REPOSITORY = 64;
  /**
   * Paths and commits held over all repositories: as many as the content store indexes paths, since an
   * extra is carried only for a path whose last seen bytes it holds. ~140 bytes each (measured), ~27 MiB.
   */
  static final long MAX_NAMES = 200_000;

  private final int pathsPerRepository;
  private final int commitsPerRepository;
  private final Cache<String, Repository> repositories;

  RecentPaths() {
    this(PATHS_PER_REPOSITORY, COMMITS_PER_REPOSITORY, MAX_NAMES);
  }

  /** maxNames: paths and commits held over all repositories; the least used repositories go first. */
  RecentPaths(int pathsPerRepository, int commitsPerRepository, long maxNames) {
    this.pathsPerRepository = pathsPerRepository;
    this.commitsPerRepository = commitsPerRepository;
    this.repositories = Caches.builder().maximumWeight(maxNames)
        .weigher((String key, Repository r) -> r.names).build();
  }

  /** A batch found path in the repository: it becomes the most recent. */
  void found(String repoKey, String path) {
    Repository r = repository(repoKey);
    if (r.found(path)) {
      reweigh(repoKey, r);
    }
  }

  /** A batch at commit was answered for the repository. */
  void answeredAt(String repoKey, String commit) {
    Repository r = repository(repoKey);
    if (r.answeredAt(commit.toLowerCase(Locale.ROOT))) {
      reweigh(repoKey, r);
    }
  }

  /** The cache weighs a record when it is put: one that grew is put again (only if still held) to count. */
  private void reweigh(String repoKey, Repository r) {
    repositories.asMap().replace(repoKey, r, r);
  }

  /** Whether a batch at commit was answered before (so the next one is not the commit's first). */
  boolean answeredBefore(String repoKey, String commit) {
    Repository r = repositories.getIfPresent(repoKey);
    return r != null && r.answeredBefore(commit.toLowerCase(Locale.ROOT));
  }

  /** The repository's recent paths, most recent first (a copy). */
  List<String> mostRecentFirst(String repoKey) {
    Repository r = repositories.getIfPresent(repoKey);
    return r == null ? List.of() : r.mostRecentFirst();
  }

  private Repository repository(String repoKey) {
    return repositories.get(repoKey, k -> new Repository(pathsPerRepository, commitsPerRepository));
  }

  /** One repository's record; its methods hold its lock (never across anything but the maps). */
  private static final class Repository {
    private final Map<String, Boolean> paths;
    private final Map<String, Boolean> commits;
    /** Paths and commits held (at least 1), for the cache's weigher, which must not take this lock. */
    private volatile int names = 1;

    Repository(int maxPaths, int maxCommits) {
      // access order: a path found again moves to the end (the most recent)
      this.paths = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > maxPaths;
        }
      };
      this.commits = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > maxCommits;
        }
      };
    }

    /** Whether the record holds more names than before. */
    synchronized boolean found(String path) {
      paths.put(path, Boolean.TRUE);
      return recount();
    }

    /** Whether the record holds more names than before. */
    synchronized boolean answeredAt(String commit) {
      commits.putIfAbsent(commit, Boolean.TRUE);
      return recount();
    }

    private boolean recount() {
      int now = Math.max(1, paths.size() + commits.size());
      boolean grew = now > names;
      names = now;
      return grew;
    }

    synchronized boolean answeredBefore(String commit) {
      return commits.containsKey(commit);
    }

    synchronized List<String> mostRecentFirst() {
      List<String> out = new ArrayList<>(paths.keySet());
      Collections.reverse(out);
      return out;
    }
  }
}
