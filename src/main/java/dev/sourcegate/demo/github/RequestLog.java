package dev.sourcegate.demo.github;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every request the simulated GitHub received, in order, for tests to assert on what the gateway asked.
 * Off unless switched on: the demo runs for hours and must not keep what it was asked.
 */
public final class RequestLog {
  /** Where the GraphQL API answers; every other request under /api is a REST call. */
  static final String GRAPHQL_PATH = "/api/graphql";

  /** One request as the simulated GitHub saw it. */
  public record Recorded(String method, String path, String query, MultiMap headers, String body) {
    public String pathAndQuery() {
      return query == null ? path : path + "?" + query;
    }
  }

  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private volatile boolean on;

  public RequestLog record(boolean on) {
    this.on = on;
    return this;
  }

  void add(HttpServerRequest r, String body) {
    if (on) {
      requests.add(new Recorded(r.method().name(), r.path(), r.query(),
          MultiMap.caseInsensitiveMultiMap().addAll(r.headers()), body));
    }
  }

  public List<Recorded> requests() {
    return Collections.unmodifiableList(new ArrayList<>(requests));
  }

  public List<String> paths() {
    return requests.stream().map(Recorded::pathAndQuery).toList();
  }

  public long count(String pathPrefix) {
    return requests.stream().filter(r -> r.path().startsWith(pathPrefix)).count();
  }

  /** Calls to the REST API (under /api, but not the GraphQL endpoint). */
  public long restCalls() {
    return requests.stream().filter(r -> r.path().startsWith("/api/") && !r.path().equals(GRAPHQL_PATH)).count();
  }

  /** Calls to the GraphQL endpoint. */
  public long graphQlCalls() {
    return requests.stream().filter(r -> r.path().equals(GRAPHQL_PATH)).count();
  }

  public void clear() {
    requests.clear();
  }

  /**
   * Completes once no request has arrived for 150 ms (at most 3 s): a GetFile may answer while reads it
   * started speculatively are still on their way here, and a test that clears the record right after
   * the answer would see them land in the next call's window.
   */
  public Future<Void> settled(Vertx vertx) {
    Promise<Void> done = Promise.promise();
    long deadline = System.currentTimeMillis() + 3_000;
    int[] last = {requests.size()};
    vertx.setPeriodic(150, id -> {
      int now = requests.size();
      if (now == last[0] || System.currentTimeMillis() > deadline) {
        vertx.cancelTimer(id);
        done.tryComplete();
      }
      last[0] = now;
    });
    return done.future();
  }
}
