package dev.sourcegate.bus;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;

/**
 * Carries the OpenTelemetry context of a request across an event-bus hop, so that what a consumer calls
 * upstream is part of the RPC's trace. Vert.x links a consumer to its sender only through the text
 * propagators configured for the wire (OTEL_PROPAGATORS); with none configured, or for any format that
 * cannot be read back, every hop started a trace of its own. A hop never leaves the JVM, so the context
 * itself travels with the body instead. With tracing off (the default) nothing is wrapped or allocated.
 */
final class HopTracing {
  /** A body and the trace context it was sent in. Local only, like every message. */
  record Traced(Object body, Context context) {}

  private HopTracing() {}

  static boolean enabled(Vertx vertx) {
    return vertx instanceof VertxInternal internal && internal.tracer() != null;
  }

  /** The body to send: wrapped with the sender's context when it belongs to a trace. */
  static Object wrap(Object body) {
    Context current = Context.current();
    return Span.fromContext(current).getSpanContext().isValid() ? new Traced(body, current) : body;
  }

  /**
   * Runs the handler for a received body. A traced body is handled on a context of its own that holds
   * the sender's trace, unless Vert.x already gave this delivery a span of the same trace (it does when
   * the configured propagator carried it); an untraced body is handled as it came.
   */
  static <T> void receive(Object received, Handler<T> handler) {
    if (!(received instanceof Traced traced)) {
      handler.handle(cast(received));
      return;
    }
    Span delivered = Span.current();
    String traceId = Span.fromContext(traced.context()).getSpanContext().getTraceId();
    if (delivered.getSpanContext().isValid() && delivered.getSpanContext().getTraceId().equals(traceId)) {
      handler.handle(cast(traced.body()));
      return;
    }
    ContextInternal request = ContextInternal.current().duplicate();
    request.dispatch(traced, t -> {
      // not closed: the duplicate serves this one request and is dropped with it, and the request's
      // later callbacks (an upstream response, a timer) must still find the trace on it
      t.context().makeCurrent();
      handler.handle(cast(t.body()));
    });
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object body) {
    return (T) body;
  }
}
