package dev.sourcegate.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.bus.Code;
import dev.sourcegate.bus.RpcException;
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
}
