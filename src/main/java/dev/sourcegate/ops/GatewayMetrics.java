package dev.sourcegate.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/** The gateway's meters, exposed in Prometheus text format at /metrics. */
public final class GatewayMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  /**
   * Striped rather than one atomic: every RPC counts itself in and out, from whichever event loop serves
   * it, and one shared counter would bounce its cache line between the loops twice per request.
   */
  private final LongAdder inFlight = new LongAdder();
  /** method -> code -> timer: a handful of pairs, found without building a key string per request. */
  private final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.ConcurrentHashMap<String, Timer>> timers =
      new java.util.concurrent.ConcurrentHashMap<>();

  public GatewayMetrics() {
    Gauge.builder("sourcegate_inflight_requests", inFlight, LongAdder::sum)
        .description("RPCs being served now")
        .register(registry);
    new JvmMemoryMetrics().bindTo(registry);
  }

  /** One finished RPC: method is the RPC name (or "unknown"), code "ok" or the Connect error code. */
  public void recordRequest(String method, String code, Duration took) {
    recordRequest(method, code, took.toNanos());
  }

  /** The same, the time taken in nanoseconds (no Duration made per request). */
  public void recordRequest(String method, String code, long tookNanos) {
    requestTimer(method, code).record(tookNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  /** The timer of one (method, code) pair, for a caller that keeps it rather than find it per request. */
  public Timer requestTimer(String method, String code) {
    // a handful of (method, code) pairs: keep their timers rather than look them up in the registry
    var byCode = timers.get(method);
    if (byCode == null) {
      byCode = timers.computeIfAbsent(method, m -> new java.util.concurrent.ConcurrentHashMap<>());
    }
    Timer timer = byCode.get(code);
    if (timer == null) {
      timer = byCode.computeIfAbsent(code, c -> Timer.builder("sourcegate_requests")
        .description("Connect RPCs by method and result code")
        .tag("method", method)
        .tag("code", code)
        .publishPercentileHistogram()
        .register(registry));
    }
    return timer;
  }

  /** One call to an upstream (GitHub, a vanity host, googlesource). */
  public void recordUpstream(String host, String route, int status) {
    Counter.builder("sourcegate_upstream_requests")
        .description("HTTP calls made to upstreams")
        .tag("host", host)
        .tag("route", route)
        .tag("status", String.valueOf(status))
        .register(registry)
        .increment();
  }

  /** An RPC is being served: counted in sourcegate_inflight_requests until {@link #requestLeft}. */
  public void requestEntered() {
    inFlight.increment();
  }

  public void requestLeft() {
    inFlight.decrement();
  }

  public String scrape() {
    return registry.scrape();
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }
}
