package dev.sourcegate.demo.github;

import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * What a test makes the simulated GitHub do instead of answering well: a delay before every answer,
 * and an interceptor that answers a request itself (a 500, a rate limit, a hang) or passes it on.
 */
public final class Faults {
  private volatile long delayMs;
  /** Answers a request itself and says true, or says false to pass it on to the normal routes. */
  private volatile Function<RoutingContext, Boolean> interceptor = ctx -> false;

  public Faults delay(long ms) {
    this.delayMs = ms;
    return this;
  }

  public long delayMs() {
    return delayMs;
  }

  public Faults intercept(Function<RoutingContext, Boolean> interceptor) {
    this.interceptor = interceptor;
    return this;
  }

  /** Runs the request through the delay and the interceptor, then on to the routes. */
  void apply(Vertx vertx, RoutingContext ctx) {
    if (delayMs > 0) {
      vertx.setTimer(delayMs, id -> passOn(ctx));
    } else {
      passOn(ctx);
    }
  }

  private void passOn(RoutingContext ctx) {
    if (!interceptor.apply(ctx)) {
      ctx.next();
    }
  }
}
