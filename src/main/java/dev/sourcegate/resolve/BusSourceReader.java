package dev.sourcegate.resolve;

import dev.sourcegate.resolve.rules.SourceReader;

import dev.sourcegate.source.CommitSha;

import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.PathGuard;
import dev.sourcegate.source.SourceFile;

import dev.sourcegate.bus.Addresses;
import dev.sourcegate.bus.BusFailures;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.bus.Headers;
import dev.sourcegate.bus.LoopAffinity;
import dev.sourcegate.bus.BusClient;
import dev.sourcegate.bus.Messages.CallContext;
import dev.sourcegate.bus.Messages.ConfigQuery;
import dev.sourcegate.bus.Messages.ConfigReply;
import dev.sourcegate.bus.Messages.FetchFile;
import dev.sourcegate.bus.Messages.FetchGoGet;
import dev.sourcegate.bus.Messages.FetchGoogleSource;
import dev.sourcegate.bus.Messages.FetchedFile;
import dev.sourcegate.bus.Messages.FetchedPage;
import dev.sourcegate.bus.Messages.Session;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.PyroscopeConfig;
import io.vertx.core.Future;

/**
 * The resolver's view of the world for one caller: reads go over the event bus to the fetcher and the
 * config-loader, with the caller's token and within the request's deadline. Every path is checked
 * before it leaves, so a mapping or module path cannot climb out of its repository.
 */
final class BusSourceReader implements SourceReader {
  private final BusClient bus;
  private final CallContext ctx;
  private final Session session;
  private boolean stale;
  /** Every repository a read touched, and whether every read named an immutable version. */
  private final java.util.Set<String> repositories = new java.util.LinkedHashSet<>();
  private boolean immutable = true;

  BusSourceReader(BusClient bus, CallContext ctx, Session session) {
    this.bus = bus;
    this.ctx = ctx;
    this.session = session;
  }

  @Override
  public Future<SourceFile> githubFile(String owner, String repo, String ref, String path) {
    noteRead(owner, repo, ref);
    return readChecked(ref, path, safe -> new FetchFile(ctx, session, owner, repo, ref, safe), Addresses.FETCH_GITHUB_FILE);
  }

  @Override
  public Future<SourceFile> googleSourceFile(String project, String ref, String path) {
    immutable &= CommitSha.isFull(ref);
    return readChecked(ref, path, safe -> new FetchGoogleSource(ctx, project, ref, safe), Addresses.FETCH_GOOGLESOURCE);
  }

  @Override
  public Future<String> goGetPage(String importPath) {
    immutable = false;
    return this.<FetchedPage>request(Addresses.FETCH_GO_GET, new FetchGoGet(ctx, importPath)).map(FetchedPage::body);
  }

  @Override
  public Future<PyroscopeConfig> pyroscopeConfig(String owner, String repo, String ref, String rootPath) {
    noteRead(owner, repo, ref);
    return this.<ConfigReply>request(Addresses.CONFIG_LOAD, new ConfigQuery(ctx, session, owner, repo, ref, rootPath))
        .map(ConfigReply::config)
        .otherwise(PyroscopeConfig.EMPTY);
  }

  @Override
  public String callerKey() {
    return session.tokenHash();
  }

  /** Checks path and ref before anything leaves, then asks the fetcher for the normalised path. */
  private Future<SourceFile> readChecked(String ref, String path, java.util.function.Function<String, Object> message, String address) {
    String safe;
    try {
      safe = PathGuard.normalize(PathGuard.check("path", path));
      PathGuard.checkRef(ref);
    } catch (RpcException e) {
      return Future.failedFuture(e);
    }
    return this.<FetchedFile>request(address, message.apply(safe)).map(f -> new SourceFile(f.content(), f.url()));
  }

  private void noteRead(String owner, String repo, String ref) {
    repositories.add(RepoRef.key(owner, repo));
    immutable &= CommitSha.isFull(ref);
  }

  /** The access keys ({@link RepoRef#key}) of every repository read so far. */
  java.util.List<String> repositories() {
    return java.util.List.copyOf(repositories);
  }

  /** True when every read so far named a full commit SHA (its answer can never change). */
  boolean immutable() {
    return immutable;
  }

  /** Whether any answer so far was served stale. */
  boolean stale() {
    return stale;
  }

  private <T> Future<T> request(String address, Object body) {
    return bus.<T>exchange(address, body, ctx).map(reply -> {
      stale |= BusClient.stale(reply);
      return reply.body();
    });
  }
}
