package dev.sourcegate.ops;

import dev.sourcegate.settings.GatewayConfig;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.tracing.opentelemetry.OpenTelemetryOptions;
import io.vertx.tracing.opentelemetry.OpenTelemetryTracingFactory;
import java.util.Map;

/**
 * Builds the Vertx the gateway runs on, with OpenTelemetry tracing when SOURCEGATE_TRACING=true: every
 * RPC, event-bus hop and upstream call becomes a span. The SDK takes the standard OTEL_* settings
 * (exporter endpoint, sampler...); only traces are exported by default (metrics are on /metrics).
 */
public final class Tracing {
  private Tracing() {}

  public static Vertx createVertx(GatewayConfig config) {
    // one event loop per core, and the gateway deploys every verticle once per loop (see LoopAffinity)
    VertxOptions options = new VertxOptions().setEventLoopPoolSize(Math.max(1, Runtime.getRuntime().availableProcessors()));
    if (!config.observability().tracing()) {
      return Vertx.vertx(options);
    }
    OpenTelemetry otel = AutoConfiguredOpenTelemetrySdk.builder()
        .addPropertiesSupplier(() -> Map.of(
            "otel.service.name", "sourcegate",
            "otel.metrics.exporter", "none",
            "otel.logs.exporter", "none"))
        .build()
        .getOpenTelemetrySdk();
    return createVertx(options, otel);
  }

  /** A Vertx that traces with the given OpenTelemetry (tests pass an in-memory exporter). */
  public static Vertx createVertx(VertxOptions options, OpenTelemetry otel) {
    return Vertx.builder()
        .with(options.setTracingOptions(new OpenTelemetryOptions()))
        .withTracer(new OpenTelemetryTracingFactory(otel))
        .build();
  }
}
