package dev.sourcegate.fetch;

import dev.sourcegate.bus.Messages.CommitOutcome;
import dev.sourcegate.bus.Messages.FetchedCommit;
import dev.sourcegate.bus.Messages.FetchedFile;
import dev.sourcegate.bus.Messages.FetchedPage;
import dev.sourcegate.bus.Messages.FetchedTree;
import dev.sourcegate.bus.Messages.FileAt;
import dev.sourcegate.bus.Messages.FileOutcome;
import dev.sourcegate.fetch.SourceCache.CommitEntry;
import dev.sourcegate.fetch.SourceCache.CommitKey;
import dev.sourcegate.fetch.SourceCache.Entry;
import dev.sourcegate.fetch.SourceCache.FileEntry;
import dev.sourcegate.fetch.SourceCache.FileKey;
import dev.sourcegate.fetch.SourceCache.Key;
import dev.sourcegate.fetch.SourceCache.MissingEntry;
import dev.sourcegate.fetch.SourceCache.PageEntry;
import dev.sourcegate.fetch.SourceCache.PageKey;
import dev.sourcegate.fetch.SourceCache.TreeEntry;
import dev.sourcegate.fetch.SourceCache.TreeKey;
import dev.sourcegate.fetch.registry.ArchiveRefused;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.settings.GatewayConfig;
import dev.sourcegate.source.CommitSha;
import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.SourceFile;
import dev.sourcegate.source.TokenHash;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What stands in front of every {@link SourceProvider}, once: every read goes through the shared cache
 * first, then the fleet cache. Contents are keyed by commit so they never go stale; "not found" is
 * remembered briefly; identical concurrent upstream calls are made once; a private repository's cached
 * content only reaches tokens that may read it ({@link AccessControl}); a branch its host cannot confirm
 * keeps serving its last commit ({@link RefResolver}). Every key is made from {@link RepoRef#key}.
 */
public final class CachingFetcher {
  private final SourceProviders providers;
  private final SourceCache cache;
  private final FleetCache fleet;
  private final RefResolver refs;
  private final AccessControl access;
  private final Coalescer<Object> calls = new Coalescer<>();
  private final long refTtlNanos;
  private final long negativeTtlNanos;
  private final long pageTtlNanos;
  private final RegistryRequests counts;
  private final FileBatch batch;

  /** One read: the provider of its reference, and the call the provider gets. */
  private record Read(SourceProvider provider, ProviderCall call, RepoRef where) {
    /** Whose answer a coalesced call is: a private repository's depends on the token. */
    Object caller() {
      return where.publicHost() ? "" : TokenHash.of(call.token());
    }
  }

  public CachingFetcher(SourceProviders providers, SourceCache cache, FleetCache fleet, GatewayConfig.Cache config) {
    this(providers, cache, fleet, config, RegistryRequests.NONE);
  }

  CachingFetcher(SourceProviders providers, SourceCache cache, FleetCache fleet, GatewayConfig.Cache config,
      RegistryRequests counts) {
    this.counts = counts;
    this.providers = providers;
    this.cache = cache;
    this.fleet = fleet;
    this.refs = new RefResolver(config.refTtlMs(), config.negativeTtlMs());
    this.access = new AccessControl(config.accessTtlMs());
    this.refTtlNanos = Duration.ofMillis(config.refTtlMs()).toNanos();
    this.negativeTtlNanos = Duration.ofMillis(config.negativeTtlMs()).toNanos();
    this.pageTtlNanos = Duration.ofMillis(config.vanityTtlMs()).toNanos();
    this.batch = new FileBatch(cache, fleet, refs, access, negativeTtlNanos, refTtlNanos, calls);
  }

  /** Whether the token (by its digest) may read the repository (by its key) without asking its host (see AccessControl). */
  public boolean knownAllowed(String tokenHash, String repoKey) {
    return access.knownAllowedByHash(tokenHash, repoKey);
  }

  /** Until when that is known (a System.nanoTime() instant; nowNanos when it is not known): see AccessControl. */
  public long knownAllowedUntil(String tokenHash, String repoKey, long nowNanos) {
    return access.knownAllowedUntil(tokenHash, repoKey, nowNanos);
  }

  /** How many times access knowledge was dropped before its end (see AccessControl#droppedSoFar). */
  public long accessDroppedSoFar() {
    return access.droppedSoFar();
  }

  /** Whether an answer for this ref came from a cached ref -> commit answer the host could not confirm. */
  public boolean servedStale(RepoRef where, String ref) {
    return refs.servedStale(where, ref);
  }

  public Coalescer<Object> coalescer() {
    return calls;
  }

  private Read read(String token, RepoRef where, long deadline) {
    SourceProvider provider = providers.of(where);
    return new Read(provider, new ProviderCall(token, deadline, provider.scope(where)), where);
  }

  /** The file at path of where at ref, with the version it was read at. */
  public Future<FetchedFile> file(String token, RepoRef where, String ref, String path, long deadline) {
    Read r = read(token, where, deadline);
    String version = refs.versionNow(r.provider, r.call, where, ref);
    if (version == null) {
      return fileUpstream(r, ref, path, null);
    }
    return cached(r, new FileKey(where.key(), version, path), FileEntry.class,
        e -> new FetchedFile(e.file(), version), () -> fileUpstream(r, ref, path, version));
  }

  /**
   * Many files at once where the first file's host has a batched way (see FileBatch): what it finds is
   * cached as single reads would cache it, so the rules' reads that follow are hits.
   */
  public Future<List<FileOutcome>> files(String token, List<FileAt> files, long deadline) {
    if (files.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    Read r = read(token, files.get(0).where(), deadline);
    return batch.read(r.provider, r.call, files);
  }

  /**
   * The read, its ref's commit and what it keeps are one coalesced call: were only the host's answer
   * shared, a caller on another event loop arriving once the file had answered but before its ref's
   * commit had (and so before the file was kept) would find neither the call nor the cache entry, and
   * read the file again.
   */
  private Future<FetchedFile> fileUpstream(Read r, String ref, String path, String version) {
    return calls.call(List.of("file", r.caller(), r.where.key(), ref, path), () -> {
      Future<String> resolvedVersion = version != null ? Future.succeededFuture(version)
          : refs.resolve(r.provider, r.call, r.where, ref);
      Future<SourceFile> fetched = counts.call(r.provider.host(), () -> r.provider.file(r.call, r.where, ref, path));
      return Future.join(resolvedVersion, fetched).transform(ignored -> kept(r, path, resolvedVersion, fetched));
    });
  }

  /** A file read kept (or its absence remembered) under the commit its ref named. */
  private Future<FetchedFile> kept(Read r, String path, Future<String> resolvedVersion, Future<SourceFile> fetched) {
    String v = resolvedVersion.result();
    FileKey key = new FileKey(r.where.key(), v, path);
    if (fetched.succeeded()) {
      access.granted(r.call.token(), r.where);
      FileEntry entry = new FileEntry(fetched.result(), neverMoves(r.provider, v) ? SourceCache.FOREVER : refTtlNanos);
      cache.put(key, entry);
      fleet.put(key, entry);
      return Future.succeededFuture(new FetchedFile(fetched.result(), v));
    }
    if (fetched.cause() instanceof FileTooLargeException) {
      // the host showed this token the file's size: it may read the repository
      access.granted(r.call.token(), r.where);
    }
    rememberMissing(r, key, fetched.cause());
    return Future.failedFuture(fetched.cause());
  }

  private static boolean neverMoves(SourceProvider provider, String version) {
    return !RefResolver.byName(version) && (CommitSha.isFull(version) || provider.fixedRef(version));
  }

  /** A commit by ref (no heads/ or tags/ fallback here: the resolver does that). */
  public Future<FetchedCommit> commit(String token, RepoRef where, String ref, long deadline) {
    Read r = read(token, where, deadline);
    CommitKey key = commitKey(where, ref);
    return cached(r, key, CommitEntry.class, CommitEntry::commit, () -> calls.call(List.of("commit", r.caller(), key),
            () -> counts.call(r.provider.host(), () -> r.provider.commit(r.call, where, ref)))
        .transform(ar -> {
          if (ar.succeeded()) {
            storeCommit(r, ref, ar.result());
            return Future.succeededFuture(ar.result());
          }
          rememberMissing(r, key, ar.cause());
          return Future.failedFuture(ar.cause());
        }));
  }

  /** Several refs' commits, each with the heads/ and tags/ fallback, at once where the host can (see CommitBatch). */
  public Future<List<CommitOutcome>> commits(String token, RepoRef where, List<String> refs, long deadline) {
    Read r = read(token, where, deadline);
    return CommitBatch.read(refs,
        ref -> cached(r, commitKey(where, ref), CommitEntry.class, CommitEntry::commit, () -> Future.succeededFuture(null)),
        misses -> calls.call(List.of("commits", r.caller(), where.key(), misses),
            () -> counts.call(r.provider.host(), () -> r.provider.commits(r.call, where, misses))),
        (ref, c) -> storeCommit(r, ref, c));
  }

  private static CommitKey commitKey(RepoRef where, String ref) {
    return new CommitKey(where.key(), CommitSha.isFull(ref) ? ref.toLowerCase(Locale.ROOT) : ref);
  }

  private void storeCommit(Read r, String ref, FetchedCommit commit) {
    access.granted(r.call.token(), r.where);
    CommitEntry entry = new CommitEntry(commit, CommitSha.isFull(ref) ? SourceCache.FOREVER : refTtlNanos);
    CommitKey key = commitKey(r.where, ref);
    cache.put(key, entry);
    fleet.put(key, entry);
  }

  /** A discovery page (a Go vanity page): kept for SOURCEGATE_VANITY_TTL_MS. */
  public Future<FetchedPage> page(String token, RepoRef where, long deadline) {
    Read r = read(token, where, deadline);
    PageKey key = new PageKey(where.key());
    return cached(r, key, PageEntry.class, e -> new FetchedPage(e.body()), () -> calls.call(List.of("page", r.caller(), key),
            () -> counts.call(r.provider.host(), () -> r.provider.page(r.call, where)))
        .transform(ar -> {
          if (ar.succeeded()) {
            PageEntry entry = new PageEntry(ar.result(), pageTtlNanos);
            cache.put(key, entry);
            fleet.put(key, entry);
            return Future.succeededFuture(new FetchedPage(ar.result()));
          }
          rememberMissing(r, key, ar.cause());
          return Future.failedFuture(ar.cause());
        }));
  }

  /**
   * The repository's file tree at ref: the ref is resolved to its commit first, so the tree is fetched
   * once per commit and kept until evicted (a ref its host cannot resolve keeps it for the ref TTL).
   */
  public Future<FetchedTree> tree(String token, RepoRef where, String ref, long deadline) {
    Read r = read(token, where, deadline);
    return refs.resolve(r.provider, r.call, where, ref).compose(version -> {
      TreeKey key = new TreeKey(where.key(), version);
      String asked = RefResolver.byName(version) ? ref : version;
      return cached(r, key, TreeEntry.class, e -> new FetchedTree(e.tree(), version),
          () -> calls.call(List.of("tree", r.caller(), key),
              () -> counts.call(r.provider.host(), () -> r.provider.tree(r.call, where, asked))).transform(ar -> {
            if (ar.succeeded()) {
              access.granted(token, where);
              TreeEntry entry = new TreeEntry(ar.result(), neverMoves(r.provider, version) ? SourceCache.FOREVER : refTtlNanos);
              cache.put(key, entry);
              fleet.put(key, entry);
              return Future.succeededFuture(new FetchedTree(ar.result(), version));
            }
            rememberMissing(r, key, ar.cause());
            return Future.failedFuture(ar.cause());
          }));
    });
  }

  /** The local cache, then the fleet cache, each answered only once the token may read the repository; else upstream. */
  private <E extends Entry, V> Future<V> cached(Read r, Key key, Class<E> type, Function<E, V> valueOf,
      Supplier<Future<V>> upstream) {
    Entry hit = cache.get(key);
    if (hit != null) {
      counts.hit(r.provider.host());
      return access.authorize(r.provider, r.call, r.where).compose(v -> answer(hit, type, valueOf));
    }
    return fleet.get(key).compose(shared -> {
      if (shared.isPresent() && type.isInstance(shared.get())) {
        counts.hit(r.provider.host());
        cache.put(key, shared.get());
        return access.authorize(r.provider, r.call, r.where).compose(v -> answer(shared.get(), type, valueOf));
      }
      return upstream.get();
    });
  }

  /**
   * "Not found" (and "too large", an answer about the same content) is remembered only where it cannot
   * hide a private repository from someone who may read it: when the token is known to read the
   * repository (a 404 then really is a missing file), or once its host confirms that in the background.
   */
  private void rememberMissing(Read r, Key key, Throwable failure) {
    // a refused archive (a hostile tarball or wheel) is the same bytes next time: remembered like a miss,
    // so it is not downloaded again for every frame that names it
    if (!RpcException.isNotFound(failure) && !(failure instanceof FileTooLargeException)
        && !(failure instanceof ArchiveRefused)) {
      return;
    }
    RpcException e = (RpcException) failure;
    MissingEntry missing = new MissingEntry(e.code(), e.getMessage(), negativeTtlNanos);
    if (access.knownAllowed(r.call.token(), r.where)) {
      cache.put(key, missing);
    } else {
      access.authorize(r.provider, r.call.withAtLeast(5_000), r.where).onSuccess(v -> cache.put(key, missing));
    }
  }

  private static <V, E extends Entry> Future<V> answer(Entry hit, Class<E> type, Function<E, V> valueOf) {
    if (hit instanceof MissingEntry m) {
      return Future.failedFuture(new RpcException(m.code(), m.message()));
    }
    return Future.succeededFuture(valueOf.apply(type.cast(hit)));
  }
}
