package dev.sourcegate.fetch;

import dev.sourcegate.bus.Messages.FetchedFile;
import dev.sourcegate.bus.Messages.FileAt;
import dev.sourcegate.bus.Messages.FileOutcome;
import dev.sourcegate.fetch.SourceCache.FileEntry;
import dev.sourcegate.fetch.SourceCache.FileKey;
import dev.sourcegate.fetch.SourceCache.MissingEntry;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.source.TokenHash;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Many files for one caller in one call to their provider, kept exactly where single reads keep them:
 * each found file under (repository, commit, path) as a ReadFile at that commit would, the commit its ref
 * names in the {@link RefResolver}, the caller's access to every repository the host answered for it,
 * and "not found" where that access is known. The single reads that follow are then cache hits, with
 * the usual access check. Files already cached are not asked again (their outcome is unasked: the single
 * read answers them from the cache); a provider without a batched way, or a batch that fails as a whole,
 * leaves every file unasked and changes nothing. A file the known top of its commit's tree rules out
 * ({@link RootListings}) is not asked either: it is "not found" at once, kept as the single read's would be.
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
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      FileAt f = files.get(i);
      if (!provider.host().equals(f.where().host()) || f.where().publicHost()) {
        continue;
      }
      String version = refs.versionNow(provider, call, f.where(), f.ref());
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
    List<FileAt> asked = missing.stream().map(files::get).toList();
    return calls.call(List.of("files", TokenHash.of(call.token()), asked), () -> provider.files(call, asked)).transform(ar -> {
      if (ar.succeeded() && ar.result().size() == asked.size()) {
        for (int j = 0; j < asked.size(); j++) {
          out[missing.get(j)] = keep(provider, call, asked.get(j), ar.result().get(j));
        }
      }
      return Future.succeededFuture(List.of(out));
    });
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
      // under the commit the same answer said the ref names, never under the ref's name
      roots.learned(f.where(), b.commitSha(), b.root());
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
