package dev.sourcegate.bus;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a request on the event loop it arrived on. Every verticle is deployed once per event loop; each
 * instance serves its address and also the same address suffixed with its own loop, and senders use
 * the suffixed address when their loop has such a consumer. A request then crosses no thread on its way
 * through the verticles (no wake-up of another loop, no queueing behind another loop's work), while the
 * shared address still serves any sender whose loop has no instance.
 */
public final class LoopAffinity {
  private static final Map<Vertx, LoopAffinity> BY_VERTX = Collections.synchronizedMap(new WeakHashMap<>());

  /**
   * Loop addresses with a consumer now, and how many: an undeployed verticle takes its count back, so a
   * loop whose instance is gone (a gateway stopped, another started on other loops of the same Vert.x)
   * sends to the shared address again instead of to an address nobody serves.
   */
  private final Map<String, Integer> local = new ConcurrentHashMap<>();
  /** Per thread: address -> this loop's own address (built once; whether it is served is asked every send). */
  private final ThreadLocal<Map<String, String>> routed = ThreadLocal.withInitial(HashMap::new);

  private LoopAffinity() {}

  public static LoopAffinity of(Vertx vertx) {
    return BY_VERTX.computeIfAbsent(vertx, v -> new LoopAffinity());
  }

  /**
   * Registers the handler on the shared address and on this loop's own address. Call it from the
   * verticle's start(), which runs on the instance's event loop.
   */
  public <T> Future<Void> consumer(Vertx vertx, String address, Handler<Message<T>> handler) {
    String mine = own(address);
    MessageConsumer<T> shared = vertx.eventBus().consumer(address, handler);
    MessageConsumer<T> loop = vertx.eventBus().consumer(mine, handler);
    // a consumer ends when it is unregistered, which undeploying its verticle does
    loop.endHandler(v -> local.computeIfPresent(mine, (k, n) -> n > 1 ? n - 1 : null));
    return Future.all(shared.completion(), loop.completion()).onSuccess(v -> local.merge(mine, 1, Integer::sum)).mapEmpty();
  }

  /** Where to send from the current thread: this loop's own consumer when it has one, else the shared address. */
  public String route(String address) {
    String mine = routed.get().computeIfAbsent(address, LoopAffinity::own);
    return local.containsKey(mine) ? mine : address;
  }

  private static String own(String address) {
    return address + "@" + Thread.currentThread().getName();
  }
}
