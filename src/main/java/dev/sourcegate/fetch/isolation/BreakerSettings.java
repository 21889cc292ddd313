package dev.sourcegate.fetch.isolation;

import dev.sourcegate.settings.GatewayConfig;
import java.util.concurrent.TimeUnit;

/**
 * The numbers the scope breakers, the host-wide throttle and the retry budget work with (all from
 * SOURCEGATE_BREAKER_* , SOURCEGATE_HOST_MIN_CALLS and SOURCEGATE_RETRY_BUDGET_*).
 */
public record BreakerSettings(long windowNanos, int minCalls, double failureRatio, long openNanos,
    int hostMinCalls, double retryBudgetRatio, int retryBudgetMinPerSecond) {

  /** The SRE book's multiplier: the host-wide throttle only rejects once fewer than half the calls are answered. */
  public static final double ACCEPTS_MULTIPLIER = 2.0;

  public static BreakerSettings of(GatewayConfig.Resilience r) {
    return new BreakerSettings(TimeUnit.MILLISECONDS.toNanos(r.breakerWindowMs()), r.breakerMinCalls(),
        r.breakerFailurePercent() / 100.0, TimeUnit.MILLISECONDS.toNanos(r.breakerResetMs()), r.hostMinCalls(),
        r.retryBudgetPercent() / 100.0, r.retryBudgetMinPerSecond());
  }
}
