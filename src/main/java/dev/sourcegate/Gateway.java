package dev.sourcegate;

import dev.sourcegate.resolve.go.GoStdPackages;

import dev.sourcegate.api.ExtraRoutes;
import dev.sourcegate.api.HttpVerticle;
import dev.sourcegate.api.ManagementVerticle;
import dev.sourcegate.api.OpsRoutes;
import dev.sourcegate.auth.AuthVerticle;
import dev.sourcegate.auth.RefreshCoalescer;
import dev.sourcegate.auth.SessionCache;
import dev.sourcegate.bus.LocalRecordCodec;
import dev.sourcegate.settings.GatewayConfig;
import dev.sourcegate.fetch.CachingFetcher;
import dev.sourcegate.fetch.FetchServices;
import dev.sourcegate.fetch.FetcherVerticle;
import dev.sourcegate.fetch.SourceCache;
import dev.sourcegate.ops.AccessLog;
import dev.sourcegate.ops.GatewayMetrics;
import dev.sourcegate.ops.LoadShedder;
import dev.sourcegate.ops.Readiness;
import dev.sourcegate.configloader.ConfigLoaderVerticle;
import dev.sourcegate.bus.KnownAnswers;
import dev.sourcegate.bus.KnownSessions;
import dev.sourcegate.bus.Messages.Session;
import dev.sourcegate.resolve.AccessCheck;
import dev.sourcegate.resolve.CachedAnswers;
import dev.sourcegate.resolve.GetFileAnswers;
import dev.sourcegate.resolve.GetFileKeys;
import dev.sourcegate.resolve.ResolutionCache;
import dev.sourcegate.resolve.ResolverVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One running gateway inside a Vertx: deploys the verticles in dependency order (the HTTP verticle last,
 * so it never routes to an address nobody serves) and takes them down again. Main and the tests both
 * start the gateway through this class.
 */
public final class Gateway {
  private final Vertx vertx;
  private final GatewayConfig config;
  private final Clock clock;
  private final GatewayMetrics metrics = new GatewayMetrics();
  private final Readiness readiness = new Readiness();
  private final FetchServices fetch;
  private final ResolutionCache resolutions;
  private final LoadShedder shedder;
  private final RefreshCoalescer refreshes;
  private final SessionCache sessions = new SessionCache(java.time.Duration.ofMinutes(1), 100_000);
  private final AccessLog accessLog;
  private final List<String> deployments = new ArrayList<>();
  private final AtomicReference<HttpVerticle> http = new AtomicReference<>();
  private final List<HttpVerticle> httpInstances = new ArrayList<>();
  private final AtomicReference<ManagementVerticle> management = new AtomicReference<>();
  /** Open connections on the API port, over every HTTP verticle: the cap is the port's. */
  private final java.util.concurrent.atomic.AtomicInteger openConnections = new java.util.concurrent.atomic.AtomicInteger();
  private final io.micrometer.core.instrument.Counter refusedConnections;

  private final ExtraRoutes extraRoutes;

  public Gateway(Vertx vertx, GatewayConfig config, Clock clock) {
    this(vertx, config, clock, ExtraRoutes.NONE);
  }

  /** extraRoutes: pages served next to the API (the demo's), or {@link ExtraRoutes#NONE}. */
  public Gateway(Vertx vertx, GatewayConfig config, Clock clock, ExtraRoutes extraRoutes) {
    this.extraRoutes = extraRoutes;
    this.vertx = vertx;
    this.config = config;
    this.clock = clock;
    // read on the caller's thread, never on an event loop: the resolver verticles use the loaded list
    GoStdPackages.load();
    this.fetch = new FetchServices(vertx, config, metrics);
    // finished answers get a quarter of the cache budget on top of the fetcher's contents
    this.resolutions = new ResolutionCache(Math.max(1, config.cache().maxBytes() / 4));
    resolutions.bindMetrics(metrics.registry());
    this.refreshes = new RefreshCoalescer(vertx, AuthVerticle.KEEP_REFRESH_ANSWER_MS);
    this.shedder = new LoadShedder(config.limits().maxInflight(), config.limits().maxInflightPerTenant(),
        config.admission().maxInflightUnauthenticated());
    io.micrometer.core.instrument.Gauge.builder("sourcegate_open_connections", openConnections, java.util.concurrent.atomic.AtomicInteger::get)
        .description("connections open on the API port").register(metrics.registry());
    io.micrometer.core.instrument.Gauge.builder("sourcegate_inflight_unauthenticated", shedder, LoadShedder::inFlightUnauthenticated)
        .description("RPCs in flight without a verified session cookie").register(metrics.registry());
    this.refusedConnections = io.micrometer.core.instrument.Counter.builder("sourcegate_refused_connections")
        .description("connections closed on accept because SOURCEGATE_MAX_CONNECTIONS were open")
        .register(metrics.registry());
    this.accessLog = new AccessLog(config.observability().accessLog(), System.out);
  }

  public Future<Gateway> start() {
    LocalRecordCodec.registerAll(vertx);
    int loops = Math.max(1, Runtime.getRuntime().availableProcessors());
    return deploy(() -> new FetcherVerticle(fetch.fetcher()), loops)
        .compose(v -> deploy(() -> new ConfigLoaderVerticle(config), loops))
        .compose(v -> deploy(() -> new AuthVerticle(config, clock, refreshes, sessions), loops))
        .compose(v -> deploy(ResolverVerticle.instances(config, resolutions, accessCheck())::get, loops))
        .compose(v -> deploy(() -> {
          ManagementVerticle m = new ManagementVerticle(config, new OpsRoutes(readiness, metrics));
          management.set(m);
          return m;
        }, 1))
        .compose(v -> deploy(() -> {
          HttpVerticle h = new HttpVerticle(config, metrics, readiness, shedder, accessLog, extraRoutes, knownAnswers(),
              knownSessions(), openConnections,
              refusedConnections::increment);
          synchronized (httpInstances) {
            httpInstances.add(h);
          }
          http.compareAndSet(null, h);
          return h;
        }, loops))
        .map(v -> {
          readiness.set(true);
          return this;
        });
  }

  /**
   * What an HTTP verticle may answer on the spot: a GetFile already resolved, for a session already
   * opened, made by the resolver's own GetFileAnswers; nothing when SOURCEGATE_WARM_ANSWERS is off.
   * One per instance (its URL memo is unlocked).
   */
  private KnownAnswers knownAnswers() {
    if (!config.cache().warmAnswers()) {
      return KnownAnswers.NONE;
    }
    return new CachedAnswers(new GetFileAnswers(new GetFileKeys(config), resolutions, accessCheck(), config));
  }

  /** Cookies opened lately, as admission asks them, on the gateway's clock. */
  private KnownSessions knownSessions() {
    return new KnownSessions() {
      @Override
      public Session known(String tenant, String cookie) {
        return sessions.known(tenant, cookie, clock.instant());
      }

      @Override
      public Until knownUntil(String tenant, String cookie) {
        return sessions.knownUntil(tenant, cookie, clock.instant());
      }

      @Override
      public long nowMillis() {
        return clock.millis();
      }
    };
  }

  /** The fetcher's knowledge of who may read what, as the resolver and the warm front ask it. */
  private AccessCheck accessCheck() {
    CachingFetcher fetcher = fetch.fetcher();
    return new AccessCheck() {
      @Override
      public long knownAllowedUntil(String tokenHash, String repoKey, long nowNanos) {
        return fetcher.knownAllowedUntil(tokenHash, repoKey, nowNanos);
      }

      @Override
      public long droppedSoFar() {
        return fetcher.accessDroppedSoFar();
      }
    };
  }

  private Future<Void> deploy(java.util.function.Supplier<io.vertx.core.Deployable> verticle, int instances) {
    return vertx.deployVerticle(verticle, new DeploymentOptions().setInstances(instances))
        .map(id -> {
          deployments.add(id);
          return null;
        });
  }

  /** Graceful stop: not ready, no new connections, in-flight RPCs finish within the grace period. */
  public Future<Void> stop() {
    readiness.set(false);
    Duration grace = Duration.ofMillis(config.shutdownGraceMs());
    List<Future<Void>> shutdowns = new ArrayList<>();
    synchronized (httpInstances) {
      for (HttpVerticle h : httpInstances) {
        shutdowns.add(h.shutdown(grace));
      }
    }
    return Future.join(shutdowns).otherwiseEmpty().compose(v -> undeployAll());
  }

  private Future<Void> undeployAll() {
    List<Future<Void>> all = new ArrayList<>();
    for (int i = deployments.size() - 1; i >= 0; i--) {
      all.add(vertx.undeploy(deployments.get(i)));
    }
    deployments.clear();
    return Future.join(all).eventually(() -> {
      fetch.close();
      return Future.succeededFuture();
    }).mapEmpty();
  }

  public int port() {
    return http.get().actualPort();
  }

  /** The port of /healthz, /readyz and /metrics outside the API port's caps. */
  public int managementPort() {
    return management.get().actualPort();
  }

  public SourceCache cache() {
    return fetch.cache();
  }

  public GatewayMetrics metrics() {
    return metrics;
  }

  public LoadShedder loadShedder() {
    return shedder;
  }

  public Readiness readiness() {
    return readiness;
  }

  public GatewayConfig config() {
    return config;
  }
}
