package dev.sourcegate.fetch;

import dev.sourcegate.ops.Caches;

import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.CommitSha;
import dev.sourcegate.source.TokenHash;

import com.github.benmanes.caffeine.cache.Cache;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Locale;

/**
 * Turns a request's ref into the version its content is cached under: the commit SHA. A full SHA is its
 * own version; a branch or tag is resolved once and trusted for the ref TTL, then revalidated with
 * If-None-Match in the background while the last answer keeps serving. When a ref cannot be resolved
 * (a server without the commits endpoint, say), content is cached under the ref name for the ref TTL.
 */
public final class RefResolver {
  /** Prefix of versions that are ref names, not commits: they expire with the ref TTL. */
  public static final String BY_NAME = "ref:";

  private record RefKey(String repo, String ref) {}

  /** failing: the last revalidation did not reach GitHub, so the answer is served stale. */
  private record Resolved(String sha, String etag, long validatedNanos, boolean failing) {}

  private final GitHubClient github;
  private final long refTtlNanos;
  private final Cache<RefKey, Resolved> resolved;
  private final Cache<RefKey, Boolean> unresolvable;
  private final Coalescer<Object> calls = new Coalescer<>();

  public RefResolver(GitHubClient github, long refTtlMs, long negativeTtlMs) {
    this.github = github;
    this.refTtlNanos = Duration.ofMillis(refTtlMs).toNanos();
    // an ETag lets an old answer be revalidated cheaply, so answers are kept far past their TTL
    this.resolved = Caches.builder().maximumSize(100_000).expireAfterWrite(Duration.ofHours(24)).build();
    this.unresolvable = Caches.builder().maximumSize(100_000)
        .expireAfterWrite(Duration.ofMillis(Math.max(1, negativeTtlMs))).build();
  }

  public static boolean byName(String version) {
    return version.startsWith(BY_NAME);
  }

  /**
   * The version to look the cache up with right now, without waiting: null when the ref was never
   * resolved. A stale answer is returned as it is and revalidated in the background.
   */
  public String versionNow(String token, String owner, String repo, String ref, long deadline) {
    if (CommitSha.isFull(ref)) {
      return ref.toLowerCase(Locale.ROOT);
    }
    RefKey key = key(owner, repo, ref);
    Resolved r = resolved.getIfPresent(key);
    if (r != null) {
      if (System.nanoTime() - r.validatedNanos > refTtlNanos) {
        revalidate(token, owner, repo, ref, key, r, deadline);
      }
      return r.sha;
    }
    return unresolvable.getIfPresent(key) != null ? BY_NAME + ref : null;
  }

  /** The version, asking GitHub when needed; never fails (an unresolvable ref is cached by name). */
  public Future<String> resolve(String token, String owner, String repo, String ref, long deadline) {
    String now = versionNow(token, owner, repo, ref, deadline);
    if (now != null) {
      return Future.succeededFuture(now);
    }
    RefKey key = key(owner, repo, ref);
    return calls.call(java.util.List.of(TokenHash.of(token), key),
            () -> github.resolveRef(token, owner, repo, ref, null, deadline))
        .map(a -> {
          resolved.put(key, new Resolved(a.sha(), a.etag(), System.nanoTime(), false));
          return a.sha();
        })
        .otherwise(e -> {
          if (e instanceof RpcException rpc && (rpc.code() == Code.NOT_FOUND || rpc.code() == Code.UNKNOWN)) {
            unresolvable.put(key, Boolean.TRUE);
          }
          return BY_NAME + ref;
        });
  }

  private void revalidate(String token, String owner, String repo, String ref, RefKey key, Resolved old, long deadline) {
    calls.call(java.util.List.of("revalidate", key),
            () -> github.resolveRef(token, owner, repo, ref, old.etag, Math.max(deadline, System.currentTimeMillis() + 5_000)))
        .onSuccess(a -> resolved.put(key, a.notModified()
            ? new Resolved(old.sha, old.etag, System.nanoTime(), false)
            : new Resolved(a.sha(), a.etag(), System.nanoTime(), false)))
        // stale-if-error: the old answer keeps serving, marked stale, and the next request tries again
        .onFailure(e -> resolved.put(key, new Resolved(old.sha, old.etag, old.validatedNanos, true)));
  }

  /** True when the ref's answer is past its TTL and GitHub could not confirm it on the last try. */
  public boolean servedStale(String owner, String repo, String ref) {
    if (CommitSha.isFull(ref)) {
      return false;
    }
    Resolved r = resolved.getIfPresent(key(owner, repo, ref));
    return r != null && r.failing && System.nanoTime() - r.validatedNanos > refTtlNanos;
  }

  private static RefKey key(String owner, String repo, String ref) {
    return new RefKey(RepoRef.key(owner, repo), ref);
  }
}
