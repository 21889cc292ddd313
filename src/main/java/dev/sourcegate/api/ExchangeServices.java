package dev.sourcegate.api;

import dev.sourcegate.bus.BusClient;
import dev.sourcegate.bus.KnownSessions;
import dev.sourcegate.ops.AccessLog;
import dev.sourcegate.ops.GatewayMetrics;
import dev.sourcegate.ops.LoadShedder;
import dev.sourcegate.settings.GatewayConfig;
import io.vertx.core.Vertx;

/**
 * What every exchange of one HTTP verticle uses: the settings and the shared counters, and the
 * verticle's own helpers (not thread-safe: one set per event loop).
 */
record ExchangeServices(
    Vertx vertx,
    GatewayConfig config,
    GatewayMetrics metrics,
    AccessLog accessLog,
    Tenancy tenancy,
    LoadShedder shedder,
    KnownSessions sessions,
    BusClient bus,
    WarmFront warm,
    RpcDispatch dispatch,
    SweptDeadlines.Swept bodyDeadlines,
    DecodedRequests decoded,
    RecentCookieHeaders cookieHeaders,
    ConnectionGuard connections,
    OkTimers okTimers) {

  GatewayConfig.Admission admission() {
    return config.admission();
  }
}
