package dev.sourcegate.fetch;

import dev.sourcegate.bus.Messages.FetchedFile;
import dev.sourcegate.bus.Messages.FileAt;
import dev.sourcegate.bus.Messages.FileOutcome;
import dev.sourcegate.fetch.SourceCache.Entry;
import dev.sourcegate.fetch.SourceCache.FileEntry;
import dev.sourcegate.fetch.SourceCache.FileKey;
import dev.sourcegate.fetch.SourceCache.MissingEntry;
import dev.sourcegate.fetch.graphql.BlobQuery;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.source.TokenHash;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Many files for one caller in one call to their provider, kept exactly where single reads keep them:
 * each found file under (repository, commit, path) as a ReadFile at that commit would, the commit its ref
 * names in the {@link RefResolver}, the caller's access to every repository the host answered for it,
 * and "not found" where that access is known. The single reads that follow are then cache hits, with
 * the usual access check. Files already cached are not asked again (their outcome is unasked: the single
 * read answers them from the cache); a provider without a batched way, or a batch that fails as a whole,
 * leaves every file unasked and changes nothing. A file the known top of its commit's tree rules out
 * ({@link RootListings}) is not asked either: it is "not found" at once, kept as the single read's would be.
 * With a fleet cache, the files still missing are looked up there first, in parallel, with the single
 * read's keys and access discipline; only the fleet's misses are asked of the host.
 */
final class FileBatch {
  private final SourceCache cache;
  private final FleetCache fleet;
  private final RefResolver refs;
  private final AccessControl access;
  private final long negativeTtlNanos;
  private final long refTtlNanos;
  private final Coalescer<Object> calls;
  private final RootListings roots;
  /** Shared by every batch of this fetcher (every event loop's): what extras are chosen from. */
  private final RecentPaths recent = new RecentPaths();

  /** calls: the fetcher's coalescer, so the same batch for the same caller in flight twice is asked once. */
  FileBatch(SourceCache cache, FleetCache fleet, RefResolver refs, AccessControl access, long negativeTtlNanos,
      long refTtlNanos, Coalescer<Object> calls) {
    this.roots = new RootListings(access, RootListings.MAX_BYTES);
    this.refTtlNanos = refTtlNanos;
    this.calls = calls;
    this.cache = cache;
    this.fleet = fleet;
    this.refs = refs;
    this.access = access;
    this.negativeTtlNanos = negativeTtlNanos;
  }

  Future<List<FileOutcome>> read(SourceProvider provider, ProviderCall call, List<FileAt> files) {
    FileOutcome[] out = new FileOutcome[files.size()];
    Arrays.fill(out, FileOutcome.unasked());
    String[] versions = new String[files.size()];
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      FileAt f = files.get(i);
      if (!provider.host().equals(f.where().host()) || f.where().publicHost()) {
        continue;
      }
      String version = refs.versionNow(provider, call, f.where(), f.ref());
      versions[i] = version;
      if (version == null) {
        missing.add(i);
        continue;
      }
      FileKey key = new FileKey(f.where().key(), version, f.path());
      if (cache.get(key) != null) {
        continue;
      }
      if (roots.knownAbsent(call.token(), f.where(), version, f.path())) {
        out[i] = absent(key, f.path());
      } else {
        missing.add(i);
      }
    }
    if (missing.isEmpty()) {
      return Future.succeededFuture(List.of(out));
    }
    return fromFleet(call, files, versions, missing, out).compose(left -> ask(provider, call, files, left, out));
  }

  /**
   * The fleet cache's answers for the files not cached here, all asked at once, as a single read asks it:
   * a hit is kept in the local cache and answered when the token's access to its repository is known
   * (otherwise the single read that follows answers it after its access check); a fleet failure is a
   * miss. What is left for the host: the misses, and the files whose ref's commit is not known yet.
   */
  private Future<List<Integer>> fromFleet(ProviderCall call, List<FileAt> files, String[] versions, List<Integer> missing,
      FileOutcome[] out) {
    if (fleet == FleetCache.NONE) {
      // no fleet configured: not even a completed future per file
      return Future.succeededFuture(missing);
    }
    List<Integer> looked = new ArrayList<>();
    List<Future<Optional<Entry>>> gets = new ArrayList<>();
    List<Integer> left = new ArrayList<>();
    for (int i : missing) {
      // the fleet holds content under commits only: a ref not resolved yet, or kept by its name, is a miss
      if (versions[i] == null || RefResolver.byName(versions[i])) {
        left.add(i);
        continue;
      }
      FileAt f = files.get(i);
      looked.add(i);
      gets.add(fleet.get(new FileKey(f.where().key(), versions[i], f.path())).otherwise(Optional.empty()));
    }
    if (gets.isEmpty()) {
      return Future.succeededFuture(left);
    }
    return Future.join(gets).transform(done -> {
      for (int j = 0; j < looked.size(); j++) {
        int i = looked.get(j);
        Future<Optional<Entry>> got = gets.get(j);
        if (!got.succeeded() || !(got.result().orElse(null) instanceof FileEntry entry)) {
          left.add(i);
          continue;
        }
        FileAt f = files.get(i);
        cache.put(new FileKey(f.where().key(), versions[i], f.path()), entry);
        if (access.knownAllowed(call.token(), f.where())) {
          out[i] = new FileOutcome(new FetchedFile(entry.file(), versions[i]), null, null);
        }
      }
      left.sort(null);
      return Future.succeededFuture(left);
    });
  }

  private Future<List<FileOutcome>> ask(SourceProvider provider, ProviderCall call, List<FileAt> files, List<Integer> missing,
      FileOutcome[] out) {
    if (missing.isEmpty()) {
      return Future.succeededFuture(List.of(out));
    }
    List<FileAt> asked = missing.stream().map(files::get).toList();
    List<FileAt> extras = extras(provider, call, asked);
    return calls.call(List.of("files", TokenHash.of(call.token()), asked, extras), () -> provider.files(call, asked, extras))
        .transform(ar -> {
          if (ar.succeeded() && ar.result().size() == asked.size() + extras.size()) {
            for (int j = 0; j < asked.size(); j++) {
              BatchedFile b = ar.result().get(j);
              out[missing.get(j)] = keep(provider, call, asked.get(j), b);
              noteAnswered(provider, asked.get(j), b);
            }
            // an extra found is kept as the read it stands for would keep it; one not found keeps nothing
            for (int j = 0; j < extras.size(); j++) {
              keep(provider, call, extras.get(j), ar.result().get(asked.size() + j));
            }
          }
          return Future.succeededFuture(List.of(out));
        });
  }

  /**
   * The extras this batch may carry (see {@link PrefetchPlan}): never more than fit beside the batch in
   * one query, so carrying them never costs a second query; only of repositories this token is known to
   * read, and only paths not cached at that commit that the provider can answer without their bytes.
   */
  private List<FileAt> extras(SourceProvider provider, ProviderCall call, List<FileAt> asked) {
    int limit = Math.min(provider.prefetchLimit(), BlobQuery.MAX_OBJECTS - asked.size());
    if (limit <= 0) {
      return List.of();
    }
    return PrefetchPlan.choose(asked, limit, recent,
        where -> provider.host().equals(where.host()) && access.knownAllowed(call.token(), where),
        f -> !cache.holds(new FileKey(f.where().key(), f.ref().toLowerCase(Locale.ROOT), f.path()))
            && provider.prefetchable(f.where(), f.path()));
  }

  /**
   * What the extras of later batches are chosen from: the paths found, and the commits answered (only a
   * full SHA asked as itself: a branch's files are not kept under a commit for extras to ride on).
   */
  private void noteAnswered(SourceProvider provider, FileAt f, BatchedFile b) {
    if (provider.prefetchLimit() <= 0 || !b.readable() || b.commitSha() == null || !f.ref().equalsIgnoreCase(b.commitSha())) {
      return;
    }
    recent.answeredAt(f.where().key(), b.commitSha());
    if (b.file() != null) {
      recent.found(f.where().key(), f.path());
    }
  }

  private FileOutcome keep(SourceProvider provider, ProviderCall call, FileAt f, BatchedFile b) {
    if (!b.readable()) {
      return FileOutcome.unasked();
    }
    access.granted(call.token(), f.where());
    // a ref that names no commit is cached by its name for the ref TTL, as a single read would cache it
    String version;
    if (b.commitSha() != null) {
      refs.learned(f.where(), f.ref(), b.commitSha());
      // only when the ref is the commit itself: a branch's commit and its root are two expressions of one
      // query, and a push between them would file a newer tree under the older commit, ruling out a path
      // that commit holds
      if (f.ref().equalsIgnoreCase(b.commitSha())) {
        roots.learned(f.where(), b.commitSha(), b.root());
      }
      version = refs.versionNow(provider, call, f.where(), f.ref());
    } else {
      version = refs.learnedUnresolvable(f.where(), f.ref());
    }
    if (!b.answered() || version == null) {
      return FileOutcome.unasked();
    }
    FileKey key = new FileKey(f.where().key(), version, f.path());
    if (b.file() != null) {
      FileEntry entry = new FileEntry(b.file(), RefResolver.byName(version) ? refTtlNanos : SourceCache.FOREVER);
      cache.put(key, entry);
      fleet.put(key, entry);
      return new FileOutcome(new FetchedFile(b.file(), version), null, null);
    }
    return absent(key, f.path());
  }

  /** Kept and answered as a single read over REST keeps and answers the same missing file. */
  private FileOutcome absent(FileKey key, String path) {
    String message = "file " + path + " not found";
    cache.put(key, new MissingEntry(Code.NOT_FOUND, message, negativeTtlNanos));
    return new FileOutcome(null, Code.NOT_FOUND, message);
  }
}
