package dev.sourcegate.resolve;

import dev.sourcegate.resolve.rules.SourceReader;

import dev.sourcegate.source.CommitSha;

import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.PathGuard;
import dev.sourcegate.source.SourceFile;

import dev.sourcegate.bus.Addresses;
import dev.sourcegate.bus.BusClient;
import dev.sourcegate.bus.Messages.CallContext;
import dev.sourcegate.bus.Messages.ConfigQuery;
import dev.sourcegate.bus.Messages.ConfigReply;
import dev.sourcegate.bus.Messages.DiscoverPage;
import dev.sourcegate.bus.Messages.FetchOp;
import dev.sourcegate.bus.Messages.FetchRequest;
import dev.sourcegate.bus.Messages.FetchedFile;
import dev.sourcegate.bus.Messages.FetchedPage;
import dev.sourcegate.bus.Messages.ReadFile;
import dev.sourcegate.bus.Messages.ReadTree;
import dev.sourcegate.bus.Messages.FetchedTree;
import dev.sourcegate.source.FileTree;
import dev.sourcegate.bus.Messages.Session;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.PyroscopeConfig;
import io.vertx.core.Future;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The resolver's view of the world for one caller: reads go over the event bus to the fetcher (one
 * {@link FetchRequest} per read, whatever the host) and the config-loader, with the caller's token and
 * within the request's deadline. Every path is checked before it leaves, so a mapping or module path
 * cannot climb out of its repository.
 */
final class BusSourceReader implements SourceReader {
  private final BusClient bus;
  private final CallContext ctx;
  private final Session session;
  private boolean stale;
  /** Every repository a read touched that needs an access check, and whether every read named an immutable version. */
  private final Set<String> repositories = new LinkedHashSet<>();
  private boolean immutable = true;

  BusSourceReader(BusClient bus, CallContext ctx, Session session) {
    this.bus = bus;
    this.ctx = ctx;
    this.session = session;
  }

  @Override
  public Future<SourceFile> githubFile(String owner, String repo, String ref, String path) {
    return file(RepoRef.github(owner, repo), ref, path);
  }

  @Override
  public Future<SourceFile> googleSourceFile(String project, String ref, String path) {
    return file(RepoRef.googleSource(project), ref, path);
  }

  /** Checks path and ref before anything leaves, then asks the fetcher for the normalised path. */
  @Override
  public Future<SourceFile> file(RepoRef where, String ref, String path) {
    noteRead(where, ref);
    String safe;
    try {
      safe = PathGuard.normalize(CheckedInput.path("path", path));
      CheckedInput.ref(ref);
    } catch (RpcException e) {
      return Future.failedFuture(e);
    }
    return this.<FetchedFile>fetch(where, new ReadFile(ref, safe)).map(FetchedFile::file);
  }

  @Override
  public Future<FileTree> githubTree(String owner, String repo, String ref) {
    return tree(RepoRef.github(owner, repo), ref);
  }

  @Override
  public Future<FileTree> tree(RepoRef where, String ref) {
    noteRead(where, ref);
    try {
      CheckedInput.ref(ref);
    } catch (RpcException e) {
      return Future.failedFuture(e);
    }
    return this.<FetchedTree>fetch(where, new ReadTree(ref)).map(FetchedTree::tree);
  }

  @Override
  public Future<String> goGetPage(String importPath) {
    immutable = false;
    return this.<FetchedPage>fetch(RepoRef.goImport(importPath), new DiscoverPage()).map(FetchedPage::body);
  }

  @Override
  public Future<PyroscopeConfig> pyroscopeConfig(String owner, String repo, String ref, String rootPath) {
    RepoRef where = RepoRef.github(owner, repo);
    noteRead(where, ref);
    return this.<ConfigReply>request(Addresses.CONFIG_LOAD, new ConfigQuery(ctx, session, where, ref, rootPath))
        .map(ConfigReply::config)
        .otherwise(PyroscopeConfig.EMPTY);
  }

  @Override
  public String callerKey() {
    return session.tokenHash();
  }

  /**
   * Noted before the read: even a miss shapes the answer, so an answer that read a private repository
   * is repeated only to callers who may read it. A public host's repositories need no such check.
   */
  private void noteRead(RepoRef where, String ref) {
    if (!where.publicHost()) {
      repositories.add(where.key());
    }
    immutable &= CommitSha.isFull(ref);
  }

  /** The access keys ({@link RepoRef#key}) of every repository read so far that needs an access check. */
  List<String> repositories() {
    return List.copyOf(repositories);
  }

  /** True when every read so far named a full commit SHA (its answer can never change). */
  boolean immutable() {
    return immutable;
  }

  /** Whether any answer so far was served stale. */
  boolean stale() {
    return stale;
  }

  private <T> Future<T> fetch(RepoRef where, FetchOp op) {
    return request(Addresses.FETCH, new FetchRequest(ctx, session, where, op));
  }

  private <T> Future<T> request(String address, Object body) {
    return bus.<T>exchange(address, body, ctx).map(reply -> {
      stale |= BusClient.stale(reply);
      return reply.body();
    });
  }
}
