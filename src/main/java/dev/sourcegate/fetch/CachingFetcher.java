package dev.sourcegate.fetch;

import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.CommitSha;
import dev.sourcegate.source.TokenHash;

import dev.sourcegate.bus.Messages.FetchedCommit;
import dev.sourcegate.bus.Messages.FetchedFile;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.settings.GatewayConfig;
import dev.sourcegate.fetch.SourceCache.CommitEntry;
import dev.sourcegate.fetch.SourceCache.CommitKey;
import dev.sourcegate.fetch.SourceCache.Entry;
import dev.sourcegate.fetch.SourceCache.FileEntry;
import dev.sourcegate.fetch.SourceCache.FileKey;
import dev.sourcegate.fetch.SourceCache.GoogleSourceKey;
import dev.sourcegate.fetch.SourceCache.Key;
import dev.sourcegate.fetch.SourceCache.MissingEntry;
import dev.sourcegate.fetch.SourceCache.PageEntry;
import dev.sourcegate.fetch.SourceCache.VanityKey;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Every read goes through the shared cache first. Contents are keyed by commit so they never go stale;
 * "not found" is remembered briefly; identical concurrent upstream calls are made once; and a private
 * repository's cached content only reaches tokens that may read it.
 */
public final class CachingFetcher {
  private final GitHubClient github;
  private final GoGetClient goGet;
  private final GoogleSourceClient googleSource;
  private final SourceCache cache;
  private final FleetCache fleet;
  private final RefResolver refs;
  private final AccessControl access;
  private final Coalescer<Object> calls = new Coalescer<>();
  private final long refTtlNanos;
  private final long negativeTtlNanos;
  private final long vanityTtlNanos;

  public CachingFetcher(GitHubClient github, GoGetClient goGet, GoogleSourceClient googleSource,
      SourceCache cache, FleetCache fleet, GatewayConfig.Cache config) {
    this.github = github;
    this.fleet = fleet;
    this.goGet = goGet;
    this.googleSource = googleSource;
    this.cache = cache;
    this.refs = new RefResolver(github, config.refTtlMs(), config.negativeTtlMs());
    this.access = new AccessControl(github, config.accessTtlMs());
    this.refTtlNanos = Duration.ofMillis(config.refTtlMs()).toNanos();
    this.negativeTtlNanos = Duration.ofMillis(config.negativeTtlMs()).toNanos();
    this.vanityTtlNanos = Duration.ofMillis(config.vanityTtlMs()).toNanos();
  }

  /** Whether the token (by its digest) may read the repository (by its key) without asking GitHub (see AccessControl). */
  public boolean knownAllowed(String tokenHash, String repoKey) {
    return access.knownAllowedByHash(tokenHash, repoKey);
  }

  /** Whether an answer for this ref came from a cached ref -> commit answer GitHub could not confirm. */
  public boolean servedStale(String owner, String repo, String ref) {
    return refs.servedStale(owner, repo, ref);
  }

  public Coalescer<Object> coalescer() {
    return calls;
  }

  /** A file of a GitHub repository. */
  public Future<FetchedFile> githubFile(String token, String owner, String repo, String ref, String path, long deadline) {
    String repoKey = RepoRef.key(owner, repo);
    String version = refs.versionNow(token, owner, repo, ref, deadline);
    if (version != null) {
      FileKey key = new FileKey(repoKey, version, path);
      Entry hit = cache.get(key);
      if (hit != null) {
        return access.authorize(token, owner, repo, deadline).compose(v -> answer(hit, FileEntry.class, FileEntry::file));
      }
      if (!RefResolver.byName(version)) {
        return fleet.get(key).compose(shared -> {
          if (shared.isPresent()) {
            cache.put(key, shared.get());
            return access.authorize(token, owner, repo, deadline)
                .compose(v -> answer(shared.get(), FileEntry.class, FileEntry::file));
          }
          return githubFileUpstream(token, owner, repo, ref, path, version, deadline);
        });
      }
    }
    return githubFileUpstream(token, owner, repo, ref, path, version, deadline);
  }

  private Future<FetchedFile> githubFileUpstream(String token, String owner, String repo, String ref, String path,
      String version, long deadline) {
    String repoKey = RepoRef.key(owner, repo);
    Future<String> resolvedVersion = version != null ? Future.succeededFuture(version)
        : refs.resolve(token, owner, repo, ref, deadline);
    Future<FetchedFile> fetched = calls.call(List.of("file", TokenHash.of(token), repoKey, ref, path),
        () -> github.contents(token, owner, repo, ref, path, deadline));
    return Future.join(resolvedVersion, fetched).transform(ignored -> {
      String v = resolvedVersion.result();
      FileKey key = new FileKey(repoKey, v, path);
      long ttl = RefResolver.byName(v) ? refTtlNanos : SourceCache.FOREVER;
      if (fetched.succeeded()) {
        access.granted(token, owner, repo);
        FileEntry entry = new FileEntry(fetched.result(), ttl);
        cache.put(key, entry);
        fleet.put(key, entry);
        return fetched;
      }
      if (fetched.cause() instanceof FileTooLargeException) {
        // GitHub showed this token the file's size: it may read the repository
        access.granted(token, owner, repo);
      }
      rememberMissing(token, owner, repo, key, fetched.cause(), deadline);
      return fetched;
    });
  }

  /** A commit of a GitHub repository by ref (no heads/ or tags/ fallback here: the resolver does that). */
  public Future<FetchedCommit> commit(String token, String owner, String repo, String ref, long deadline) {
    CommitKey key = new CommitKey(RepoRef.key(owner, repo), CommitSha.isFull(ref) ? ref.toLowerCase(Locale.ROOT) : ref);
    Entry hit = cache.get(key);
    if (hit != null) {
      return access.authorize(token, owner, repo, deadline).compose(v -> answer(hit, CommitEntry.class, CommitEntry::commit));
    }
    return fleet.get(key).compose(shared -> {
      if (shared.isPresent()) {
        cache.put(key, shared.get());
        return access.authorize(token, owner, repo, deadline)
            .compose(v -> answer(shared.get(), CommitEntry.class, CommitEntry::commit));
      }
      return commitUpstream(token, owner, repo, ref, key, deadline);
    });
  }

  private Future<FetchedCommit> commitUpstream(String token, String owner, String repo, String ref, CommitKey key, long deadline) {
    return calls.call(List.of("commit", TokenHash.of(token), key), () -> github.commit(token, owner, repo, ref, deadline))
        .transform(ar -> {
          if (ar.succeeded()) {
            access.granted(token, owner, repo);
            CommitEntry entry = new CommitEntry(ar.result(), CommitSha.isFull(ref) ? SourceCache.FOREVER : refTtlNanos);
            cache.put(key, entry);
            fleet.put(key, entry);
          } else {
            rememberMissing(token, owner, repo, key, ar.cause(), deadline);
          }
          return ar.succeeded() ? Future.succeededFuture(ar.result()) : Future.failedFuture(ar.cause());
        });
  }

  /** A Go vanity page: public, shared by everyone, kept for hours. */
  public Future<String> goGetPage(String importPath, long deadline) {
    return shared(new VanityKey(importPath), () -> goGet.page(importPath, deadline),
        body -> new PageEntry(body, vanityTtlNanos), PageEntry.class, PageEntry::body);
  }

  /** A googlesource file: public; a version tag or commit does not move, a branch does. */
  public Future<FetchedFile> googleSourceFile(String project, String ref, String path, long deadline) {
    long ttl = CommitSha.isFull(ref) || ref.matches("v\\d+\\.\\d+\\.\\d+.*") ? SourceCache.FOREVER : refTtlNanos;
    return shared(new GoogleSourceKey(project, ref, path), () -> googleSource.file(project, ref, path, deadline),
        file -> new FileEntry(file, ttl), FileEntry.class, FileEntry::file);
  }

  private <V, E extends Entry> Future<V> shared(Key key, Supplier<Future<V>> upstream, Function<V, E> entryOf,
      Class<E> type, Function<E, V> valueOf) {
    Entry hit = cache.get(key);
    if (hit != null) {
      return answer(hit, type, valueOf);
    }
    return fleet.get(key).compose(shared -> {
      if (shared.isPresent() && type.isInstance(shared.get())) {
        cache.put(key, shared.get());
        return answer(shared.get(), type, valueOf);
      }
      return sharedUpstream(key, upstream, entryOf);
    });
  }

  private <V, E extends Entry> Future<V> sharedUpstream(Key key, Supplier<Future<V>> upstream, Function<V, E> entryOf) {
    return calls.call(key, upstream).transform(ar -> {
      if (ar.succeeded()) {
        E entry = entryOf.apply(ar.result());
        cache.put(key, entry);
        fleet.put(key, entry);
        return Future.succeededFuture(ar.result());
      }
      if (RpcException.isNotFound(ar.cause())) {
        RpcException e = (RpcException) ar.cause();
        cache.put(key, new MissingEntry(e.code(), e.getMessage(), negativeTtlNanos));
      }
      return Future.failedFuture(ar.cause());
    });
  }

  /**
   * "Not found" (and "too large", an answer about the same content) is remembered only where it cannot
   * hide a private repository from someone who may read it: when the token is known to read the
   * repository (a 404 then really is a missing file), or once GitHub confirms that in the background.
   */
  private void rememberMissing(String token, String owner, String repo, Key key, Throwable failure, long deadline) {
    if (!RpcException.isNotFound(failure) && !(failure instanceof FileTooLargeException)) {
      return;
    }
    RpcException e = (RpcException) failure;
    MissingEntry missing = new MissingEntry(e.code(), e.getMessage(), negativeTtlNanos);
    if (access.knownAllowed(token, owner, repo)) {
      cache.put(key, missing);
    } else {
      access.authorize(token, owner, repo, Math.max(deadline, System.currentTimeMillis() + 5_000))
          .onSuccess(v -> cache.put(key, missing));
    }
  }

  private static <V, E extends Entry> Future<V> answer(Entry hit, Class<E> type, Function<E, V> valueOf) {
    if (hit instanceof MissingEntry m) {
      return Future.failedFuture(new RpcException(m.code(), m.message()));
    }
    return Future.succeededFuture(valueOf.apply(type.cast(hit)));
  }
}
