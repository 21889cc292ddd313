package dev.sourcegate.api;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connections of one HTTP server instance. Vert.x tells of a connection only once its first bytes
 * have come (it reads them to tell HTTP/1.x from HTTP/2), so the server's own idle timeout is the header
 * timeout: a connection that sends nothing at all is closed by it; from the first byte on, it is counted
 * here, given the longer idle timeout, and held to the header deadline. Every connection counts against a cap shared by all the
 * instances of its server, and one past the cap is closed as soon as it is accepted: thousands of idle or
 * slow connections would otherwise exhaust the process's file descriptors, and then nothing, health
 * checks included, is answered. A connection must also deliver the headers of a request within the header
 * timeout of opening or of its previous answer, or it is closed: the idle timeout alone never ends a
 * connection that trickles a header byte every few seconds (slowloris), and a connection kept idle only
 * holds a slot of the cap. Used from the instance's event loop only.
 */
final class ConnectionGuard {
  /** How often connections owing headers are checked: the most a header deadline can lag. */
  static final long SWEEP_MS = 100;

  private final Vertx vertx;
  private final AtomicInteger open;
  private final int max;
  private final long headerTimeoutNanos;
  private final long idleTimeoutMs;
  private final SweptDeadlines.Swept owingHeaders;
  private final Runnable refused;
  private final Map<HttpConnection, Tracked> tracked = new HashMap<>();

  /** open: shared by every instance of the server; refused: counts a connection closed at the cap. */
  ConnectionGuard(Vertx vertx, AtomicInteger open, int max, long headerTimeoutMs, long idleTimeoutMs, Runnable refused) {
    this.vertx = vertx;
    this.open = open;
    this.idleTimeoutMs = idleTimeoutMs;
    this.max = max;
    this.headerTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(headerTimeoutMs);
    this.owingHeaders = new SweptDeadlines.Swept(vertx, SWEEP_MS);
    this.refused = refused;
  }

  private final class Tracked extends SweptDeadlines.Waiting {
    final HttpConnection conn;
    int requests;
    boolean closed;

    Tracked(HttpConnection conn) {
      this.conn = conn;
    }

    @Override
    void expired() {
      conn.close();
    }
  }

  /** A connection was accepted: counted, or closed at once when the cap is reached. */
  void accepted(HttpConnection conn) {
    if (open.incrementAndGet() > max) {
      open.decrementAndGet();
      refused.run();
      conn.close();
      return;
    }
    // not while Vert.x is still setting the connection's pipeline up (an HTTP/2 connection stalls)
    vertx.runOnContext(v -> {
      if (tracked.containsKey(conn)) {
        IdleTimeout.set(conn, idleTimeoutMs);
      }
    });
    Tracked t = new Tracked(conn);
    tracked.put(conn, t);
    conn.closeHandler(v -> {
      t.closed = true;
      owingHeaders.remove(t);
      tracked.remove(conn);
      open.decrementAndGet();
    });
    owingHeaders.add(t, System.nanoTime() + headerTimeoutNanos);
  }

  /**
   * The headers of a request have arrived: its connection owes none until the answer is sent. False
   * when the connection was refused at the cap (Vert.x reports a connection with its first request,
   * which must then not be served).
   */
  boolean requestStarted(HttpServerRequest req) {
    Tracked t = tracked.get(req.connection());
    if (t == null) {
      return false;
    }
    t.requests++;
    owingHeaders.remove(t);
    return true;
  }

  /** A request was answered (or given up): with none left, the connection owes the next headers. */
  void requestEnded(HttpServerRequest req) {
    Tracked t = tracked.get(req.connection());
    if (t != null && t.requests > 0 && --t.requests == 0 && !t.closed) {
      owingHeaders.add(t, System.nanoTime() + headerTimeoutNanos);
    }
  }

  int owingHeaders() {
    return owingHeaders.size();
  }
}
