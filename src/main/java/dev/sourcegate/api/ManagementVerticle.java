package dev.sourcegate.api;

import dev.sourcegate.settings.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * /healthz, /readyz and /metrics on a port of their own, outside the API port's connection cap, so that
 * probes and scrapes are answered while the API port is saturated (as Kubernetes probes expect). It has
 * a small cap of its own: it is meant for the kubelet and a scraper, not for clients.
 */
public final class ManagementVerticle extends VerticleBase {
  /** Connections the management port keeps open at once. */
  static final int MAX_CONNECTIONS = 64;

  private final GatewayConfig config;
  private final OpsRoutes routes;
  private final AtomicInteger open = new AtomicInteger();
  private HttpServer server;

  public ManagementVerticle(GatewayConfig config, OpsRoutes routes) {
    this.config = config;
    this.routes = routes;
  }

  @Override
  public Future<?> start() {
    GatewayConfig.Admission a = config.admission();
    HttpServerOptions options = new HttpServerOptions()
        .setCompressionSupported(false)
        .setMaxHeaderSize(8 * 1024)
        .setIdleTimeout((int) a.headerTimeoutMs())
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
    ConnectionGuard guard = new ConnectionGuard(vertx, open, MAX_CONNECTIONS, a.headerTimeoutMs(), a.idleTimeoutMs(), () -> {});
    server = vertx.createHttpServer(options)
        .connectionHandler(guard::accepted)
        .requestHandler(req -> {
          ConnectionGuard.Tracked connection = guard.requestStarted(req);
          if (connection == null) {
            return;
          }
          req.response().endHandler(v -> guard.requestEnded(connection));
          if (!routes.handle(req)) {
            req.response().setStatusCode(404).end();
          }
        });
    // one instance: 0 is a port of its own (-1 would share the API verticles' randomly chosen port)
    return server.listen(a.managementPort(), config.host());
  }

  public int actualPort() {
    return server.actualPort();
  }
}
