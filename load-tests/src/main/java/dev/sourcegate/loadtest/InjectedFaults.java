package dev.sourcegate.loadtest;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * The faults the benchmark's simulated GitHub injects for the fault phase of the benchmark, set at run time with
 * {@code POST /__faults?p502=1&reset=0.5&failRepo=acme/pipeline} (percentages; no parameter: no fault):
 * a share of calls answered 502, a share of connections closed instead of answered, and every call for
 * one repository answered 500 (or, one in four, its connection closed). {@code GET /__faults} shows the
 * settings and how many faults were injected.
 */
final class InjectedFaults {
  enum Fault { NONE, BAD_GATEWAY, RESET, REPOSITORY_DOWN }

  private volatile double p502;
  private volatile double pReset;
  private volatile String failRepoPath;
  private final LongAdder badGateway = new LongAdder();
  private final LongAdder resets = new LongAdder();
  private final LongAdder repositoryDown = new LongAdder();

  void configure(HttpServerRequest req) {
    p502 = percent(req.getParam("p502"));
    pReset = percent(req.getParam("reset"));
    String repo = req.getParam("failRepo");
    failRepoPath = repo == null || repo.isBlank() ? null : "/api/repos/" + repo.toLowerCase(Locale.ROOT) + "/";
    badGateway.reset();
    resets.reset();
    repositoryDown.reset();
  }

  private static double percent(String v) {
    return v == null || v.isBlank() ? 0 : Double.parseDouble(v) / 100.0;
  }

  /** Which fault, if any, this GitHub call gets. */
  Fault pick(HttpServerRequest req) {
    String failing = failRepoPath;
    if (failing != null && req.path().toLowerCase(Locale.ROOT).startsWith(failing)) {
      repositoryDown.increment();
      return ThreadLocalRandom.current().nextInt(4) == 0 ? Fault.RESET : Fault.REPOSITORY_DOWN;
    }
    double r = ThreadLocalRandom.current().nextDouble();
    if (r < p502) {
      badGateway.increment();
      return Fault.BAD_GATEWAY;
    }
    if (r < p502 + pReset) {
      resets.increment();
      return Fault.RESET;
    }
    return Fault.NONE;
  }

  JsonObject stats() {
    return new JsonObject().put("p502", p502 * 100).put("resetPercent", pReset * 100)
        .put("failRepo", failRepoPath == null ? "" : failRepoPath)
        .put("badGateway", badGateway.sum()).put("resets", resets.sum()).put("repositoryDown", repositoryDown.sum());
  }
}
