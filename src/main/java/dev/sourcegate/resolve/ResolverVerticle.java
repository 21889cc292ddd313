package dev.sourcegate.resolve;

import dev.sourcegate.resolve.rules.FileQuery;
import dev.sourcegate.resolve.go.GoStdPackages;
import dev.sourcegate.resolve.runtime.RuntimeSources;
import dev.sourcegate.resolve.deps.node.NodeDependencies;


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
import dev.sourcegate.bus.Headers;
import dev.sourcegate.bus.LoopAffinity;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.bus.BusClient;
import dev.sourcegate.bus.BusServer;
import dev.sourcegate.bus.BusServer.Staleness;
import dev.sourcegate.bus.Messages.FetchedCommit;
import dev.sourcegate.bus.Messages.RpcReply;
import dev.sourcegate.bus.Messages.SourceCall;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.settings.GatewayConfig;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

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
  /**
   * Shared by the instances of one deployment (its caches are thread-safe): a runtime version learnt on
   * one event loop is the last known one for the next dry run, on whichever loop it runs.
   */
  private final RuntimeSources runtimes;
  /** Null: every read on its own (GraphQL off, so no host can batch them). */
  private final ReadAhead readAhead;
  private SourceResolver resolver;
  private BusClient bus;
  private GetFileKeys keys;
  private GetFileAnswers answers;
  private CommitReads commits;

  /** resolutions and access are shared by every instance (and with the fetcher, for access). */
  public ResolverVerticle(GatewayConfig config, ResolutionCache resolutions, AccessCheck access) {
    this(config, resolutions, access, new ReadAhead(), runtimes(config));
  }

  /** readAhead and runtimes: shared by every instance, so what a repository told last serves every loop. */
  ResolverVerticle(GatewayConfig config, ResolutionCache resolutions, AccessCheck access, ReadAhead readAhead,
      RuntimeSources runtimes) {
    this.config = config;
    this.resolutions = resolutions;
    this.access = access;
    this.runtimes = runtimes;
    this.readAhead = config.upstreams().githubGraphql() ? readAhead : null;
  }

  /** One resolver deployment's shared state: the instances made by the supplier share it. */
  public static Supplier<ResolverVerticle> instances(GatewayConfig config, ResolutionCache resolutions,
      AccessCheck access) {
    ReadAhead shared = new ReadAhead();
    RuntimeSources runtimes = runtimes(config);
    return () -> new ResolverVerticle(config, resolutions, access, shared, runtimes);
  }

  private static RuntimeSources runtimes(GatewayConfig config) {
    return RuntimeSources.of(config.runtimes(), Duration.ofMillis(config.cache().refTtlMs()));
  }

  @Override
  public Future<?> start() {
    resolver = new SourceResolver(GoStdPackages.load(), LAST_RESORT_WINDOW, runtimes,
        new NodeDependencies(Duration.ofMillis(config.cache().refTtlMs())));
    keys = new GetFileKeys(config);
    answers = new GetFileAnswers(keys, resolutions, access, config);
    bus = BusClient.of(vertx);
    commits = new CommitReads(bus, config.getCommitsConcurrency());
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
      return commits.one(call.ctx(), call.session(), repo, ref).map(c -> GetCommitResponse.newBuilder()
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
    Future<Void> ahead = readAhead == null ? Future.succeededFuture()
        : readAhead.candidates(resolver, query, reads.callerKey())
            .compose(files -> readAhead.read(bus, call.ctx(), call.session(), query, files));
    return ahead.compose(v -> {
      resolver.prefetch(query, reader);
      return resolver.resolve(query, reader);
    }).map(f -> {
      if (readAhead != null) {
        readAhead.learn(query, reader);
      }
      return answers.resolved(checked, f, new GetFileAnswers.Provenance(reads.repositories(), reads.immutable(), reads.stale()), stale);
    });
  }

  private Future<Message> getCommits(SourceCall call, GetCommitsRequest r) {
    RepoUrl repo = keys.repo(r.getRepositoryUrl());
    List<String> refs = r.getRefsList();
    if (refs.size() > config.maxRefs()) {
      throw RpcException.invalidArgument("at most " + config.maxRefs() + " refs may be asked at once (SOURCEGATE_MAX_REFS)");
    }
    List<String> checked = new ArrayList<>();
    for (String ref : refs) {
      try {
        checked.add(GetFileKeys.ref(ref));
      } catch (RpcException e) {
        checked.add(null);
      }
    }
    return commits.all(call.ctx(), call.session(), repo, checked).map(results -> {
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

  private static CommitAuthor author(FetchedCommit c) {
    CommitAuthor.Builder a = CommitAuthor.newBuilder();
    if (!c.authorLogin().isEmpty() && !c.authorAvatarUrl().isEmpty()) {
      a.setLogin(c.authorLogin()).setAvatarURL(c.authorAvatarUrl());
    }
    return a.build();
  }
}
