package dev.sourcegate.fetch;

import dev.sourcegate.ops.Caches;
import dev.sourcegate.ops.SampledReads;

import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.TokenHash;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.sourcegate.fetch.SourceProvider.RepoAnswer;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Who may read what from the shared cache, for every provider alike. A public repository's content is
 * served to anyone; a private repository's only to a token that its host has been seen to let read it
 * in the last few minutes. Otherwise the token is checked with the provider ({@link SourceProvider#repository})
 * before a cached answer is given. Repositories are named by {@link RepoRef#key} only. A public host's
 * references ({@link RepoRef#publicHost}) are readable by all and never checked.
 */
public final class AccessControl {
  /** Tokens seen reading repositories, and public repositories: each to the nanoTime its knowledge ends. */
  private final Cache<Seen, Long> seen;
  private final Cache<String, Long> publicRepos;
  /** The two read on every cache hit: a sample of those reads tells their eviction policy. */
  private final SampledReads<Seen, Long> seenReads;
  private final SampledReads<String, Long> publicReads;
  private final long ttlNanos;
  /**
   * Counts knowledge dropped before its end: entries evicted (or refused on admission) by the size bound.
   * A caller that keeps what it was told until its end ({@link #knownAllowedUntil}) asks again once this moved.
   */
  private final AtomicLong dropped = new AtomicLong();
  /** The last answer's ETag and visibility per token and repository, kept longer: a re-check is then a cheap 304. */
  private final Cache<Seen, RepoAnswer> lastAnswers =
      Caches.builder().maximumSize(200_000).expireAfterWrite(Duration.ofHours(6)).build();
  private final Coalescer<Object> checks = new Coalescer<>();

  public AccessControl(long accessTtlMs) {
    Duration ttl = Duration.ofMillis(Math.max(1, accessTtlMs));
    this.ttlNanos = ttl.toNanos();
    this.seen = Caches.builder().maximumSize(200_000).expireAfterWrite(ttl)
        .evictionListener((Seen k, Long until, RemovalCause cause) -> countDropped(cause)).build();
    this.publicRepos = Caches.builder().maximumSize(100_000).expireAfterWrite(ttl)
        .evictionListener((String k, Long until, RemovalCause cause) -> countDropped(cause)).build();
    this.seenReads = new SampledReads<>(seen);
    this.publicReads = new SampledReads<>(publicRepos);
  }

  /** The host just served this token content of this repository. */
  public void granted(String token, RepoRef where) {
    if (!where.publicHost()) {
      seen.put(new Seen(TokenHash.of(token), where.key()), endOfKnowledge());
    }
  }

  /** A token digest and a repository key: two strings whose hashes are computed once, no joined key. */
  private record Seen(String tokenHash, String repoKey) {
    // by hand: a record's own go through method-handle chains (ObjectMethods), and a warm GetFile makes
    // one of these per repository its answer came from
    @Override
    public boolean equals(Object o) {
      return this == o || o instanceof Seen s && repoKey.equals(s.repoKey) && tokenHash.equals(s.tokenHash);
    }

    @Override
    public int hashCode() {
      return 31 * tokenHash.hashCode() + repoKey.hashCode();
    }
  }

  /** True when a cached answer may go to this token without asking the host. */
  public boolean knownAllowed(String token, RepoRef where) {
    return where.publicHost() || knownAllowedByHash(TokenHash.of(token), where.key());
  }

  /**
   * The same, for a caller that already holds the token's digest (a session carries it) and the
   * repository's key ({@link RepoRef#key}), as a cache hit does.
   */
  public boolean knownAllowedByHash(String tokenHash, String repoKey) {
    long now = System.nanoTime();
    return knownAllowedUntil(tokenHash, repoKey, now) - now > 0;
  }

  /**
   * Until when (a System.nanoTime() instant) the token is known to be allowed to read the repository;
   * nowNanos when it is not. The instant is taken before the entry is written, so it never passes the
   * entry's own expiry (the TTL after its write): the knowledge is not relied on for longer than it is kept.
   */
  public long knownAllowedUntil(String tokenHash, String repoKey, long nowNanos) {
    Long asPublic = publicReads.get(repoKey);
    if (asPublic != null && asPublic - nowNanos > 0) {
      return asPublic;
    }
    // not public, or that knowledge is ending: the token's own grant may still hold
    Long granted = seenReads.get(new Seen(tokenHash, repoKey));
    return granted == null ? nowNanos : granted;
  }

  /** How many times knowledge was dropped before its end so far (see {@link #dropped}). */
  public long droppedSoFar() {
    return dropped.get();
  }

  private void countDropped(RemovalCause cause) {
    if (cause == RemovalCause.SIZE || cause == RemovalCause.COLLECTED) {
      dropped.incrementAndGet();
    }
  }

  private long endOfKnowledge() {
    return System.nanoTime() + ttlNanos;
  }

  /** Succeeds when the token may read the repository; a repository it cannot see is not_found. */
  public Future<Void> authorize(SourceProvider provider, ProviderCall call, RepoRef where) {
    if (knownAllowed(call.token(), where)) {
      return Future.succeededFuture();
    }
    Seen k = new Seen(TokenHash.of(call.token()), where.key());
    RepoAnswer last = lastAnswers.getIfPresent(k);
    return checks.call(List.of("repo", k), () -> provider.repository(call, where, last == null ? null : last.etag()))
        .<Void>map(fresh -> {
          RepoAnswer answer = fresh.notModified() && last != null ? last : fresh;
          if (!fresh.notModified() && fresh.etag() != null) {
            lastAnswers.put(k, fresh);
          }
          if (answer.isPublic()) {
            publicRepos.put(k.repoKey(), endOfKnowledge());
          }
          seen.put(k, endOfKnowledge());
          return null;
        })
        .recover(e -> {
          lastAnswers.invalidate(k);
          if (e instanceof RpcException rpc && (rpc.code() == Code.NOT_FOUND || rpc.code() == Code.PERMISSION_DENIED)) {
            return Future.failedFuture(RpcException.notFound("repository " + where.owner() + "/" + where.repo() + " not found"));
          }
          return Future.failedFuture(e);
        });
  }
}
