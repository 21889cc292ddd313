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
import java.util.List;
import java.util.Locale;

/**
 * Turns a request's ref into the version its content is cached under: the commit SHA. A full SHA is its
 * own version; a branch or tag is resolved once (by the repository's provider) and trusted for the ref
 * TTL, then revalidated with If-None-Match in the background while the last answer keeps serving. When a
 * ref cannot be resolved (a server without the commits endpoint, a provider that cannot say), content is
 * cached under the ref name for the ref TTL. A public host's content is keyed by the ref as given (its
 * provider says which refs never move, {@link SourceProvider#fixedRef}).
 */
public final class RefResolver {
  /** Prefix of versions that are ref names, not commits: they expire with the ref TTL. */
  public static final String BY_NAME = "ref:";

  private record RefKey(String repo, String ref) {}

  /** failing: the last revalidation did not reach the host, so the answer is served stale. */
  private record Resolved(String sha, String etag, long validatedNanos, boolean failing) {}

  private final long refTtlNanos;
  private final Cache<RefKey, Resolved> resolved;
  private final Cache<RefKey, Boolean> unresolvable;
  private final Coalescer<Object> calls = new Coalescer<>();

  public RefResolver(long refTtlMs, long negativeTtlMs) {
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
  public String versionNow(SourceProvider provider, ProviderCall call, RepoRef where, String ref) {
    if (where.publicHost()) {
      return ref;
    }
    if (CommitSha.isFull(ref)) {
      return ref.toLowerCase(Locale.ROOT);
    }
    RefKey key = new RefKey(where.key(), ref);
    Resolved r = resolved.getIfPresent(key);
    if (r != null) {
      if (System.nanoTime() - r.validatedNanos > refTtlNanos) {
        revalidate(provider, call, where, ref, key, r);
      }
      return r.sha;
    }
    return unresolvable.getIfPresent(key) != null ? BY_NAME + ref : null;
  }

  /** The version, asking the provider when needed; never fails (an unresolvable ref is cached by name). */
  public Future<String> resolve(SourceProvider provider, ProviderCall call, RepoRef where, String ref) {
    String now = versionNow(provider, call, where, ref);
    if (now != null) {
      return Future.succeededFuture(now);
    }
    RefKey key = new RefKey(where.key(), ref);
    // the answer is kept inside the coalesced call, so it is cached before the call leaves the in-flight
    // table: kept by a listener added after that one, a caller on another event loop could arrive between
    // the two, find neither, and ask GitHub again
    return calls.call(List.of(TokenHash.of(call.token()), key), () -> provider.resolveRef(call, where, ref, null)
        .map(a -> {
          resolved.put(key, new Resolved(a.sha(), a.etag(), System.nanoTime(), false));
          return a.sha();
        })
        .otherwise(e -> {
          if (e instanceof RpcException rpc
              && (rpc.code() == Code.NOT_FOUND || rpc.code() == Code.UNKNOWN || rpc.code() == Code.UNIMPLEMENTED)) {
            unresolvable.put(key, Boolean.TRUE);
          }
          return BY_NAME + ref;
        }));
  }

  /**
   * The commit a ref named, learnt from another answer (a batched read named it): kept as if resolved
   * now, unless the ref is already known (its ETag then stays for the cheap revalidation).
   */
  public void learned(RepoRef where, String ref, String sha) {
    if (where.publicHost() || CommitSha.isFull(ref) || !CommitSha.isFull(sha)) {
      return;
    }
    RefKey key = new RefKey(where.key(), ref);
    if (resolved.getIfPresent(key) == null) {
      resolved.put(key, new Resolved(sha.toLowerCase(Locale.ROOT), null, System.nanoTime(), false));
      unresolvable.invalidate(key);
    }
  }

  /**
   * The host said (in another answer) that the ref names no commit it can show: cached by name, as when
   * resolving it fails. The version to cache its content under.
   */
  public String learnedUnresolvable(RepoRef where, String ref) {
    if (where.publicHost() || CommitSha.isFull(ref)) {
      return versionNow(null, null, where, ref);
    }
    RefKey key = new RefKey(where.key(), ref);
    Resolved known = resolved.getIfPresent(key);
    if (known != null) {
      return known.sha;
    }
    unresolvable.put(key, Boolean.TRUE);
    return BY_NAME + ref;
  }

  private void revalidate(SourceProvider provider, ProviderCall call, RepoRef where, String ref, RefKey key, Resolved old) {
    calls.call(List.of("revalidate", key), () -> provider.resolveRef(call.withAtLeast(5_000), where, ref, old.etag))
        .onSuccess(a -> resolved.put(key, a.notModified()
            ? new Resolved(old.sha, old.etag, System.nanoTime(), false)
            : new Resolved(a.sha(), a.etag(), System.nanoTime(), false)))
        // stale-if-error: the old answer keeps serving, marked stale, and the next request tries again
        .onFailure(e -> resolved.put(key, new Resolved(old.sha, old.etag, old.validatedNanos, true)));
  }

  /** True when the ref's answer is past its TTL and its host could not confirm it on the last try. */
  public boolean servedStale(RepoRef where, String ref) {
    if (where.publicHost() || CommitSha.isFull(ref)) {
      return false;
    }
    Resolved r = resolved.getIfPresent(new RefKey(where.key(), ref));
    return r != null && r.failing && System.nanoTime() - r.validatedNanos > refTtlNanos;
  }
}
