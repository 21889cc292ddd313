package dev.sourcegate.api;

import io.vertx.core.http.HttpServerRequest;

/**
 * Routes other than the Connect API and the operations endpoints (the demo page); consulted before the
 * 404. Implementations answer from memory: they run on an event loop.
 */
@FunctionalInterface
public interface ExtraRoutes {
  ExtraRoutes NONE = req -> false;

  /** Answers the request and returns true, or returns false to let it fall through to a 404. */
  boolean handle(HttpServerRequest req);
}
