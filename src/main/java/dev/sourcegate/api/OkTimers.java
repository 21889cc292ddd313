package dev.sourcegate.api;

import dev.sourcegate.ops.GatewayMetrics;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * The timers of successful RPCs, one per RPC, found once: nearly every request ends "ok", and finding its
 * timer by method and code (two map look-ups) was a per-request cost of its own. Other codes go through
 * GatewayMetrics as they are. Filled lazily, so that an RPC never called shows no series; used from one
 * event loop only.
 */
final class OkTimers {
  static final String OK = "ok";

  private final GatewayMetrics metrics;
  private final Timer[] byRpc = new Timer[Rpc.values().length];

  OkTimers(GatewayMetrics metrics) {
    this.metrics = metrics;
  }

  /** Records one finished RPC of this code. */
  void record(Rpc rpc, String code, long tookNanos) {
    if (!OK.equals(code)) {
      metrics.recordRequest(rpc.method(), code, tookNanos);
      return;
    }
    Timer t = byRpc[rpc.ordinal()];
    if (t == null) {
      t = metrics.requestTimer(rpc.method(), OK);
      byRpc[rpc.ordinal()] = t;
    }
    t.record(tookNanos, TimeUnit.NANOSECONDS);
  }
}
