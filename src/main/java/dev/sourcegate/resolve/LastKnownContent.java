package dev.sourcegate.resolve;

import com.github.benmanes.caffeine.cache.Cache;
import dev.sourcegate.ops.Caches;
import dev.sourcegate.resolve.rules.FileQuery;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;

/**
 * What the real rules last read of the files whose CONTENT decides which other file they read next, for
 * a dry run to assume at a ref it has not read yet: a steering file of the request's repository (go.mod
 * says which version or replacement of a Go module, vendor/modules.txt which module a vendored package is,
 * a Bundler lock which repository and revision a git gem is, Cargo.lock which repository and commit a git
 * crate is), and a Go import path's vanity page (which repository a module lives in). Without them the
 * dry run cannot list that next file, and it costs a second round trip.
 *
 * <p>A steering file is kept per caller, repository, rootPath and path: a private repository's lock file
 * is its reader's view, so no other caller's dry run is shaped by it. A vanity page is public (the fetcher
 * reads it without any user token), so it is kept once for every caller. Both are bounded by bytes and by
 * a day. What is kept only shapes the list of a batched read: the real rules read the real files, and a
 * file or page that changed only makes some listed candidates unneeded look-ups. Thread-safe.
 */
final class LastKnownContent {
  /**
   * The files whose content steers the rules to another GitHub file (resolve/go, resolve/deps/ruby,
   * resolve/deps/rust); matched on the path's last segments. Files that only steer to a registry (npm,
   * PyPI, Maven lock and build files) are not here: a registry's reads are not in GitHub's batch.
   */
  static final List<String> STEERING = List.of("go.mod", "vendor/modules.txt", "Gemfile.lock", "gems.locked", "Cargo.lock");
  /** All steering files of all callers: lock files of large workspaces run to hundreds of KiB. */
  static final long MAX_FILE_BYTES_KEPT = 16L * 1024 * 1024;
  /** A file past this is not kept: one workspace's lock must not push every other out. */
  static final int MAX_ONE_FILE_BYTES = 2 * 1024 * 1024;
  /** Vanity pages are small (the fetcher reads at most 512 KiB of one); most are well under 1 KiB. */
  static final long MAX_PAGE_BYTES_KEPT = 4L * 1024 * 1024;
  private static final Duration KEPT_FOR = Duration.ofDays(1);
  /** Roughly what an entry costs besides its bytes (key, strings, cache node). */
  private static final int ENTRY_OVERHEAD = 200;

  /** Whose view of which repository's file: learnt through the caller's token. */
  private record FileKey(String caller, String repoKey, String rootPath, String path) {}

  private final Cache<FileKey, SourceFile> files = Caches.builder()
      .maximumWeight(MAX_FILE_BYTES_KEPT)
      .weigher((FileKey k, SourceFile f) -> ENTRY_OVERHEAD + k.path().length() + f.content().length)
      .expireAfterWrite(KEPT_FOR)
      .build();
  private final Cache<String, String> pages = Caches.builder()
      .maximumWeight(MAX_PAGE_BYTES_KEPT)
      .weigher((String importPath, String html) -> ENTRY_OVERHEAD + importPath.length() + html.length())
      .expireAfterWrite(KEPT_FOR)
      .build();

  /** True for a path whose content steers the rules (see {@link #STEERING}). */
  static boolean steers(String path) {
    for (String name : STEERING) {
      if (path.equals(name) || path.endsWith("/" + name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * What a dry run of q for caller may assume about a read of where at ref: the steering file last read,
   * when the read is one of q's own repository at q's ref; otherwise null (the dry run's "missing").
   */
  SourceFile file(FileQuery q, String caller, RepoRef where, String ref, String path) {
    if (!ownRead(q, where, ref) || !steers(path)) {
      return null;
    }
    return files.getIfPresent(new FileKey(caller, where.key(), rootPath(q), path));
  }

  /** The vanity page last read for importPath, or null. */
  String page(String importPath) {
    return pages.getIfPresent(importPath);
  }

  /**
   * After a real resolution, one of its reads of q's own repository at q's ref: a steering file's
   * content is kept; one that is now missing is forgotten (the next dry run assumes it missing too);
   * any other failure (a rate limit) tells nothing and changes nothing.
   */
  void learnFile(FileQuery q, String caller, RepoRef where, String ref, String path, Future<SourceFile> read) {
    if (!ownRead(q, where, ref) || !steers(path) || !read.isComplete()) {
      return;
    }
    FileKey key = new FileKey(caller, where.key(), rootPath(q), path);
    if (read.succeeded() && read.result() != null && read.result().content().length <= MAX_ONE_FILE_BYTES) {
      files.put(key, read.result());
    } else if (read.failed() && RpcException.isNotFound(read.cause())) {
      files.invalidate(key);
    }
  }

  /** After a real resolution, a vanity page it read; a failed read changes nothing (the host may be down). */
  void learnPage(String importPath, Future<String> read) {
    if (read.succeeded() && read.result() != null) {
      pages.put(importPath, read.result());
    }
  }

  private static boolean ownRead(FileQuery q, RepoRef where, String ref) {
    return RepoRef.GITHUB.equals(where.host()) && where.key().equals(RepoRef.key(q.owner(), q.repo()))
        && q.ref().equals(ref);
  }

  private static String rootPath(FileQuery q) {
    return q.rootPath() == null ? "" : q.rootPath();
  }
}
