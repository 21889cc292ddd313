package dev.sourcegate.api;

import dev.sourcegate.bus.Addresses;
import dev.sourcegate.bus.BusClient;
import dev.sourcegate.bus.KnownSessions;
import dev.sourcegate.bus.Messages.CallContext;
import dev.sourcegate.bus.Messages.Session;
import dev.sourcegate.bus.Messages.SessionLookup;
import dev.sourcegate.ops.LoadShedder;
import dev.sourcegate.rpc.RpcException;
import io.vertx.core.http.HttpServerRequest;

/**
 * The in-flight budget one exchange spends, chosen on its headers alone, before any body byte is read:
 * a request whose session cookie opens for its tenant spends that tenant's budget; any other (no cookie,
 * an unknown or forged one, a cookie of another tenant) the small budget for requests without a session,
 * so that nobody can lock a tenant out by naming it in X-Scope-OrgID. A cookie opened lately is known
 * here without a hop; another is opened by the auth verticle with the request paused meanwhile (the slot
 * it will spend is not yet known, and bytes not read cost nothing).
 */
final class Admission {
  /** What the exchange being admitted tells and is told. */
  interface Party {
    boolean answered();

    boolean left();

    /** The budget is spent out: the exchange answers with this. */
    void refused(RpcException e);
  }

  private enum Budget { NONE, SESSION, UNAUTHENTICATED }

  private final LoadShedder shedder;
  private final KnownSessions sessions;
  private final BusClient bus;
  private final String tenant;
  private Budget budget = Budget.NONE;
  /** The caller's session, once its cookie is known to open for the tenant. */
  private Session session;
  /** Why the cookie did not open, when the auth verticle was asked and refused it. */
  private Throwable refusal;

  Admission(LoadShedder shedder, KnownSessions sessions, BusClient bus, String tenant) {
    this.shedder = shedder;
    this.sessions = sessions;
    this.bus = bus;
    this.tenant = tenant;
  }

  Session session() {
    return session;
  }

  Throwable refusal() {
    return refusal;
  }

  /**
   * ctx: the request's context, its deadline cut to the time the body may take; found: the request's
   * session cookie, with the session last found for it on this event loop (see RecentCookieHeaders).
   */
  void admit(HttpServerRequest req, RecentCookieHeaders.Found found, CallContext ctx, Party party) {
    if (party.answered()) {
      return;
    }
    String cookie = found.value();
    if (cookie == null) {
      enter(Budget.UNAUTHENTICATED, party);
      return;
    }
    long now = sessions.nowMillis();
    session = found.session(tenant, now);
    if (session == null) {
      KnownSessions.Until known = sessions.knownUntil(tenant, cookie);
      if (known != null) {
        session = known.session();
        found.remember(tenant, known, now);
      }
    }
    if (session != null) {
      enter(Budget.SESSION, party);
      return;
    }
    req.pause();
    bus.<Session>call(Addresses.AUTH_SESSION, new SessionLookup(ctx, cookie), ctx).onComplete(ar -> {
      if (party.left()) {
        return; // gone: no slot to take, nothing to read
      }
      if (!party.answered()) { // not answered meanwhile (by the body deadline)
        if (ar.succeeded()) {
          session = ar.result();
          enter(Budget.SESSION, party);
        } else {
          refusal = ar.cause();
          enter(Budget.UNAUTHENTICATED, party);
        }
      }
      // read on: the body of a refused or late request is drained, not kept (an HTTP/2 stream left
      // paused would hold its share of the connection's flow-control window)
      req.resume();
    });
  }

  private void enter(Budget b, Party party) {
    try {
      if (b == Budget.SESSION) {
        shedder.enter(tenant);
      } else {
        shedder.enterUnauthenticated();
      }
      budget = b;
    } catch (RpcException e) {
      party.refused(e);
    }
  }

  /** Gives back the budget spent, if any; once. */
  void exit() {
    if (budget == Budget.SESSION) {
      shedder.exit(tenant);
    } else if (budget == Budget.UNAUTHENTICATED) {
      shedder.exitUnauthenticated();
    }
    budget = Budget.NONE;
  }
}
