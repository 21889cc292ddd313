package dev.sourcegate.fetch;

import dev.sourcegate.ops.Caches;

import com.github.benmanes.caffeine.cache.Cache;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.bus.Messages.FetchedCommit;
import dev.sourcegate.source.FileTree;
import dev.sourcegate.source.SourceFile;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

/**
 * The one cache every fetch shares, bounded by bytes. Entries carry their own lifetime: content keyed by
 * a commit SHA lives until evicted, "not found" and answers for moving refs expire soon.
 */
public final class SourceCache {
  /** What a key names. repo is always {@link dev.sourcegate.source.RepoRef#key}, whatever the host. */
  public sealed interface Key {}

  /**
   * A file of a repository at a version: a commit, a ref name ({@link RefResolver#BY_NAME}) when the ref
   * could not be resolved, or, on a public host, the ref as given.
   */
  public record FileKey(String repo, String version, String path) implements Key {}

  public record CommitKey(String repo, String ref) implements Key {}

  /** A reference's discovery page (a Go import path's ?go-get=1 page). */
  public record PageKey(String repo) implements Key {}

  /** The file tree of a repository at a version (as {@link FileKey}'s). */
  public record TreeKey(String repo, String version) implements Key {}

  /** A cached answer and how long it may be used. */
  public sealed interface Entry {
    long ttlNanos();

    int weight();
  }

  public record FileEntry(SourceFile file, long ttlNanos) implements Entry {
    public int weight() {
      return file.content().length + file.url().length() * 2 + 128;
    }
  }

  public record CommitEntry(FetchedCommit commit, long ttlNanos) implements Entry {
    public int weight() {
      return commit.message().length() * 2 + 512;
    }
  }

  public record PageEntry(String body, long ttlNanos) implements Entry {
    public int weight() {
      return body.length() * 2 + 64;
    }
  }

  /** Weighed by its paths: a big repository's tree is megabytes, and the cache's byte bound must see that. */
  public record TreeEntry(FileTree tree, long ttlNanos) implements Entry {
    public int weight() {
      return tree.weight();
    }
  }

  /** A remembered failure (not found): answered again without asking upstream, for a short while. */
  public record MissingEntry(Code code, String message, long ttlNanos) implements Entry {
    public int weight() {
      return message.length() * 2 + 64;
    }
  }

  public static final long FOREVER = Long.MAX_VALUE;

  private final Cache<Key, Entry> cache;
  private io.micrometer.core.instrument.Counter hits;
  private io.micrometer.core.instrument.Counter misses;

  public SourceCache(long maxBytes) {
    this.cache = Caches.builder()
        .maximumWeight(maxBytes)
        .weigher((Key k, Entry e) -> e.weight())
        .expireAfter(new PerEntryExpiry<Key, Entry>(Entry::ttlNanos))
        .recordStats()
        .build();
  }

  public Entry get(Key key) {
    Entry e = cache.getIfPresent(key);
    if (hits != null) {
      (e == null ? misses : hits).increment();
    }
    return e;
  }

  /**
   * Whether an entry is held for key, without counting a hit or a miss: for a choice about what to ask
   * (a read of it is still {@link #get}).
   */
  public boolean holds(Key key) {
    return cache.asMap().containsKey(key);
  }

  public void put(Key key, Entry entry) {
    if (entry.ttlNanos() > 0) {
      cache.put(key, entry);
    }
  }

  public long weightedSize() {
    return cache.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
  }

  public long size() {
    return cache.estimatedSize();
  }

  public void bindMetrics(MeterRegistry registry) {
    CaffeineCacheMetrics.monitor(registry, cache, "sourcegate");
    hits = io.micrometer.core.instrument.Counter.builder("sourcegate_cache_lookups")
        .description("Cache look-ups by level and result").tag("level", "local").tag("result", "hit").register(registry);
    misses = io.micrometer.core.instrument.Counter.builder("sourcegate_cache_lookups")
        .description("Cache look-ups by level and result").tag("level", "local").tag("result", "miss").register(registry);
    io.micrometer.core.instrument.Gauge.builder("sourcegate_cache_bytes", this, SourceCache::weightedSize)
        .description("Bytes held by a cache level").tag("level", "local").register(registry);
  }

  /** Test and benchmark hook: forget everything. */
  public void clear() {
    cache.invalidateAll();
  }
}
