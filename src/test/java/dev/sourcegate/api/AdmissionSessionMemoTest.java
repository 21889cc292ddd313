package dev.sourcegate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.sourcegate.bus.KnownSessions;
import dev.sourcegate.bus.Messages.CallContext;
import dev.sourcegate.bus.Messages.Session;
import dev.sourcegate.ops.LoadShedder;
import dev.sourcegate.rpc.RpcException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Admission reuses the session a Cookie header was last found to open, for the same tenant and only
 * until that session's end on the gateway's clock; otherwise it asks the cache of opened cookies again.
 */
class AdmissionSessionMemoTest {
  private static final String HEADER = "pyroscope_git_session=sealed";
  private final AtomicLong clock = new AtomicLong(1_000_000);
  private final AtomicInteger asked = new AtomicInteger();
  private volatile Session current = new Session("gho_alice", "hash-1");
  private volatile long validForMillis = 10_000;
  private final LoadShedder shedder = new LoadShedder(100, 100, 100);

  private final KnownSessions sessions = new KnownSessions() {
    @Override
    public Session known(String tenant, String cookie) {
      throw new AssertionError("admission asks knownUntil");
    }

    @Override
    public Until knownUntil(String tenant, String cookie) {
      asked.incrementAndGet();
      return current == null || !"team-a".equals(tenant) ? null : new Until(current, clock.get() + validForMillis);
    }

    @Override
    public long nowMillis() {
      return clock.get();
    }
  };

  private static final class Party implements Admission.Party {
    @Override
    public boolean answered() {
      return false;
    }

    @Override
    public boolean left() {
      return false;
    }

    @Override
    public void refused(RpcException e) {
      throw new AssertionError(e);
    }
  }

  /** Admits one request of this tenant with this header's entry; its session (the cookie opens: no bus call here). */
  private Session admit(RecentCookieHeaders.Found found, String tenant) {
    Admission a = new Admission(shedder, sessions, null, tenant);
    a.admit(null, found, new CallContext(tenant, "req", clock.get() + 1_000), new Party());
    Session s = a.session();
    a.exit();
    return s;
  }

  @Test
  void theSameHeaderIsAdmittedWithoutAskingUntilTheSessionEnds() {
    RecentCookieHeaders.Found found = new RecentCookieHeaders("pyroscope_git_session").find(HEADER);
    Session first = admit(found, "team-a");
    assertSame(current, first);
    assertEquals(1, asked.get());
    clock.addAndGet(9_999);
    assertSame(first, admit(found, "team-a"), "still within its end: reused");
    assertEquals(1, asked.get(), "not asked again");
    current = new Session("gho_alice", "hash-2");
    clock.addAndGet(1);
    assertSame(current, admit(found, "team-a"), "at its end: asked again");
    assertEquals(2, asked.get());
    assertEquals(0, shedder.inFlight());
  }

  @Test
  void anotherTenantIsAskedForAndNeverGetsTheRememberedSession() {
    RecentCookieHeaders.Found found = new RecentCookieHeaders("pyroscope_git_session").find(HEADER);
    assertSame(current, admit(found, "team-a"));
    current = null; // the cache no longer opens it for anyone: only the memo still holds team-a's session
    assertEquals(1, asked.get());
    // team-b is asked for, and the cache refuses (the request would go on to the auth verticle, not tested here)
    assertNull(sessions.knownUntil("team-b", "sealed"));
    assertNull(found.session("team-b", clock.get()), "the memo holds team-a's session only");
  }

  @Test
  void aSessionIsNotReusedPastAMinuteEvenIfItsTokenLivesLonger() {
    validForMillis = Long.MAX_VALUE / 4;
    RecentCookieHeaders.Found found = new RecentCookieHeaders("pyroscope_git_session").find(HEADER);
    admit(found, "team-a");
    clock.addAndGet(RecentCookieHeaders.SESSION_KEPT_MS - 1);
    admit(found, "team-a");
    assertEquals(1, asked.get());
    clock.addAndGet(1);
    admit(found, "team-a");
    assertEquals(2, asked.get(), "asked again after a minute");
  }
}
