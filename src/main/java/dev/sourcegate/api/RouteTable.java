package dev.sourcegate.api;

import dev.sourcegate.ops.GatewayMetrics;
import dev.sourcegate.rpc.Code;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;

/**
 * Where a request goes on the API port: an RPC path to its {@link Exchange}, then /healthz, /readyz and
 * /metrics, then the pages served next to the API (the demo's), and anything else is not found. A request
 * is first let through by the connection cap and the chunked-framing guard.
 */
final class RouteTable {
  private final ExchangeServices services;
  private final OpsRoutes opsRoutes;
  private final ExtraRoutes extraRoutes;
  private final GatewayMetrics metrics;
  private final ConnectionGuard connections;
  private final ChunkedFraming framing = new ChunkedFraming();

  RouteTable(ExchangeServices services, OpsRoutes opsRoutes, ExtraRoutes extraRoutes) {
    this.services = services;
    this.opsRoutes = opsRoutes;
    this.extraRoutes = extraRoutes;
    this.metrics = services.metrics();
    this.connections = services.connections();
  }

  void route(HttpServerRequest req) {
    ConnectionGuard.Tracked connection = connections.requestStarted(req);
    if (connection == null) {
      return; // its connection was refused at the cap and is being closed
    }
    if (!framing.admit(req)) {
      return; // it came behind a Transfer-Encoding request on the same connection: never read
    }
    String path = req.path();
    Rpc rpc = Rpc.byPath(path);
    if (rpc != null) {
      new Exchange(services, req, rpc, connection).run();
      return;
    }
    req.response().endHandler(v -> connections.requestEnded(connection));
    if (opsRoutes.handle(req)) {
      return;
    }
    if (!path.startsWith(Rpc.SERVICE_PATH) && extraRoutes.handle(req)) {
      return;
    }
    if (path.startsWith(Rpc.SERVICE_PATH)) {
      metrics.recordRequest("unknown", Code.NOT_FOUND.connectName(), Duration.ZERO);
    }
    AnswerWriter.notFound(req);
  }
}
