package dev.sourcegate.fetch;

import dev.sourcegate.bus.Code;
import dev.sourcegate.bus.RpcException;
import dev.sourcegate.config.GatewayConfig;
import dev.sourcegate.ops.GatewayMetrics;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.codec.BodyCodec;
import java.net.URI;
import java.util.concurrent.TimeoutException;

/**
 * The one HTTP client the fetcher uses for every upstream: connect and total timeouts on every call, a
 * size cap on every body, no redirects followed implicitly, and a metric per call.
 */
public final class UpstreamClient {
  private final WebClient client;
  private final GatewayMetrics metrics;
  private final int timeoutMs;

  public UpstreamClient(Vertx vertx, GatewayConfig.Upstreams config, GatewayMetrics metrics) {
    this.client = WebClient.create(vertx, new WebClientOptions()
        .setConnectTimeout(config.connectTimeoutMs())
        .setUserAgent("sourcegate")
        .setFollowRedirects(false)
        .setDecompressionSupported(true)
        .setKeepAlive(true),
        new io.vertx.core.http.PoolOptions().setHttp1MaxSize(64));
    this.metrics = metrics;
    this.timeoutMs = config.timeoutMs();
  }

  /**
   * GETs an absolute URL. route names the kind of call for metrics (never the URL: it holds user data).
   * Transport failures become unavailable or deadline_exceeded; the status is left to the caller.
   */
  public Future<UpstreamResponse> get(String url, MultiMap headers, int maxBytes, String route, long deadlineMillis) {
    long budget = Math.min(timeoutMs, deadlineMillis - System.currentTimeMillis());
    if (budget <= 0) {
      return Future.failedFuture(new RpcException(Code.DEADLINE_EXCEEDED, "deadline exceeded"));
    }
    String host = URI.create(url).getHost();
    CappedBuffer body = new CappedBuffer(maxBytes, "the upstream answer");
    HttpRequest<Void> request = client.getAbs(url).timeout(budget).as(BodyCodec.pipe(body, false));
    request.putHeaders(headers);
    return request.send()
        .map(res -> {
          metrics.recordUpstream(host, route, res.statusCode());
          return new UpstreamResponse(res.statusCode(), res.headers(), body.buffer());
        })
        .recover(e -> {
          metrics.recordUpstream(host, route, 0);
          return Future.failedFuture(transportFailure(e, host));
        });
  }

  private static RpcException transportFailure(Throwable e, String host) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RpcException rpc) {
        return rpc;
      }
      if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
        return new RpcException(Code.DEADLINE_EXCEEDED, host + " did not answer in time");
      }
    }
    return new RpcException(Code.UNAVAILABLE, host + " could not be reached");
  }

  public void close() {
    client.close();
  }
}
