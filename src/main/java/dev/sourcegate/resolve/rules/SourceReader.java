package dev.sourcegate.resolve.rules;

import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.FileTree;
import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.SourceFile;

import dev.sourcegate.source.PyroscopeConfig;
import io.vertx.core.Future;

/**
 * Everything resolution may read, bound to one caller (their token and tenant). The resolver verticle
 * implements it over the event bus (fetcher and config-loader); unit tests implement it in memory.
 *
 * <p>Failures are {@link RpcException}s; a missing file, commit or page is NOT_FOUND,
 * which lets the next rule try.
 */
public interface SourceReader {

  /** Contents of {@code path} (no leading slash, not encoded) in owner/repo at ref. */
  Future<SourceFile> githubFile(String owner, String repo, String ref, String path);

  /** {@code <googlesource>/<project>/+/<ref>/<path>?format=TEXT}, already base64-decoded. */
  Future<SourceFile> googleSourceFile(String project, String ref, String path);

  /**
   * Contents of {@code path} at ref in any repository the fetcher has a provider for (GitHub,
   * googlesource, and whatever host is added): the one call a new source needs. The default serves the
   * two hosts above through their own methods, for readers (test fakes) that implement only those.
   */
  default Future<SourceFile> file(RepoRef where, String ref, String path) {
    if (RepoRef.GITHUB.equals(where.host())) {
      return githubFile(where.owner(), where.repo(), ref, path);
    }
    if (RepoRef.GOOGLESOURCE.equals(where.host())) {
      return googleSourceFile(where.repo(), ref, path);
    }
    return Future.failedFuture(new RpcException(Code.UNIMPLEMENTED, "this reader cannot read from " + where.host()));
  }

  /**
   * The paths of owner/repo's files at ref, as far as the fetcher keeps them (JVM source files; see
   * README "Sources"). A reader without trees answers UNIMPLEMENTED, which rules read as "no tree".
   */
  default Future<FileTree> githubTree(String owner, String repo, String ref) {
    return Future.failedFuture(new RpcException(Code.UNIMPLEMENTED, "this reader has no file trees"));
  }

  /**
   * The file paths of any repository a provider lists (GitHub's tree; a Maven artifact's sources jar).
   * The default serves GitHub through {@link #githubTree}, for readers that implement only that.
   */
  default Future<FileTree> tree(RepoRef where, String ref) {
    if (RepoRef.GITHUB.equals(where.host())) {
      return githubTree(where.owner(), where.repo(), ref);
    }
    return Future.failedFuture(new RpcException(Code.UNIMPLEMENTED, "this reader has no file trees of " + where.host()));
  }

  /** The HTML body of the Go vanity page for an import path ({@code https://P?go-get=1}). */
  Future<String> goGetPage(String importPath);

  /**
   * The .pyroscope.yaml of owner/repo at ref ({@code <rootPath>/.pyroscope.yaml} when rootPath is not
   * empty); never fails: a missing or invalid file is {@link PyroscopeConfig#EMPTY}.
   */
  Future<PyroscopeConfig> pyroscopeConfig(String owner, String repo, String ref, String rootPath);

  /**
   * Who reads (a digest of the caller's token; empty when there is no caller). A cache of what was
   * learnt from a repository on a caller's behalf keys by it, so a caller who may not read the
   * repository cannot learn it from another's answer.
   */
  default String callerKey() {
    return "";
  }

  /**
   * True for a reader whose answers are not the repository's (a dry run of the rules that only lists
   * what they would read): nothing learnt through it may be kept in a cache.
   */
  default boolean speculative() {
    return false;
  }
}
