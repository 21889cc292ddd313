package dev.sourcegate.ops;

import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the RPCs in flight, in all and per tenant. Past a bound the caller gets resource_exhausted at
 * once: a queue without bound would only turn a burst into timeouts for everyone, and one noisy tenant
 * must not take the capacity of the others.
 */
public final class LoadShedder {
  private final int maxTotal;
  private final int maxPerTenant;
  private final AtomicInteger total = new AtomicInteger();
  private final ConcurrentHashMap<String, AtomicInteger> perTenant = new ConcurrentHashMap<>();

  public LoadShedder(int maxTotal, int maxPerTenant) {
    this.maxTotal = maxTotal;
    this.maxPerTenant = maxPerTenant;
  }

  /** Takes a slot for the tenant, or throws resource_exhausted naming the limit. */
  public void enter(String tenant) {
    if (total.incrementAndGet() > maxTotal) {
      total.decrementAndGet();
      throw new RpcException(Code.RESOURCE_EXHAUSTED,
          "too many requests in flight (limit " + maxTotal + ", SOURCEGATE_MAX_INFLIGHT); retry shortly");
    }
    AtomicInteger mine = perTenant.computeIfAbsent(tenant, t -> new AtomicInteger());
    if (mine.incrementAndGet() > maxPerTenant) {
      mine.decrementAndGet();
      total.decrementAndGet();
      throw new RpcException(Code.RESOURCE_EXHAUSTED,
          "too many requests in flight for this tenant (limit " + maxPerTenant + ", SOURCEGATE_MAX_INFLIGHT_PER_TENANT); retry shortly");
    }
  }

  public void exit(String tenant) {
    total.decrementAndGet();
    perTenant.computeIfPresent(tenant, (t, n) -> n.decrementAndGet() <= 0 ? null : n);
  }

  public int inFlight() {
    return total.get();
  }
}
