package dev.sourcegate.demo.registries;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What every simulated package registry shares: its own server on 127.0.0.1 (a free port), the modes tests
 * put it in (a required Authorization header, as a private mirror has; down, answering 503) and the
 * requests it was asked, in order. A registry says only how it answers ({@link #serve}) and how it refuses
 * wrong credentials ({@link #unauthorized}), each in its real API's shape.
 *
 * @param <S> the registry itself, so that its setters chain
 */
public abstract class LoopbackRegistry<S extends LoopbackRegistry<S>> {
  private final Vertx vertx;
  private final List<String> asked = new CopyOnWriteArrayList<>();
  private volatile String requiredAuthorization;
  private volatile boolean down;
  private HttpServer server;

  protected LoopbackRegistry(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Every request must carry exactly this Authorization header, else {@link #unauthorized} (null: none needed). */
  public S requireAuthorization(String authorization) {
    this.requiredAuthorization = authorization;
    return self();
  }

  /** While down, every request is answered 503. */
  public S down(boolean down) {
    this.down = down;
    return self();
  }

  /** The requests asked so far, in order, as {@link #asAsked} notes them. */
  public List<String> asked() {
    return List.copyOf(asked);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  public Future<S> start() {
    return vertx.createHttpServer().requestHandler(this::answer).listen(0, "127.0.0.1").map(s -> {
      server = s;
      return self();
    });
  }

  public Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  protected abstract S self();

  /** Answers a request that passed the modes' checks. */
  protected abstract void serve(HttpServerRequest req);

  /** Answers a request without the required credentials, as the real registry does. */
  protected abstract void unauthorized(HttpServerRequest req);

  /** How a request is noted in {@link #asked}: its path unless a registry needs more. */
  protected String asAsked(HttpServerRequest req) {
    return req.path();
  }

  /** Answers and returns true when the registry refuses a request before looking at credentials. */
  protected boolean refusedFirst(HttpServerRequest req) {
    return false;
  }

  private void answer(HttpServerRequest req) {
    asked.add(asAsked(req));
    String auth = requiredAuthorization;
    if (down) {
      req.response().setStatusCode(503).end();
    } else if (refusedFirst(req)) {
      return;
    } else if (auth != null && !auth.equals(req.getHeader("Authorization"))) {
      unauthorized(req);
    } else {
      serve(req);
    }
  }
}
