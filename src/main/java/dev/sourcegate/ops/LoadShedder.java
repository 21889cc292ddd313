package dev.sourcegate.ops;

import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the RPCs in flight, in all, per tenant and without a verified session. Past a bound the caller
 * gets resource_exhausted at once: a queue without bound would only turn a burst into timeouts for
 * everyone, and one noisy tenant must not take the capacity of the others.
 *
 * <p>A tenant's budget is spent only by requests whose session cookie opened for that tenant: the
 * tenant header is the caller's to choose, so a request without such a cookie (GithubApp, GithubLogin, a
 * missing, unknown or forged cookie) draws on one small budget of its own instead, and can never lock a
 * tenant out, nor take more than that budget of the total.
 */
public final class LoadShedder {
  private final int maxTotal;
  private final int maxPerTenant;
  private final int maxUnauthenticated;
  private final AtomicInteger total = new AtomicInteger();
  private final AtomicInteger unauthenticated = new AtomicInteger();
  private final ConcurrentHashMap<String, AtomicInteger> perTenant = new ConcurrentHashMap<>();
  /** Tenants whose counter is kept while they have nothing in flight (see release). */
  static final int KEPT_IDLE_TENANTS = 64;

  public LoadShedder(int maxTotal, int maxPerTenant, int maxUnauthenticated) {
    this.maxTotal = maxTotal;
    this.maxPerTenant = maxPerTenant;
    this.maxUnauthenticated = maxUnauthenticated;
  }

  /** Takes a slot for a request of a verified session of the tenant, or throws resource_exhausted. */
  public void enter(String tenant) {
    enterTotal();
    enterTenant(tenant);
  }

  /**
   * Counts this request on the tenant's counter, or refuses it above the limit. Lock-free while the tenant has requests in
   * flight (a look-up and an increment, no lock on the map's bin for every request); a counter is taken
   * out of the map by the exit that brings it to zero, so an increment that lands on a counter taken out
   * meanwhile is given back and made again on the counter now in the map. A counter in the map therefore
   * counts every request of its tenant in flight, and stays there until the last of them exits.
   */
  private void enterTenant(String tenant) {
    while (true) {
      AtomicInteger mine = perTenant.get(tenant);
      if (mine == null) {
        mine = perTenant.computeIfAbsent(tenant, t -> new AtomicInteger());
      }
      // the count this request made, not a later read: two requests racing for the last slot must not
      // both see the other's increment and both be refused
      int inFlight = mine.incrementAndGet();
      if (perTenant.get(tenant) == mine) {
        if (inFlight > maxPerTenant) {
          release(tenant, mine);
          total.decrementAndGet();
          throw new RpcException(Code.RESOURCE_EXHAUSTED,
              "too many requests in flight for this tenant (limit " + maxPerTenant + ", SOURCEGATE_MAX_INFLIGHT_PER_TENANT); retry shortly");
        }
        return;
      }
      mine.decrementAndGet();
    }
  }

  public void exit(String tenant) {
    total.decrementAndGet();
    AtomicInteger mine = perTenant.get(tenant);
    if (mine != null) {
      release(tenant, mine);
    }
  }

  /**
   * Gives one request back. A tenant with nothing in flight keeps its counter while few tenants have one:
   * a warm request is often entered and left within one turn of its event loop, and dropping the counter
   * each time its tenant went idle made and locked a new one for nearly every request. Past
   * {@link #KEPT_IDLE_TENANTS} counters, the last one out takes its counter out, unless a request came in
   * meanwhile (tenants come and go: a counter is not kept for every tenant ever seen).
   */
  private void release(String tenant, AtomicInteger mine) {
    if (mine.decrementAndGet() <= 0 && perTenant.size() > KEPT_IDLE_TENANTS) {
      perTenant.computeIfPresent(tenant, (t, n) -> n == mine && n.get() <= 0 ? null : n);
    }
  }

  /** Tenants with a counter in the map (for tests). */
  int tenantsCounted() {
    return perTenant.size();
  }

  /** Takes a slot for a request without a verified session, or throws resource_exhausted. */
  public void enterUnauthenticated() {
    enterTotal();
    if (unauthenticated.incrementAndGet() > maxUnauthenticated) {
      unauthenticated.decrementAndGet();
      total.decrementAndGet();
      throw new RpcException(Code.RESOURCE_EXHAUSTED,
          "too many requests in flight without a verified session cookie (limit " + maxUnauthenticated
              + ", SOURCEGATE_MAX_INFLIGHT_UNAUTHENTICATED); retry shortly");
    }
  }

  public void exitUnauthenticated() {
    unauthenticated.decrementAndGet();
    total.decrementAndGet();
  }

  private void enterTotal() {
    if (total.incrementAndGet() > maxTotal) {
      total.decrementAndGet();
      throw new RpcException(Code.RESOURCE_EXHAUSTED,
          "too many requests in flight (limit " + maxTotal + ", SOURCEGATE_MAX_INFLIGHT); retry shortly");
    }
  }

  public int inFlight() {
    return total.get();
  }

  public int inFlightUnauthenticated() {
    return unauthenticated.get();
  }

  /** In flight for one tenant's verified sessions (0 when none). */
  public int inFlight(String tenant) {
    AtomicInteger n = perTenant.get(tenant);
    return n == null ? 0 : n.get();
  }
}
