package dev.sourcegate.bus;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Serves one address: the handler turns a request into a future answer, and this class replies with it
 * or with the failure's Connect code ({@link BusFailures}); a handler that throws fails the request the
 * same way. Registered on the shared address and on the loop's own ({@link LoopAffinity}); a request
 * sent through {@link BusClient} is handled within the sender's trace.
 */
public final class BusServer {
  private BusServer() {}

  /** Marks the answer of one request as served stale (see {@link Headers#STALE}). */
  public static final class Staleness {
    private boolean stale;

    public void mark() {
      stale = true;
    }
  }

  /** Serves address with handler. Call it from the verticle's start(), on the instance's event loop. */
  public static <Q, R> Future<Void> serve(Vertx vertx, String address, Function<Q, Future<R>> handler) {
    return register(vertx, address, (Q request, Message<Object> msg) -> reply(msg, answer(handler, request), null));
  }

  /** Serves address with a handler that may mark its answer as stale. */
  public static <Q, R> Future<Void> serve(Vertx vertx, String address, BiFunction<Q, Staleness, Future<R>> handler) {
    return register(vertx, address, (Q request, Message<Object> msg) -> {
      Staleness staleness = new Staleness();
      reply(msg, answer(q -> handler.apply(q, staleness), request), staleness);
    });
  }

  private interface Receiver<Q> {
    void receive(Q request, Message<Object> msg);
  }

  private static <Q> Future<Void> register(Vertx vertx, String address, Receiver<Q> receiver) {
    boolean traced = HopTracing.enabled(vertx);
    return LoopAffinity.of(vertx).<Object>consumer(vertx, address, msg -> {
      if (traced) {
        HopTracing.<Q>receive(msg.body(), request -> receiver.receive(request, msg));
      } else {
        @SuppressWarnings("unchecked")
        Q request = (Q) msg.body();
        receiver.receive(request, msg);
      }
    });
  }

  private static <Q, R> Future<R> answer(Function<Q, Future<R>> handler, Q request) {
    try {
      return handler.apply(request);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** staleness is null for an address whose answers are never stale. */
  private static void reply(Message<Object> msg, Future<?> answer, Staleness staleness) {
    answer.onComplete(ar -> {
      if (ar.failed()) {
        BusFailures.reply(msg, ar.cause());
      } else if (staleness != null && staleness.stale) {
        // a fresh DeliveryOptions: its headers become the reply's own
        msg.reply(ar.result(), new DeliveryOptions().addHeader(Headers.STALE, "true"));
      } else {
        msg.reply(ar.result());
      }
    });
  }
}
