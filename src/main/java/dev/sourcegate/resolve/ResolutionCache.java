package dev.sourcegate.resolve;

import dev.sourcegate.ops.Caches;

import com.github.benmanes.caffeine.cache.Cache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import dev.sourcegate.bus.EncodedForms;
import java.util.List;
import java.util.Objects;

/**
 * Finished GetFile resolutions: the same request (repository, ref, paths, function) gets the same file
 * without walking the rules again. An answer built only from reads at full commit SHAs never changes;
 * one that read a branch, a tag or a vanity page is kept for the ref TTL. An answer is only served to a
 * caller known to be allowed to read every repository the resolution read (see {@link AccessCheck}).
 */
public final class ResolutionCache {
  /** The TTL of an answer read only at full commit SHAs: it never goes stale. */
  public static final long FOREVER = Long.MAX_VALUE;

  /** What the answer depends on. Repository names are lower case (GitHub's are case-insensitive). */
  public record Key(String repo, String ref, String localPath, String rootPath, String functionName) {
    // equals and hashCode by hand: a record's own go through method-handle chains (ObjectMethods) that
    // the warm GetFile profile showed as not fully inlined, on a look-up made for every warm hit
    @Override
    public boolean equals(Object o) {
      return this == o || o instanceof Key k && Objects.equals(localPath, k.localPath)
          && Objects.equals(functionName, k.functionName) && Objects.equals(ref, k.ref)
          && Objects.equals(repo, k.repo) && Objects.equals(rootPath, k.rootPath);
    }

    @Override
    public int hashCode() {
      int h = Objects.hashCode(repo);
      h = 31 * h + Objects.hashCode(ref);
      h = 31 * h + Objects.hashCode(localPath);
      h = 31 * h + Objects.hashCode(rootPath);
      return 31 * h + Objects.hashCode(functionName);
    }
  }

  /**
   * A finished resolution, as the answer message (the file already in base64), the repositories its
   * rules read (as access keys, see RepoRef.key) and its encoded bodies once an HTTP verticle has made them (so a hit
   * encodes nothing).
   */
  public record Resolution(com.google.protobuf.Message answer, List<String> repositories, long ttlNanos,
      EncodedForms encoded, long madeAtNanos) {
    public Resolution(com.google.protobuf.Message answer, List<String> repositories, long ttlNanos) {
      this(answer, List.copyOf(repositories), ttlNanos, new EncodedForms(), System.nanoTime());
    }

    /** An answer that read a branch, a tag or a vanity page lives for the ref TTL; one read at SHAs forever. */
    boolean expired() {
      return ttlNanos != FOREVER && System.nanoTime() - madeAtNanos >= ttlNanos;
    }
  }

  private final Cache<Key, Resolution> cache;
  private Counter hits;
  private Counter misses;

  /** maxBytes bounds the answers held (they hold whole files, in base64). */
  public ResolutionCache(long maxBytes) {
    this.cache = Caches.builder()
        .maximumWeight(maxBytes)
        // the message, and up to two encoded bodies of about its size (JSON and binary)
        .weigher((Key k, Resolution r) -> 3 * r.answer().getSerializedSize() + 256
            + (k.localPath().length() + k.functionName().length() + k.rootPath().length()) * 2)
        // no expiry policy: most answers never expire, and a per-entry expiry makes every read reschedule
        // the entry in Caffeine's timer wheel; the few that do expire are checked on read (see live); they hold
        // bytes until evicted by size, which the weight bound caps
        .build();
  }

  public void bindMetrics(MeterRegistry registry) {
    hits = Counter.builder("sourcegate_cache_lookups").description("Cache look-ups by level and result")
        .tag("level", "resolution").tag("result", "hit").register(registry);
    misses = Counter.builder("sourcegate_cache_lookups").description("Cache look-ups by level and result")
        .tag("level", "resolution").tag("result", "miss").register(registry);
    io.micrometer.core.instrument.Gauge.builder("sourcegate_cache_bytes", cache,
            c -> c.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L))
        .description("Bytes held by a cache level").tag("level", "resolution").register(registry);
  }

  /** The cached answer when the caller may read every repository it came from; null otherwise. */
  public Resolution get(Key key, String tokenHash, AccessCheck access) {
    Resolution r = allowed(key, tokenHash, access);
    count(r != null ? hits : misses);
    return r;
  }

  /**
   * The same, for a look-up that goes on to ask the resolver when it finds nothing: a hit is counted,
   * a miss is left for the resolver to count, so each request is one look-up in the figures.
   */
  public Resolution find(Key key, String tokenHash, AccessCheck access) {
    Resolution r = allowed(key, tokenHash, access);
    if (r != null) {
      count(hits);
    }
    return r;
  }

  private Resolution allowed(Key key, String tokenHash, AccessCheck access) {
    Resolution r = live(key);
    if (r != null) {
      for (String repo : r.repositories()) {
        if (!access.knownAllowed(tokenHash, repo)) {
          return null;
        }
      }
    }
    return r;
  }

  private static void count(Counter counter) {
    if (counter != null) {
      counter.increment();
    }
  }

  /** The entry unless its TTL has passed; an expired one is dropped (unless replaced meanwhile). */
  private Resolution live(Key key) {
    Resolution r = cache.getIfPresent(key);
    if (r != null && r.expired()) {
      // dropped only if still this entry: one put meanwhile is fresh (and records compare whole files)
      cache.asMap().computeIfPresent(key, (k, v) -> v == r ? null : v);
      return null;
    }
    return r;
  }

  public void put(Key key, Resolution resolution) {
    if (resolution.ttlNanos() > 0) {
      cache.put(key, resolution);
    }
  }
}
