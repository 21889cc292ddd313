package dev.sourcegate.resolve;

import dev.sourcegate.resolve.rules.FileQuery;
import dev.sourcegate.resolve.go.GoStdPackages;
import dev.sourcegate.resolve.runtime.RuntimeSources;
import dev.sourcegate.resolve.deps.node.NodeDependencies;


import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.RepoUrl;

import com.google.protobuf.Message;
import dev.sourcegate.api.proto.CommitAuthor;
import dev.sourcegate.api.proto.CommitInfo;
import dev.sourcegate.api.proto.GetCommitRequest;
import dev.sourcegate.api.proto.GetCommitResponse;
import dev.sourcegate.api.proto.GetCommitsRequest;
import dev.sourcegate.api.proto.GetCommitsResponse;
import dev.sourcegate.api.proto.GetFileRequest;
import dev.sourcegate.bus.Addresses;
import dev.sourcegate.source.CommitSha;
import dev.sourcegate.bus.Headers;
import dev.sourcegate.bus.LoopAffinity;
import dev.sourcegate.bus.BusFailures;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.bus.BusClient;
import dev.sourcegate.bus.BusServer;
import dev.sourcegate.bus.BusServer.Staleness;
import dev.sourcegate.bus.Messages.CallContext;
import dev.sourcegate.bus.Messages.FetchRequest;
import dev.sourcegate.bus.Messages.ReadCommit;
import dev.sourcegate.bus.Messages.FetchedCommit;
import dev.sourcegate.bus.Messages.RpcReply;
import dev.sourcegate.bus.Messages.Session;
import dev.sourcegate.bus.Messages.SourceCall;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.settings.GatewayConfig;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.List;

/**
 * GetFile, GetCommit and GetCommits: validates the request, works out what to read (docs/resolution.md) and
 * reads it through the config-loader and the fetcher.
 */
public final class ResolverVerticle extends VerticleBase {
  /** Last-resort candidates read at once: a miss chain costs one upstream delay per four tries. */
  static final int LAST_RESORT_WINDOW = 4;
  private final GatewayConfig config;
  private final ResolutionCache resolutions;
  private final AccessCheck access;
  /** Runtime versions are cached per verticle instance: one cache per event loop, no sharing to arrange. */
  private final RuntimeSources runtimes;
  private SourceResolver resolver;
  private BusClient bus;
  private GetFileKeys keys;
  private GetFileAnswers answers;

  /** resolutions and access are shared by every instance (and with the fetcher, for access). */
  public ResolverVerticle(GatewayConfig config, ResolutionCache resolutions, AccessCheck access) {
    this.config = config;
    this.resolutions = resolutions;
    this.access = access;
    this.runtimes = RuntimeSources.of(config.runtimes(), Duration.ofMillis(config.cache().refTtlMs()));
  }

  @Override
  public Future<?> start() {
    resolver = new SourceResolver(GoStdPackages.load(), LAST_RESORT_WINDOW, runtimes,
        new NodeDependencies(Duration.ofMillis(config.cache().refTtlMs())));
    keys = new GetFileKeys(config);
    answers = new GetFileAnswers(keys, resolutions, access, config);
    bus = BusClient.of(vertx);
    return BusServer.serve(vertx, Addresses.RESOLVER_RPC, this::handle);
  }

  private Future<RpcReply> handle(SourceCall call, Staleness stale) {
    Message request = call.request();
    if (request instanceof GetFileRequest r) {
      return getFile(call, r, stale);
    }
    return other(call, request).map(RpcReply::new);
  }

  private Future<Message> other(SourceCall call, Message request) {
    if (request instanceof GetCommitRequest r) {
      RepoUrl repo = keys.repo(r.getRepositoryURL());
      String ref = GetFileKeys.ref(r.getRef());
      return commit(call.ctx(), call.session(), repo, ref).map(c -> GetCommitResponse.newBuilder()
          .setMessage(c.message()).setAuthor(author(c)).setDate(c.date()).setSha(c.sha()).setURL(c.url()).build());
    }
    if (request instanceof GetCommitsRequest r) {
      return getCommits(call, r);
    }
    return Future.failedFuture(new RpcException(Code.UNIMPLEMENTED, "not a source method"));
  }

  private Future<RpcReply> getFile(SourceCall call, GetFileRequest r, Staleness stale) {
    GetFileKeys.Checked checked = answers.check(r);
    RpcReply known = answers.known(checked, call.session());
    if (known != null) {
      return Future.succeededFuture(known);
    }
    RepoUrl repo = checked.repo();
    FileQuery query = new FileQuery(repo.owner(), repo.repo(), checked.ref(), checked.localPath(),
        checked.rootPath(), checked.functionName());
    BusSourceReader reads = new BusSourceReader(bus, call.ctx(), call.session());
    PrefetchingReader reader = new PrefetchingReader(reads);
    resolver.prefetch(query, reader);
    return resolver.resolve(query, reader).map(f -> answers.resolved(checked, f,
        new GetFileAnswers.Provenance(reads.repositories(), reads.immutable(), reads.stale()), stale));
  }

  private Future<Message> getCommits(SourceCall call, GetCommitsRequest r) {
    RepoUrl repo = keys.repo(r.getRepositoryUrl());
    List<String> refs = r.getRefsList();
    if (refs.size() > config.maxRefs()) {
      throw RpcException.invalidArgument("at most " + config.maxRefs() + " refs may be asked at once (SOURCEGATE_MAX_REFS)");
    }
    return BoundedParallel.map(refs, config.getCommitsConcurrency(), ref -> {
      try {
        return commit(call.ctx(), call.session(), repo, GetFileKeys.ref(ref));
      } catch (RpcException e) {
        return Future.<FetchedCommit>failedFuture(e);
      }
    }).map(results -> {
      GetCommitsResponse.Builder out = GetCommitsResponse.newBuilder();
      for (AsyncResult<FetchedCommit> ar : results) {
        if (ar.succeeded()) {
          FetchedCommit c = ar.result();
          out.addCommits(CommitInfo.newBuilder().setMessage(c.message()).setAuthor(author(c))
              .setDate(c.date()).setSha(c.sha()).setURL(c.url()));
        }
      }
      if (!refs.isEmpty() && out.getCommitsCount() == 0) {
        throw new RpcException(Code.UNKNOWN, "failed to fetch any commits");
      }
      return out.build();
    });
  }

  /**
   * The ref as given, then heads/ref, then tags/ref; the first found wins, else the last error. A full
   * commit SHA is asked once: git reads a full SHA as an object name and ignores branches or tags spelled
   * that way, so heads/SHA and tags/SHA would only cost two more calls per ref.
   */
  private Future<FetchedCommit> commit(CallContext ctx, Session session, RepoUrl repo, String ref) {
    List<String> candidates = CommitSha.isFull(ref) ? List.of(ref) : List.of(ref, "heads/" + ref, "tags/" + ref);
    return tryCommit(ctx, session, repo, candidates, 0, null);
  }

  private Future<FetchedCommit> tryCommit(CallContext ctx, Session session, RepoUrl repo, List<String> refs, int i, Throwable last) {
    if (i >= refs.size()) {
      return Future.failedFuture(noSuchCommit(repo, refs.get(0), last));
    }
    FetchRequest fetch = new FetchRequest(ctx, session, RepoRef.github(repo.owner(), repo.repo()), new ReadCommit(refs.get(i)));
    return bus.<FetchedCommit>call(Addresses.FETCH, fetch, ctx)
        .recover(e -> {
          RpcException failure = BusFailures.toRpc(e);
          // a deadline or a rate limit will not get better with the next spelling of the ref, and an
          // internal failure means the commit was found but is unusable (no message or date)
          if (failure.code() == Code.DEADLINE_EXCEEDED || failure.code() == Code.RESOURCE_EXHAUSTED
              || failure.code() == Code.INTERNAL) {
            return Future.failedFuture(failure);
          }
          return tryCommit(ctx, session, repo, refs, i + 1, failure);
        });
  }

  /**
   * When no spelling of the ref was found, the last one's message ("commit tags/main not found") named a
   * spelling the caller never asked for, and GitHub answers the same 404 for a missing repository as for a
   * missing ref, so the message names the ref as asked and both possibilities. The same words for a
   * private repository the token cannot see as for one that does not exist: nothing is given away.
   */
  private static Throwable noSuchCommit(RepoUrl repo, String ref, Throwable last) {
    if (last instanceof RpcException rpc && rpc.code() == Code.NOT_FOUND) {
      return RpcException.notFound("no commit " + ref + " in " + repo.owner() + "/" + repo.repo()
          + ": no such repository, branch, tag or commit");
    }
    return last;
  }

  private static CommitAuthor author(FetchedCommit c) {
    CommitAuthor.Builder a = CommitAuthor.newBuilder();
    if (!c.authorLogin().isEmpty() && !c.authorAvatarUrl().isEmpty()) {
      a.setLogin(c.authorLogin()).setAvatarURL(c.authorAvatarUrl());
    }
    return a.build();
  }
}
