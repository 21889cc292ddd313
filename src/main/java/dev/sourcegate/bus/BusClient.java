package dev.sourcegate.bus;

import dev.sourcegate.bus.Messages.CallContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;

/**
 * The one way a verticle asks another: within the request's deadline, on its own event loop when that
 * loop serves the address ({@link LoopAffinity}), with the request's trace, and failing with an
 * RpcException whatever went wrong ({@link BusFailures}). Answered by a {@link BusServer} registration.
 */
public final class BusClient {
  private final EventBus bus;
  private final LoopAffinity affinity;
  private final boolean traced;

  private BusClient(Vertx vertx) {
    this.bus = vertx.eventBus();
    this.affinity = LoopAffinity.of(vertx);
    this.traced = HopTracing.enabled(vertx);
  }

  /** Looked up once per verticle: LoopAffinity.of takes a lock. */
  public static BusClient of(Vertx vertx) {
    return new BusClient(vertx);
  }

  /** The answer's body. */
  public <T> Future<T> call(String address, Object body, CallContext ctx) {
    return this.<T>exchange(address, body, ctx).map(Message::body);
  }

  /** The answer with its headers (see {@link Headers}). */
  public <T> Future<Message<T>> exchange(String address, Object body, CallContext ctx) {
    long remaining = ctx.remainingMillis();
    if (remaining <= 0) {
      return Future.failedFuture(BusFailures.deadlineExceeded());
    }
    Object sent = traced ? HopTracing.wrap(body) : body;
    return bus.<T>request(affinity.route(address), sent, new DeliveryOptions().setSendTimeout(remaining))
        .recover(e -> Future.failedFuture(BusFailures.toRpc(e)));
  }

  /** True when the answer was served from the cache while GitHub could not confirm it. */
  public static boolean stale(Message<?> reply) {
    return reply.headers().contains(Headers.STALE);
  }
}
