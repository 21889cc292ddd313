package dev.sourcegate.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import org.junit.jupiter.api.Test;

/** The three budgets: in all, per tenant (verified sessions only) and without a session. */
class LoadShedderTest {
  @Test
  void requestsWithoutASessionNeverSpendATenantsBudget() {
    LoadShedder s = new LoadShedder(100, 2, 3);
    for (int i = 0; i < 3; i++) {
      s.enterUnauthenticated();
    }
    RpcException full = assertThrows(RpcException.class, s::enterUnauthenticated);
    assertEquals(Code.RESOURCE_EXHAUSTED, full.code());
    assertTrue(full.getMessage().contains("SOURCEGATE_MAX_INFLIGHT_UNAUTHENTICATED"), full.getMessage());
    assertEquals(0, s.inFlight("victim"));
    s.enter("victim");
    s.enter("victim");
    assertEquals(2, s.inFlight("victim"));
    RpcException tenantFull = assertThrows(RpcException.class, () -> s.enter("victim"));
    assertTrue(tenantFull.getMessage().contains("SOURCEGATE_MAX_INFLIGHT_PER_TENANT"), tenantFull.getMessage());
    assertEquals(5, s.inFlight());
  }

  @Test
  void theUnauthenticatedBudgetIsPartOfTheTotalAndGivenBack() {
    LoadShedder s = new LoadShedder(3, 10, 2);
    s.enterUnauthenticated();
    s.enterUnauthenticated();
    s.enter("a");
    RpcException total = assertThrows(RpcException.class, () -> s.enter("b"));
    assertTrue(total.getMessage().contains("SOURCEGATE_MAX_INFLIGHT)"), total.getMessage());
    s.exitUnauthenticated();
    assertEquals(1, s.inFlightUnauthenticated());
    s.enter("b");
    assertEquals(3, s.inFlight());
    s.exit("a");
    s.exit("b");
    s.exitUnauthenticated();
    assertEquals(0, s.inFlight());
    assertEquals(0, s.inFlightUnauthenticated());
    assertEquals(0, s.inFlight("a"));
  }

  @Test
  void idleTenantsKeepTheirCounterOnlyUpToTheBound() {
    LoadShedder s = new LoadShedder(10_000, 2, 1);
    s.enter("a");
    s.enter("a");
    assertThrows(RpcException.class, () -> s.enter("a"));
    assertEquals(2, s.inFlight("a"));
    s.exit("a");
    s.exit("a");
    assertEquals(0, s.inFlight("a"));
    assertEquals(1, s.tenantsCounted(), "a few idle tenants keep their counter");
    // many tenants, each in and out: the map never holds more idle counters than the bound (+1 being dropped)
    for (int t = 0; t < 10 * LoadShedder.KEPT_IDLE_TENANTS; t++) {
      s.enter("t" + t);
      s.exit("t" + t);
      assertTrue(s.tenantsCounted() <= LoadShedder.KEPT_IDLE_TENANTS + 1, "counters kept: " + s.tenantsCounted());
    }
    assertEquals(0, s.inFlight());
    // a tenant whose counter was dropped is counted afresh, with its limit
    s.enter("a");
    s.enter("a");
    assertThrows(RpcException.class, () -> s.enter("a"));
    assertEquals(2, s.inFlight("a"));
    s.exit("a");
    s.exit("a");
    assertEquals(0, s.inFlight());
  }

  @Test
  void countsStayExactWhenRequestsOfOneTenantComeAndGoOnSeveralThreads() throws Exception {
    // the lock-free path under contention: every request in flight is counted on the counter in the map,
    // and once all have exited nothing is left counted
    int threads = 4;
    int rounds = 20_000;
    LoadShedder s = new LoadShedder(1_000, 1_000, 1);
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
    java.util.concurrent.atomic.AtomicInteger peakSeen = new java.util.concurrent.atomic.AtomicInteger();
    Thread[] workers = new Thread[threads];
    java.util.List<Throwable> failures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    for (int t = 0; t < threads; t++) {
      workers[t] = new Thread(() -> {
        try {
          start.await();
          for (int i = 0; i < rounds; i++) {
            s.enter("t");
            int seen = s.inFlight("t");
            if (seen < 1) {
              failures.add(new AssertionError("a request in flight is not counted for its tenant: " + seen));
              return;
            }
            peakSeen.accumulateAndGet(seen, Math::max);
            s.exit("t");
          }
        } catch (Throwable e) {
          failures.add(e);
        }
      });
      workers[t].start();
    }
    for (Thread w : workers) {
      w.join();
    }
    assertTrue(failures.isEmpty(), failures.toString());
    assertEquals(0, s.inFlight());
    assertEquals(0, s.inFlight("t"));
    assertTrue(s.tenantsCounted() <= 1);
    assertTrue(peakSeen.get() >= 1 && peakSeen.get() <= threads, "in flight seen: " + peakSeen.get());
    // and the limit still holds exactly afterwards
    LoadShedder limited = new LoadShedder(100, 1, 1);
    limited.enter("t");
    limited.exit("t");
    limited.enter("t");
    assertThrows(RpcException.class, () -> limited.enter("t"));
  }
}
