package dev.sourcegate.fetch;

import dev.sourcegate.fetch.archive.ArchiveLimits;
import dev.sourcegate.settings.GatewayConfig;
import dev.sourcegate.ops.GatewayMetrics;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Vertx;

/**
 * The fetcher's shared state, made once per gateway: the upstream client, the source providers, the
 * cache, rate-limit bookkeeping and the caching fetcher that every fetcher verticle instance serves.
 */
public final class FetchServices {
  private final UpstreamClient http;
  private final SourceCache cache;
  private final RateLimits rateLimits = new RateLimits();
  private final CachingFetcher fetcher;
  private final FleetCache fleet;
  private final GoGetClient goGet;

  public FetchServices(Vertx vertx, GatewayConfig config, GatewayMetrics metrics) {
    this.http = new UpstreamClient(vertx, config.upstreams(), config.resilience(), metrics);
    this.cache = new SourceCache(config.cache().maxBytes());
    this.goGet = new GoGetClient(vertx, http, config, metrics);
    // one line per source host: a provider serves the RepoRef host it names
    SourceProviders providers = new SourceProviders()
        .register(new GitHubProvider(http, config.upstreams().githubApiUrl(), config.maxFileBytes(), rateLimits))
        .register(new GoogleSourceProvider(http, config.upstreams().googlesourceUrl(), config.maxFileBytes()))
        .register(goGet)
        .register(new PyPiProvider(vertx, http, config.pypi().url(), config.pypi().token(),
            ArchiveLimits.forMemberCap(config.maxFileBytes())));
    this.fleet = config.cache().redisEnabled()
        ? new RedisFleetCache(vertx, config.cache().redisUrl(), config.githubApp().sessionSecret(),
            config.cache().vanityTtlMs(), config.cache().redisLookupMs(), metrics.registry())
        : FleetCache.NONE;
    this.fetcher = new CachingFetcher(providers, cache, fleet, config.cache());
    cache.bindMetrics(metrics.registry());
    Gauge.builder("sourcegate_github_ratelimit_remaining", rateLimits, RateLimits::lastRemaining)
        .description("The last X-RateLimit-Remaining GitHub answered").register(metrics.registry());
    Gauge.builder("sourcegate_coalesced_calls", fetcher.coalescer(), Coalescer::coalescedCount)
        .description("Upstream calls that joined an identical call already in flight").register(metrics.registry());
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
