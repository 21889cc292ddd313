package dev.sourcegate.fetch;

import dev.sourcegate.fetch.graphql.BlobQuery;
import dev.sourcegate.fetch.graphql.ContentStore;
import dev.sourcegate.fetch.graphql.TokenQueryQueue;
import dev.sourcegate.fetch.graphql.GraphQlBudget;
import dev.sourcegate.fetch.graphql.GraphQlClient;
import dev.sourcegate.fetch.graphql.GraphQlEndpoint;
import dev.sourcegate.fetch.archive.ArchiveLimits;
import dev.sourcegate.settings.GatewayConfig;
import dev.sourcegate.ops.GatewayMetrics;
import dev.sourcegate.source.RepoRef;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Vertx;
import java.net.URI;

/**
 * The fetcher's shared state, made once per gateway: the upstream client, the source providers, the
 * cache, rate-limit bookkeeping and the caching fetcher that every fetcher verticle instance serves.
 */
public final class FetchServices {
  private final UpstreamClient http;
  private final SourceCache cache;
  /** One query's answer: up to BlobQuery.MAX_OBJECTS look-ups' facts and texts. */
  private static final int MAX_GRAPHQL_ANSWER_BYTES = 32 * 1024 * 1024;
  /** Which oid a (repository, commit, path) holds: ~200 bytes an entry, so ~40 MB at most. */
  private static final long MAX_INDEXED_LOCATIONS = 200_000;
  /**
   * Look-ups one token may have waiting for its next GraphQL query: a few full queries' worth; above it a
   * caller goes its own way at once, so waiting never grows without bound.
   */
  private static final int MAX_WAITING_LOOKUPS = 4 * BlobQuery.MAX_OBJECTS;
  private final ContentStore contents;
  private final RateLimits rateLimits = new RateLimits();
  private final GraphQlBudget graphQlBudget = new GraphQlBudget();
  private final CachingFetcher fetcher;
  private final FleetCache fleet;
  private final GoGetClient goGet;

  public FetchServices(Vertx vertx, GatewayConfig config, GatewayMetrics metrics) {
    this(vertx, config, metrics, null);
  }

  /** shared: a fleet cache the caller made (tests share one between two fetchers); null: the configured one. */
  FetchServices(Vertx vertx, GatewayConfig config, GatewayMetrics metrics, FleetCache shared) {
    this.http = new UpstreamClient(vertx, config.upstreams(), config.resilience(), metrics);
    // the cache budget: three quarters for the entries, a quarter for bytes kept once per blob oid; an
    // entry's bytes are the store's very array when the store holds them, so the two never hold a file twice
    long storeBytes = config.cache().maxBytes() / 4;
    this.cache = new SourceCache(config.cache().maxBytes() - storeBytes);
    this.contents = new ContentStore(storeBytes, MAX_INDEXED_LOCATIONS);
    this.goGet = new GoGetClient(vertx, http, config, metrics);
    // one line per source host: a provider serves the RepoRef host it names
    GitHubProvider github = new GitHubProvider(http, config.upstreams().githubApiUrl(), config.maxFileBytes(), rateLimits,
        config.upstreams().githubGraphql() ? graphQl(config.upstreams(), metrics) : null);
    // registries link an answer to the file in the package's GitHub repository at the version's tag
    GitHubTagLinks tagLinks = new GitHubTagLinks(github);
    SourceProviders providers = new SourceProviders()
        .register(github)
        .register(new GoogleSourceProvider(http, config.upstreams().googlesourceUrl(), config.maxFileBytes()))
        .register(goGet)
        .register(new NpmProvider(vertx, http, config.npm(), config.maxFileBytes(), tagLinks))
        .register(new PyPiProvider(vertx, http, config.pypi().url(), config.pypi().token(),
            ArchiveLimits.forMemberCap(config.maxFileBytes()), tagLinks))
        .register(new RubyGemsProvider(vertx, http, config.rubygems(), config.maxFileBytes(), tagLinks))
        .register(new CratesProvider(vertx, http, config.crates(), config.maxFileBytes()))
        .register(new MavenProvider(vertx, http, config.maven(), config.maxFileBytes()));
    this.fleet = shared != null ? shared : config.cache().redisEnabled()
        ? new RedisFleetCache(vertx, config.cache().redisUrl(), config.githubApp().sessionSecret(),
            config.cache().vanityTtlMs(), config.cache().redisLookupMs(), metrics.registry())
        : FleetCache.NONE;
    this.fetcher = new CachingFetcher(providers, cache, this.fleet, config.cache(), new RegistryRequests(metrics.registry()));
    cache.bindMetrics(metrics.registry());
    Gauge.builder("sourcegate_github_ratelimit_remaining", rateLimits, RateLimits::lastRemaining)
        .description("The last X-RateLimit-Remaining GitHub answered").register(metrics.registry());
    Gauge.builder("sourcegate_coalesced_calls", fetcher.coalescer(), Coalescer::coalescedCount)
        .description("Upstream calls that joined an identical call already in flight").register(metrics.registry());
  }

  /** GitHub's GraphQL API through the same guarded client as REST (timeouts, body cap, breakers, retry budget). */
  private GitHubGraphQl graphQl(GatewayConfig.Upstreams upstreams, GatewayMetrics metrics) {
    GraphQlClient.Transport post = (url, headers, body, maxBytes, deadline) ->
        http.post(url, headers, body, maxBytes, "graphql", deadline, UpstreamScope.githubGraphQl());
    URI endpoint = GraphQlEndpoint.of(upstreams.githubApiUrl(), upstreams.githubGraphqlUrl());
    GraphQlClient client = new GraphQlClient(post, endpoint, graphQlBudget, System::currentTimeMillis, MAX_GRAPHQL_ANSWER_BYTES);
    // one line per token shared by every fetcher instance, so one user's concurrent clicks share queries
    TokenQueryQueue queue = new TokenQueryQueue(client, upstreams.graphqlQueriesPerToken(), MAX_WAITING_LOOKUPS,
        upstreams.graphqlGatherMs(), metrics.registry());
    return new GitHubGraphQl(client, contents, queue, upstreams.graphqlPrefetchPaths());
  }

  public UpstreamClient http() {
    return http;
  }

  public CachingFetcher fetcher() {
    return fetcher;
  }

  public SourceCache cache() {
    return cache;
  }

  public RateLimits rateLimits() {
    return rateLimits;
  }

  public void close() {
    goGet.close();
    fleet.close();
    http.close();
  }
}
