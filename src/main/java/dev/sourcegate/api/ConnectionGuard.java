package dev.sourcegate.api;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connections of one HTTP server instance. Every connection counts against a cap shared by all the
 * instances of its server, and one past the cap is closed unanswered: thousands of idle or slow
 * connections would otherwise exhaust the process's file descriptors, and then nothing, health checks
 * included, is answered. A connection must also deliver the headers of its next request within the
 * header timeout of its previous answer, or it is closed: the idle timeout alone never ends a connection
 * that trickles a header byte every few seconds (slowloris), and an idle one only holds a slot of the cap.
 *
 * <p>Vert.x reports a connection only with its first request (HTTP/1.x: once its headers are read;
 * HTTP/2: once the preface is read), so until then nothing here applies: the server's own idle timeout is
 * the header timeout, which closes a connection that sends nothing, and a reported connection is given the
 * longer idle timeout ({@link IdleTimeout}). Used from the instance's event loop only.
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

  /** A connection's state: handed to each of its requests, so that its end finds it without a look-up. */
  final class Tracked extends SweptDeadlines.Waiting {
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
    // once Vert.x has finished reporting the connection, not from within its pipeline set-up
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
   * The headers of a request have arrived: its connection owes none until the answer is sent. Returns
   * the connection's state, to hand back to {@link #requestEnded}; null when the connection was refused
   * at the cap (Vert.x reports a connection with its first request, which must then not be served).
   */
  Tracked requestStarted(HttpServerRequest req) {
    Tracked t = tracked.get(req.connection());
    if (t == null) {
      return null;
    }
    t.requests++;
    owingHeaders.remove(t);
    return t;
  }

  /** A request was answered (or given up): with none left, the connection owes the next headers. */
  void requestEnded(Tracked t) {
    if (t.requests > 0 && --t.requests == 0 && !t.closed) {
      owingHeaders.add(t, System.nanoTime() + headerTimeoutNanos);
    }
  }

  int owingHeaders() {
    return owingHeaders.size();
  }
}
