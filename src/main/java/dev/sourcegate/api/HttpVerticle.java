package dev.sourcegate.api;

import dev.sourcegate.auth.SessionCookie;
import dev.sourcegate.bus.BusClient;
import dev.sourcegate.bus.KnownAnswers;
import dev.sourcegate.bus.KnownSessions;
import dev.sourcegate.ops.AccessLog;
import dev.sourcegate.ops.GatewayMetrics;
import dev.sourcegate.ops.LoadShedder;
import dev.sourcegate.ops.Readiness;
import dev.sourcegate.settings.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Speaks Connect (unary, JSON and binary) on one port, next to /healthz, /readyz and /metrics: the
 * server, its {@link RouteTable}, and one {@link Exchange} per RPC. Every RPC is answered by another
 * verticle over the event bus ({@link RpcDispatch}), except one whose answer is already known in full
 * ({@link WarmFront}: a warm GetFile of an open session), answered on the spot without the round trips.
 * Admission ({@link Admission}) happens on the headers, before any body byte is read.
 */
public final class HttpVerticle extends VerticleBase {
  static final String ACCEPT_POST = "application/json, application/proto";

  /** Reply header that marks an answer served from the cache while GitHub could not confirm it. */
  public static final String STALE_HEADER = "Sourcegate-Stale";

  private final GatewayConfig config;
  private final GatewayMetrics metrics;
  private final LoadShedder shedder;
  private final AccessLog accessLog;
  private final ExtraRoutes extraRoutes;
  private final KnownAnswers known;
  private final KnownSessions sessions;
  private final OpsRoutes opsRoutes;
  private final AtomicInteger openConnections;
  private final Runnable connectionRefused;
  private HttpServer server;

  /**
   * known: the answers given without a hop (KnownAnswers.NONE: none); sessions: cookies opened lately
   * (admission without a hop); openConnections: shared by every instance (the cap is for the port);
   * connectionRefused: told of each connection closed at the cap.
   */
  public HttpVerticle(GatewayConfig config, GatewayMetrics metrics, Readiness readiness, LoadShedder shedder,
      AccessLog accessLog, ExtraRoutes extraRoutes, KnownAnswers known, KnownSessions sessions,
      AtomicInteger openConnections, Runnable connectionRefused) {
    this.config = config;
    this.metrics = metrics;
    this.shedder = shedder;
    this.accessLog = accessLog;
    this.extraRoutes = extraRoutes;
    this.known = known;
    this.sessions = sessions;
    this.openConnections = openConnections;
    this.connectionRefused = connectionRefused;
    this.opsRoutes = new OpsRoutes(readiness, metrics);
  }

  @Override
  public Future<?> start() {
    GatewayConfig.Admission admission = config.admission();
    // Responses are gzipped here rather than by Vert.x's compressor: that one sits in every connection's
    // pipeline and looks at every response, while a cached answer can be gzipped once and kept (see
    // EncodedForms). No WebSocket is served, so no WebSocket compression handler either.
    HttpServerOptions options = new HttpServerOptions()
        .setCompressionSupported(false)
        .setPerMessageWebSocketCompressionSupported(false)
        .setPerFrameWebSocketCompressionSupported(false)
        .setMaxHeaderSize(16 * 1024)
        .setIdleTimeout((int) admission.headerTimeoutMs())
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
    BusClient bus = BusClient.of(vertx);
    ConnectionGuard connections = new ConnectionGuard(vertx, openConnections, admission.maxConnections(),
        admission.headerTimeoutMs(), admission.idleTimeoutMs(), connectionRefused);
    ExchangeServices services = new ExchangeServices(vertx, config, metrics, accessLog,
        new Tenancy(config.multitenant()), shedder, sessions, bus, new WarmFront(known), new RpcDispatch(bus),
        new SweptDeadlines.Swept(vertx, SweptDeadlines.SWEEP_MS), decodedRequests(),
        new RecentCookieHeaders(SessionCookie.NAME), connections, new OkTimers(metrics));
    RouteTable routes = new RouteTable(services, opsRoutes, extraRoutes);
    server = vertx.createHttpServer(options)
        .connectionHandler(connections::accepted)
        .requestHandler(routes::route);
    // a negative port makes every instance of this verticle share one randomly chosen port
    int port = config.port() == 0 ? -1 : config.port();
    return server.listen(port, config.host());
  }

  /** This verticle's memo of decoded bodies, bounded by its share of the heap (one HTTP verticle per core, see Gateway). */
  private static DecodedRequests decodedRequests() {
    return new DecodedRequests(DecodedRequests.boundFor(Runtime.getRuntime().maxMemory(),
        Runtime.getRuntime().availableProcessors()));
  }

  public int actualPort() {
    return server.actualPort();
  }

  /** Stops accepting connections; requests already being served finish (bounded by the timeout). */
  public Future<Void> shutdown(Duration grace) {
    return server.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS);
  }
}
