package dev.sourcegate.loadtest;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the GitHub calls the benchmark's simulated GitHub answered, by protocol (REST, GraphQL), by
 * kind and by outcome, and the bytes of the bodies it sent back; the report divides them by the GetFile
 * calls of a run. Counters, not the simulated GitHub's RequestLog: that one keeps every request, which a
 * run of several minutes at thousands of calls a second must not.
 */
final class UpstreamCounts {
  private volatile long delayMs;
  private final LongAdder requests = new LongAdder();
  private final LongAdder rest = new LongAdder();
  private final LongAdder graphQl = new LongAdder();
  private final LongAdder restBytes = new LongAdder();
  private final LongAdder graphQlBytes = new LongAdder();
  private final LongAdder contents = new LongAdder();
  private final LongAdder commits = new LongAdder();
  private final LongAdder repos = new LongAdder();
  private final LongAdder other = new LongAdder();
  private final LongAdder notFound = new LongAdder();
  private final LongAdder notModified = new LongAdder();
  /** 404 answers by "owner/repo:path@ref" (contents) or "owner/repo/commits/ref" (commits). */
  private final Map<String, LongAdder> notFoundByKey = new ConcurrentHashMap<>();

  UpstreamCounts(long delayMs) {
    this.delayMs = delayMs;
  }

  void delayMs(long ms) {
    this.delayMs = ms;
  }

  /** Counts one call by its path now and by its status and body size once answered. */
  void count(RoutingContext ctx) {
    requests.increment();
    HttpServerRequest req = ctx.request();
    boolean isGraphQl = req.path().equals("/api/graphql");
    (isGraphQl ? graphQl : rest).increment();
    String[] seg = req.path().split("/", -1);
    // "", "api", "repos", owner, repo, kind, ...
    if (seg.length < 5 || !seg[1].equals("api") || !seg[2].equals("repos")) {
      other.increment();
    } else if (seg.length == 5 || (seg.length == 6 && seg[5].isEmpty())) {
      repos.increment();
    } else if (seg[5].equals("contents")) {
      contents.increment();
    } else if (seg[5].equals("commits")) {
      commits.increment();
    } else {
      other.increment();
    }
    ctx.addBodyEndHandler(v -> (isGraphQl ? graphQlBytes : restBytes).add(ctx.response().bytesWritten()));
    ctx.addHeadersEndHandler(v -> {
      int status = ctx.response().getStatusCode();
      if (status == 404 || status == 422) {
        notFound.increment();
        String what = req.path().replaceFirst("^/api/repos/", "").replace("/contents/", ":")
            + (req.getParam("ref") == null ? "" : "@" + req.getParam("ref"));
        notFoundByKey.computeIfAbsent(what, k -> new LongAdder()).increment();
      } else if (status == 304) {
        notModified.increment();
      }
    });
  }

  JsonObject stats() {
    return new JsonObject()
        .put("requests", requests.sum())
        .put("rest", rest.sum())
        .put("graphql", graphQl.sum())
        .put("restBytes", restBytes.sum())
        .put("graphqlBytes", graphQlBytes.sum())
        .put("contents", contents.sum())
        .put("commits", commits.sum())
        .put("repos", repos.sum())
        .put("other", other.sum())
        .put("notFound", notFound.sum())
        .put("notModified", notModified.sum())
        .put("delayMs", delayMs);
  }

  /** The most frequent 404s, most frequent first. */
  JsonObject topNotFound(int limit) {
    JsonArray top = new JsonArray();
    notFoundByKey.entrySet().stream()
        .sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
        .limit(limit)
        .forEach(e -> top.add(new JsonObject().put("what", e.getKey()).put("count", e.getValue().sum())));
    return new JsonObject().put("distinct", notFoundByKey.size()).put("top", top);
  }

  void reset() {
    notFoundByKey.clear();
    for (LongAdder a : new LongAdder[] {requests, rest, graphQl, restBytes, graphQlBytes, contents, commits, repos,
        other, notFound, notModified}) {
      a.reset();
    }
  }
}
