package dev.sourcegate.resolve;

import dev.sourcegate.ops.Caches;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Interner;
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

  /**
   * What the answer depends on. Repository names are lower case (GitHub's are case-insensitive). Keys
   * made by {@link #of} are canonical: every event loop that checks the same request gets the very
   * instance the cache holds (as long as anything holds it), so a hit compares references, not five
   * strings, and the hash is computed once per key rather than per look-up. A warm GetFile's profile put
   * the string comparisons of the look-up near 4% of the gateway's CPU: the HTTP verticle's key and the
   * cache's were equal but never the same instance.
   */
  public static final class Key {
    private static final Interner<Key> CANONICAL = Interner.newWeakInterner();

    private final String repo;
    private final String ref;
    private final String localPath;
    private final String rootPath;
    private final String functionName;
    private final int hash;

    public Key(String repo, String ref, String localPath, String rootPath, String functionName) {
      this.repo = repo;
      this.ref = ref;
      this.localPath = localPath;
      this.rootPath = rootPath;
      this.functionName = functionName;
      int h = Objects.hashCode(repo);
      h = 31 * h + Objects.hashCode(ref);
      h = 31 * h + Objects.hashCode(localPath);
      h = 31 * h + Objects.hashCode(rootPath);
      this.hash = 31 * h + Objects.hashCode(functionName);
    }

    /** The canonical key of these parts: equal to a new one, and the same instance for equal parts. */
    public static Key of(String repo, String ref, String localPath, String rootPath, String functionName) {
      return CANONICAL.intern(new Key(repo, ref, localPath, rootPath, functionName));
    }

    public String repo() {
      return repo;
    }

    public String ref() {
      return ref;
    }

    public String localPath() {
      return localPath;
    }

    public String rootPath() {
      return rootPath;
    }

    public String functionName() {
      return functionName;
    }

    @Override
    public boolean equals(Object o) {
      return this == o || o instanceof Key k && hash == k.hash && Objects.equals(localPath, k.localPath)
          && Objects.equals(functionName, k.functionName) && Objects.equals(ref, k.ref)
          && Objects.equals(repo, k.repo) && Objects.equals(rootPath, k.rootPath);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public String toString() {
      return "Key[repo=" + repo + ", ref=" + ref + ", localPath=" + localPath + ", rootPath=" + rootPath
          + ", functionName=" + functionName + "]";
    }
  }

  /**
   * A finished resolution, as the answer message (the file already in base64), the repositories its
   * rules read (as access keys, see RepoRef.key) and its encoded bodies once an HTTP verticle has made them (so a hit
   * encodes nothing). Retired once the cache no longer holds it (evicted, dropped as expired, or replaced):
   * a {@link Recent} that still refers to it then looks it up again.
   */
  public static final class Resolution {
    private final com.google.protobuf.Message answer;
    private final List<String> repositories;
    private final long ttlNanos;
    private final EncodedForms encoded = new EncodedForms();
    private final long madeAtNanos = System.nanoTime();
    private volatile boolean retired;

    public Resolution(com.google.protobuf.Message answer, List<String> repositories, long ttlNanos) {
      this.answer = answer;
      this.repositories = List.copyOf(repositories);
      this.ttlNanos = ttlNanos;
    }

    public com.google.protobuf.Message answer() {
      return answer;
    }

    public List<String> repositories() {
      return repositories;
    }

    public long ttlNanos() {
      return ttlNanos;
    }

    public EncodedForms encoded() {
      return encoded;
    }

    /** An answer that read a branch, a tag or a vanity page lives for the ref TTL; one read at SHAs forever. */
    boolean expired() {
      return ttlNanos != FOREVER && System.nanoTime() - madeAtNanos >= ttlNanos;
    }

    void retire() {
      retired = true;
    }

    boolean retired() {
      return retired;
    }
  }

  /**
   * The resolution one request's look-up found last, kept by the event loop that made it (in the HTTP
   * verticle's memo of that request's bytes, see bus.KnownAnswers.Memo): while the cache still holds it
   * and it has not expired, a repeated click takes it from here instead of looking it up in the shared
   * cache, whose every read is recorded for its eviction policy in buffers that all event loops write.
   * Every {@link #TOUCH_EVERY}th use still reads the cache, so that the policy keeps seeing the entry as
   * used. Held weakly: an entry the cache dropped is not kept alive by memos of requests that found it.
   *
   * <p>Beside it, the last caller found allowed to read all it came from, and until when that is known
   * ({@link AccessCheck#knownAllowedUntil}): the same caller clicking again within that time is not
   * looked up again in the shared access knowledge, which keeps it that long unless its size bound drops
   * it ({@link AccessCheck#droppedSoFar}, read on every use: once it moved, access is looked up again).
   * Any other caller, another resolution, the time passed, or knowledge dropped, and access is checked as
   * on any look-up.
   */
  public static final class Recent {
    static final int TOUCH_EVERY = 16;
    private java.lang.ref.WeakReference<Resolution> last;
    private int uses;
    private String allowedToken;
    private long allowedUntil;
    private long allowedWhileDropped;

    /** The resolution found last, unless it has left the cache, expired, or is due for a read of the cache. */
    Resolution current() {
      Resolution r = last == null ? null : last.get();
      if (r == null || r.retired() || r.expired() || ++uses >= TOUCH_EVERY) {
        return null;
      }
      return r;
    }

    void remember(Resolution r) {
      uses = 0;
      if (r == null) {
        last = null;
        allowedToken = null;
      } else if (last == null || last.get() != r) {
        last = new java.lang.ref.WeakReference<>(r);
        allowedToken = null;
      }
    }

    /**
     * Whether this caller was found allowed to read the current resolution's sources, and still is known
     * to be: before the end of that knowledge, and nothing dropped since (dropped: the count now).
     */
    boolean allows(String tokenHash, long nowNanos, long dropped) {
      return allowedToken != null && allowedUntil - nowNanos > 0 && allowedWhileDropped == dropped
          && allowedToken.equals(tokenHash);
    }

    /** dropped: the count read before the access was looked up. */
    void allowed(String tokenHash, long untilNanos, long dropped) {
      allowedToken = tokenHash;
      allowedUntil = untilNanos;
      allowedWhileDropped = dropped;
    }
  }

  private final Cache<Key, Resolution> cache;
  private Counter hits;
  private Counter misses;

  /** maxBytes bounds the answers held (they hold whole files, in base64). */
  public ResolutionCache(long maxBytes) {
    this(maxBytes, Caches.builder());
  }

  /** builder: {@link Caches#builder()}, or (in tests) one whose upkeep runs a probe after a write. */
  ResolutionCache(long maxBytes, com.github.benmanes.caffeine.cache.Caffeine<Object, Object> builder) {
    this.cache = builder
        .maximumWeight(maxBytes)
        // the message, and up to two encoded bodies of about its size (JSON and binary)
        .weigher((Key k, Resolution r) -> 3 * r.answer().getSerializedSize() + 256
            + (k.localPath().length() + k.functionName().length() + k.rootPath().length()) * 2)
        // no expiry policy: most answers never expire, and a per-entry expiry makes every read reschedule
        // the entry in Caffeine's timer wheel; the few that do expire are checked on read (see live); they hold
        // bytes until evicted by size, which the weight bound caps
        // evicted: retired in the same atomic step, so no Recent hands it out once the cache has let it go
        .evictionListener((Key k, Resolution r, com.github.benmanes.caffeine.cache.RemovalCause cause) -> {
          if (r != null) {
            r.retire();
          }
        })
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

  /**
   * The same as {@link #find(Key, String, AccessCheck)}, for a request whose last look-up on this event
   * loop is kept in recent: that resolution is used while the cache still holds it (see {@link Recent}).
   */
  public Resolution find(Key key, String tokenHash, AccessCheck access, Recent recent) {
    Resolution r = recent.current();
    if (r == null) {
      r = live(key);
      recent.remember(r);
      if (r == null) {
        return null;
      }
    }
    long now = System.nanoTime();
    // read before any look-up: knowledge dropped while access is looked up moves it past what is kept
    long dropped = access.droppedSoFar();
    if (!recent.allows(tokenHash, now, dropped)) {
      long until = allowedUntil(r, tokenHash, access, now);
      if (until - now <= 0) {
        return null;
      }
      recent.allowed(tokenHash, until, dropped);
    }
    count(hits);
    return r;
  }

  /** Until when the caller is known to be allowed to read every repository r came from: the earliest end. */
  private static long allowedUntil(Resolution r, String tokenHash, AccessCheck access, long nowNanos) {
    long until = Long.MAX_VALUE;
    boolean first = true;
    for (String repo : r.repositories()) {
      long u = access.knownAllowedUntil(tokenHash, repo, nowNanos);
      if (u - nowNanos <= 0) {
        return nowNanos;
      }
      if (first || u - until < 0) {
        until = u;
        first = false;
      }
    }
    // no repository at all (nothing to be allowed to read): known for as long as the memo keeps r
    return first ? nowNanos + Long.MAX_VALUE / 2 : until;
  }

  private Resolution allowed(Key key, String tokenHash, AccessCheck access) {
    return allowedToRead(live(key), tokenHash, access);
  }

  /** r when the caller may read every repository it came from; null otherwise (or when r is null). */
  private static Resolution allowedToRead(Resolution r, String tokenHash, AccessCheck access) {
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
      // dropped only if still this entry: one put meanwhile is fresh
      cache.asMap().computeIfPresent(key, (k, v) -> v == r ? null : v);
      r.retire();
      return null;
    }
    return r;
  }

  public void put(Key key, Resolution resolution) {
    if (resolution.ttlNanos() > 0) {
      // the one replaced is retired in the same atomic step, before the new one can be seen: retired after
      // the put, a memo on another loop could still hand it out once a look-up had found the new one
      cache.asMap().compute(key, (k, replaced) -> {
        if (replaced != null && replaced != resolution) {
          replaced.retire();
        }
        return resolution;
      });
    }
  }
}
