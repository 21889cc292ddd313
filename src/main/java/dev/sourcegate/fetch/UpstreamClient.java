package dev.sourcegate.fetch;

import dev.sourcegate.fetch.ssrf.TransportFailures;
import dev.sourcegate.fetch.ssrf.UpstreamResponse;

import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.settings.GatewayConfig;
import dev.sourcegate.fetch.isolation.BreakerSettings;
import dev.sourcegate.fetch.isolation.HostGuard;
import dev.sourcegate.fetch.isolation.Outcome;
import dev.sourcegate.ops.GatewayMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.codec.BodyCodec;
import java.net.URI;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * The one HTTP client the fetcher uses for every upstream. Every call has connect and total timeouts
 * and a body cap; no redirect is followed implicitly. Idempotent calls (GETs, and POSTs of read-only
 * GraphQL queries, which change nothing upstream) are retried after a connection error or a 5xx with jittered exponential back-off, within the request's deadline, never sooner than a
 * Retry-After, never after a 4xx, and only while the host's retry budget lasts. Failures are tracked per
 * scope (a repository, say) so that one failing repository pauses only its own calls; a host-wide
 * adaptive throttle fails fast only when most calls to the host fail (see {@link HostGuard}).
 */
public final class UpstreamClient {
  private static final long TIMER_SLACK_MS = 10;
  private final Vertx vertx;
  private final WebClient client;
  private final GatewayMetrics metrics;
  private final int timeoutMs;
  private final GatewayConfig.Resilience resilience;
  private final BreakerSettings breakerSettings;
  private final LongSupplier ticker;
  private final DoubleSupplier random;
  private final ConcurrentHashMap<String, HostGuard> guards = new ConcurrentHashMap<>();

  public UpstreamClient(Vertx vertx, GatewayConfig.Upstreams config, GatewayConfig.Resilience resilience, GatewayMetrics metrics) {
    this(vertx, config, resilience, metrics, System::nanoTime, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** ticker (nanoseconds) drives the failure windows; random the host-wide throttle's draws. */
  public UpstreamClient(Vertx vertx, GatewayConfig.Upstreams config, GatewayConfig.Resilience resilience, GatewayMetrics metrics,
      LongSupplier ticker, DoubleSupplier random) {
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
    this.breakerSettings = BreakerSettings.of(resilience);
    this.ticker = ticker;
    this.random = random;
  }

  /** One logical call and what its attempts share; body is null for a GET. */
  private record Call(HttpMethod method, String url, Buffer body, String host, String hostKey, HostGuard guard,
      UpstreamScope scope, MultiMap headers, int maxBytes, String route, long deadlineMillis) {}

  /**
   * GETs an absolute URL on behalf of scope. route names the kind of call for metrics (never the URL: it
   * holds user data). Transport failures become unavailable or deadline_exceeded, named by the scope's
   * upstream name, never by host; any status is left to the caller.
   */
  public Future<UpstreamResponse> get(String url, MultiMap headers, int maxBytes, String route, long deadlineMillis,
      UpstreamScope scope) {
    return start(HttpMethod.GET, url, null, headers, maxBytes, route, deadlineMillis, scope);
  }

  /**
   * POSTs body to an absolute URL, under the same timeouts, body cap, breakers and retry rules as a
   * {@link #get}: only for a body that changes nothing upstream (a GraphQL query, never a mutation),
   * which may then be sent again like a GET.
   */
  public Future<UpstreamResponse> post(String url, MultiMap headers, Buffer body, int maxBytes, String route,
      long deadlineMillis, UpstreamScope scope) {
    return start(HttpMethod.POST, url, body, headers, maxBytes, route, deadlineMillis, scope);
  }

  private Future<UpstreamResponse> start(HttpMethod method, String url, Buffer body, MultiMap headers, int maxBytes,
      String route, long deadlineMillis, UpstreamScope scope) {
    URI uri = URI.create(url);
    String host = uri.getHost();
    String hostKey = uri.getPort() < 0 ? host : host + ":" + uri.getPort();
    return attempt(1, new Call(method, url, body, host, hostKey, guardFor(hostKey), scope, headers, maxBytes, route,
        deadlineMillis), null);
  }

  /** previous: the last attempt's result, which a retry that may not be sent gives back instead. */
  private Future<UpstreamResponse> attempt(int n, Call call, Future<UpstreamResponse> previous) {
    long remaining = call.deadlineMillis - System.currentTimeMillis();
    long budget = Math.min(timeoutMs, remaining);
    if (budget <= 0) {
      return previous != null ? previous : Future.failedFuture(new RpcException(Code.DEADLINE_EXCEEDED, "deadline exceeded"));
    }
    HostGuard.Admission admission = call.guard.admit(call.scope.key());
    if (admission.refusal() != null) {
      refused(call.hostKey, admission.refusal() == HostGuard.Refusal.SCOPE_OPEN ? "scope_open" : "host_throttled");
      return previous != null ? previous
          : Future.failedFuture(new RpcException(Code.UNAVAILABLE, call.scope.upstreamName() + " is failing; calls to it are paused"));
    }
    if (n == 1) {
      call.guard.firstAttempt();
    }
    // an attempt whose time was cut short by the caller's deadline says nothing about the upstream if it runs out
    boolean cutByCaller = remaining < timeoutMs;
    long sentAt = System.nanoTime();
    return send(call, budget).transform(ar -> {
      long tookMs = (System.nanoTime() - sentAt) / 1_000_000;
      // (a few ms of slack: a timer may fire a little early; an earlier end, a connect timeout say, is the upstream's)
      call.guard.record(admission, outcome(ar, cutByCaller && tookMs + TIMER_SLACK_MS >= budget));
      if (ar.succeeded() && ar.result().status() < 500) {
        return Future.succeededFuture(ar.result());
      }
      UpstreamResponse lastAnswer = ar.succeeded() ? ar.result() : null;
      Future<UpstreamResponse> result = lastAnswer != null ? Future.succeededFuture(lastAnswer) : Future.failedFuture(ar.cause());
      boolean retryable = lastAnswer != null || (ar.cause() instanceof RpcException rpc && rpc.code() == Code.UNAVAILABLE);
      long wait = backoff(n, lastAnswer);
      if (!retryable || n > resilience.retries() || wait < 0
          || System.currentTimeMillis() + wait >= call.deadlineMillis) {
        return result;
      }
      if (!call.guard.tryRetry()) {
        refused(call.hostKey, "retry_budget");
        return result;
      }
      Promise<Void> slept = Promise.promise();
      vertx.setTimer(Math.max(1, wait), id -> slept.complete());
      return slept.future().compose(v -> attempt(n + 1, call, result));
    });
  }

  /** Only the upstream's own faults count: 5xx, connection errors, and timeouts of its own full budget. */
  static Outcome outcome(AsyncResult<UpstreamResponse> ar, boolean callerDeadlineRanOut) {
    if (ar.succeeded()) {
      return ar.result().status() >= 500 ? Outcome.FAULT : Outcome.ANSWERED;
    }
    if (!(ar.cause() instanceof RpcException rpc)) {
      return Outcome.FAULT;
    }
    return switch (rpc.code()) {
      case UNAVAILABLE -> Outcome.FAULT;
      case DEADLINE_EXCEEDED -> callerDeadlineRanOut ? Outcome.NEUTRAL : Outcome.FAULT;
      default -> Outcome.NEUTRAL;
    };
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

  private Future<UpstreamResponse> send(Call call, long budget) {
    CappedBuffer body = new CappedBuffer(call.maxBytes, "the upstream answer");
    HttpRequest<Void> request = client.requestAbs(call.method, call.url).timeout(budget).as(BodyCodec.pipe(body, false));
    request.putHeaders(call.headers);
    return (call.body == null ? request.send() : request.sendBuffer(call.body))
        .map(res -> {
          metrics.recordUpstream(call.host, call.route, res.statusCode());
          return new UpstreamResponse(res.statusCode(), res.headers(), body.buffer());
        })
        .recover(e -> {
          metrics.recordUpstream(call.host, call.route, 0);
          return Future.failedFuture(TransportFailures.of(e, call.scope.upstreamName()));
        });
  }

  /** hostKey: "host" or "host:port", as the gauges are labelled. */
  private void refused(String hostKey, String reason) {
    Counter.builder("sourcegate_upstream_refused_total")
        .description("Upstream calls not sent: scope_open (the scope's breaker), host_throttled (host-wide"
            + " adaptive throttling) or retry_budget (a retry over the host's budget)")
        .tag("host", hostKey).tag("reason", reason)
        .register(metrics.registry()).increment();
  }

  private HostGuard guardFor(String hostKey) {
    return guards.computeIfAbsent(hostKey, h -> {
      HostGuard g = new HostGuard(breakerSettings, ticker, random);
      Gauge.builder("sourcegate_circuit_breaker_state", g, UpstreamClient::stateValue)
          .description("0 every call goes, 1 some scopes (repositories) are paused, 2 host-wide throttling refuses calls")
          .tag("host", h)
          .register(metrics.registry());
      Gauge.builder("sourcegate_upstream_paused_scopes", g, guard -> guard.openScopes())
          .description("Scopes (repositories, vanity hosts, projects) of the host whose breaker is open or probing")
          .tag("host", h)
          .register(metrics.registry());
      Gauge.builder("sourcegate_upstream_throttle_probability", g, HostGuard::rejectProbability)
          .description("Probability that host-wide adaptive throttling refuses a call now")
          .tag("host", h)
          .register(metrics.registry());
      return g;
    });
  }

  private static double stateValue(HostGuard g) {
    return g.rejectProbability() > 0 ? 2 : g.openScopes() > 0 ? 1 : 0;
  }

  /** The guard of a host ("host" or "host:port"), for tests and diagnostics; null before its first call. */
  public HostGuard guard(String hostKey) {
    return guards.get(hostKey);
  }

  public void close() {
    client.close();
  }
}
