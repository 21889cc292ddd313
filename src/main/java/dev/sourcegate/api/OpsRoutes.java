package dev.sourcegate.api;

import dev.sourcegate.ops.GatewayMetrics;
import dev.sourcegate.ops.Readiness;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * /healthz (alive), /readyz (ready to serve) and /metrics (Prometheus text), answered the same way on
 * the management port and on the API port. They are read with GET or HEAD; any other method is 405
 * with Allow and no body (a body of "ok" would read as health to a careless check).
 */
public final class OpsRoutes {
  static final String ALLOW = "GET, HEAD";

  private final Readiness readiness;
  private final GatewayMetrics metrics;

  public OpsRoutes(Readiness readiness, GatewayMetrics metrics) {
    this.readiness = readiness;
    this.metrics = metrics;
  }

  static boolean isOpsPath(String path) {
    return path.equals("/healthz") || path.equals("/readyz") || path.equals("/metrics");
  }

  /** Answers the request and returns true when its path is one of these; false leaves it untouched. */
  public boolean handle(HttpServerRequest req) {
    String path = req.path();
    if (!isOpsPath(path)) {
      return false;
    }
    HttpServerResponse res = req.response();
    if (req.method() != HttpMethod.GET && req.method() != HttpMethod.HEAD) {
      res.setStatusCode(405).putHeader("Allow", ALLOW).end();
      return true;
    }
    switch (path) {
      case "/healthz" -> plain(res, 200, "ok\n");
      case "/readyz" -> {
        boolean ready = readiness.isReady();
        plain(res, ready ? 200 : 503, ready ? "ready\n" : "not ready\n");
      }
      default -> {
        res.putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        Buffer body = Buffer.buffer(metrics.scrape());
        if (req.method() != HttpMethod.HEAD && ConnectHeaders.acceptsGzip(req.getHeader("Accept-Encoding"))) {
          res.putHeader("Content-Encoding", "gzip").putHeader("Vary", "Accept-Encoding").end(Gzip.deflate(body));
        } else {
          res.end(body);
        }
      }
    }
    return true;
  }

  private static void plain(HttpServerResponse res, int status, String body) {
    res.setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(body);
  }
}
