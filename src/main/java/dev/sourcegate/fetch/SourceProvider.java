package dev.sourcegate.fetch;

import dev.sourcegate.bus.Messages.CommitOutcome;
import dev.sourcegate.bus.Messages.FetchedCommit;
import dev.sourcegate.bus.Messages.FileAt;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.CommitSha;
import dev.sourcegate.source.FileTree;
import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * One host source is read from (GitHub's REST API, googlesource, Go import pages): how to ask it, and
 * nothing else. The cache, coalescing, access checks, the fleet cache and stale-if-error sit in front of
 * every provider once ({@link CachingFetcher}); the per-scope breakers sit behind every provider once
 * ({@link UpstreamClient}, under the {@link #scope} the caller is given). A provider is registered in
 * {@link FetchServices} and chosen by {@link RepoRef#host}.
 *
 * <p>An operation a host has no way to answer keeps its default: unimplemented. Failures are
 * {@link RpcException}s; a missing file, commit or page is NOT_FOUND.
 */
public interface SourceProvider {
  /** The {@link RepoRef#host} this provider serves. */
  String host();

  /** How messages name this upstream (never by host name: an Enterprise host may be an internal name). */
  String upstreamName();

  /** The scope whose upstream faults are counted together (see fetch/isolation): by default the repository. */
  default UpstreamScope scope(RepoRef where) {
    return new UpstreamScope(upstreamName(), where.key());
  }

  /** For a {@link RepoRef#publicHost}, keyed by ref: whether a ref names content that never changes. */
  default boolean fixedRef(String ref) {
    return CommitSha.isFull(ref);
  }

  /** The file at path (plain text; the provider encodes it) at ref; not_found for a missing file. */
  default Future<SourceFile> file(ProviderCall call, RepoRef where, String ref, String path) {
    return unsupported("files");
  }

  /**
   * The paths of the repository's files at ref (a commit SHA once {@link CachingFetcher} resolved it), as
   * many as the provider keeps; truncated when the host or the provider cut the listing short.
   */
  default Future<FileTree> tree(ProviderCall call, RepoRef where, String ref) {
    return unsupported("file trees");
  }

  /** One commit by ref. */
  default Future<FetchedCommit> commit(ProviderCall call, RepoRef where, String ref) {
    return unsupported("commits");
  }

  /**
   * The commits of several refs in one call, each as given, then as a branch, then as a tag, one
   * outcome per ref in order. A host without a batched way (now) fails it; the fetcher then reads each
   * spelling on its own through {@link #commit}.
   */
  default Future<List<CommitOutcome>> commits(ProviderCall call, RepoRef where, List<String> refs) {
    return unsupported("batched commits");
  }

  /**
   * Many files in one call (each its own repository, ref and path), one outcome per file in order. A host
   * without a batched way (now) fails it; the fetcher then reads nothing ahead, and each file is read
   * on its own through {@link #file} when the rules ask for it.
   */
  default Future<List<BatchedFile>> files(ProviderCall call, List<FileAt> files) {
    return unsupported("batched files");
  }

  /**
   * How many extra files a batched read at a commit may carry besides the caller's own (see {@link
   * PrefetchPlan}); 0, the default, for a host that cannot learn a file cheaply without its bytes.
   */
  default int prefetchLimit() {
    return 0;
  }

  /**
   * Whether the file at path of where is worth carrying as an extra: the provider can tell from its
   * answer alone, with no content sent, that it holds the file's bytes.
   */
  default boolean prefetchable(RepoRef where, String path) {
    return false;
  }

  /**
   * As {@link #files(ProviderCall, List)}, carrying extras (files nobody asked for yet, see {@link
   * #prefetchLimit}) in the same call: one outcome per file, then one per extra. An extra is found only
   * when its bytes were at hand without transferring them; otherwise it is unknown (never missing), and it
   * never fails the call or changes a file's outcome. By default the extras are left out and unknown.
   */
  default Future<List<BatchedFile>> files(ProviderCall call, List<FileAt> files, List<FileAt> extras) {
    Future<List<BatchedFile>> asked = files(call, files);
    if (extras.isEmpty()) {
      return asked;
    }
    return asked.map(out -> {
      List<BatchedFile> all = new ArrayList<>(out);
      extras.forEach(e -> all.add(BatchedFile.unknown()));
      return all;
    });
  }

  /** A ref's commit SHA (or "not modified" when etag still holds), for keying contents by commit. */
  record RefAnswer(String sha, String etag, boolean notModified) {}

  /** The commit a ref names; a provider that cannot say leaves its content cached under the ref's name. */
  default Future<RefAnswer> resolveRef(ProviderCall call, RepoRef where, String ref, String etag) {
    return unsupported("ref resolution");
  }

  /**
   * Whether the caller's token can read the repository, and whether it is public. notModified: the
   * conditional request's ETag still holds.
   */
  record RepoAnswer(boolean isPublic, String etag, boolean notModified) {}

  /** Asked before a private repository's cached bytes reach a token not seen reading it lately. */
  default Future<RepoAnswer> repository(ProviderCall call, RepoRef where, String etag) {
    return Future.succeededFuture(new RepoAnswer(true, null, false));
  }

  /** The reference's discovery page (a Go import path's ?go-get=1 page). */
  default Future<String> page(ProviderCall call, RepoRef where) {
    return unsupported("discovery pages");
  }

  private <T> Future<T> unsupported(String what) {
    return Future.failedFuture(new RpcException(Code.UNIMPLEMENTED, upstreamName() + " does not serve " + what));
  }
}
