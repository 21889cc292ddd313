package dev.sourcegate.fetch;

import dev.sourcegate.bus.Code;
import dev.sourcegate.bus.RpcException;
import dev.sourcegate.config.GatewayConfig;
import dev.sourcegate.ops.GatewayMetrics;
import io.micrometer.core.instrument.Gauge;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.codec.BodyCodec;
import java.net.URI;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one HTTP client the fetcher uses for every upstream. Every call has connect and total timeouts
 * and a body cap; no redirect is followed implicitly. Idempotent GETs are retried after a connection
 * error or a 5xx with jittered exponential back-off, within the request's deadline and never sooner
 * than a Retry-After; 4xx answers are never retried. A circuit breaker per host stops hammering a host
 * that keeps failing and lets a half-open probe bring it back.
 */
public final class UpstreamClient {
  private final Vertx vertx;
  private final WebClient client;
  private final GatewayMetrics metrics;
  private final int timeoutMs;
  private final GatewayConfig.Resilience resilience;
  private final ConcurrentHashMap<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

  public UpstreamClient(Vertx vertx, GatewayConfig.Upstreams config, GatewayConfig.Resilience resilience, GatewayMetrics metrics) {
    this.vertx = vertx;
    this.client = WebClient.create(vertx, new WebClientOptions()
        .setConnectTimeout(config.connectTimeoutMs())
        .setUserAgent("sourcegate")
        .setFollowRedirects(false)
        .setDecompressionSupported(true)
        .setKeepAlive(true)
        .setTracingPolicy(io.vertx.core.tracing.TracingPolicy.ALWAYS),
        new io.vertx.core.http.PoolOptions().setHttp1MaxSize(64));
    this.metrics = metrics;
    this.timeoutMs = config.timeoutMs();
    this.resilience = resilience;
  }

  /** A 5xx answer, carried as a failure through the breaker so that it counts against the host. */
  private static final class ServerError extends RuntimeException {
    final UpstreamResponse response;

    ServerError(UpstreamResponse response) {
      super("upstream answered " + response.status(), null, false, false);
      this.response = response;
    }
  }

  /**
   * GETs an absolute URL. route names the kind of call for metrics (never the URL: it holds user data).
   * Transport failures become unavailable or deadline_exceeded; any status is left to the caller.
   */
  public Future<UpstreamResponse> get(String url, MultiMap headers, int maxBytes, String route, long deadlineMillis) {
    URI uri = URI.create(url);
    String host = uri.getHost();
    CircuitBreaker breaker = breakerFor(uri.getPort() < 0 ? host : host + ":" + uri.getPort());
    return attempt(1, breaker, url, host, headers, maxBytes, route, deadlineMillis);
  }

  private Future<UpstreamResponse> attempt(int n, CircuitBreaker breaker, String url, String host, MultiMap headers,
      int maxBytes, String route, long deadlineMillis) {
    long budget = Math.min(timeoutMs, deadlineMillis - System.currentTimeMillis());
    if (budget <= 0) {
      return Future.failedFuture(new RpcException(Code.DEADLINE_EXCEEDED, "deadline exceeded"));
    }
    Future<UpstreamResponse> once = breaker.<UpstreamResponse>execute(promise ->
        send(url, host, headers, maxBytes, route, budget).onComplete(ar -> {
          if (ar.failed()) {
            promise.fail(ar.cause());
          } else if (ar.result().status() >= 500) {
            promise.fail(new ServerError(ar.result()));
          } else {
            promise.complete(ar.result());
          }
        }));
    return once.recover(e -> {
      if (e instanceof OpenCircuitException) {
        return Future.failedFuture(new RpcException(Code.UNAVAILABLE, host + " is failing; calls to it are paused"));
      }
      UpstreamResponse lastAnswer = e instanceof ServerError se ? se.response : null;
      boolean retryable = lastAnswer != null || (e instanceof RpcException rpc && rpc.code() == Code.UNAVAILABLE);
      long wait = backoff(n, lastAnswer);
      if (!retryable || n > resilience.retries() || wait < 0
          || System.currentTimeMillis() + wait >= deadlineMillis) {
        return lastAnswer != null ? Future.succeededFuture(lastAnswer) : Future.failedFuture(e);
      }
      Promise<Void> slept = Promise.promise();
      vertx.setTimer(Math.max(1, wait), id -> slept.complete());
      return slept.future().compose(v -> attempt(n + 1, breaker, url, host, headers, maxBytes, route, deadlineMillis));
    });
  }

  /** Full-jitter exponential back-off, never sooner than Retry-After; -1 when Retry-After is unusable. */
  private long backoff(int n, UpstreamResponse answer) {
    long cap = (long) resilience.retryBaseMs() << Math.min(n - 1, 16);
    long wait = ThreadLocalRandom.current().nextLong(cap / 2, cap + 1);
    String retryAfter = answer == null ? null : answer.headers().get("Retry-After");
    if (retryAfter != null) {
      if (!retryAfter.trim().matches("\\d{1,6}")) {
        return -1;
      }
      wait = Math.max(wait, Long.parseLong(retryAfter.trim()) * 1000);
    }
    return wait;
  }

  private Future<UpstreamResponse> send(String url, String host, MultiMap headers, int maxBytes, String route, long budget) {
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
          return Future.failedFuture(TransportFailures.of(e, host));
        });
  }

  private CircuitBreaker breakerFor(String hostKey) {
    return breakers.computeIfAbsent(hostKey, h -> {
      CircuitBreaker b = CircuitBreaker.create("upstream-" + h, vertx, new CircuitBreakerOptions()
          .setMaxFailures(resilience.breakerFailures())
          .setTimeout(-1)
          .setResetTimeout(resilience.breakerResetMs())
          .setNotificationAddress(null));
      Gauge.builder("sourcegate_circuit_breaker_state", b, UpstreamClient::stateValue)
          .description("0 closed, 1 half-open, 2 open")
          .tag("host", h)
          .register(metrics.registry());
      return b;
    });
  }

  private static double stateValue(CircuitBreaker b) {
    CircuitBreakerState s = b.state();
    return s == CircuitBreakerState.CLOSED ? 0 : s == CircuitBreakerState.HALF_OPEN ? 1 : 2;
  }

  /** The breaker's state for a host ("host" or "host:port"), for tests and diagnostics. */
  public CircuitBreakerState state(String hostKey) {
    CircuitBreaker b = breakers.get(hostKey);
    return b == null ? CircuitBreakerState.CLOSED : b.state();
  }

  public void close() {
    breakers.values().forEach(CircuitBreaker::close);
    client.close();
  }
}
