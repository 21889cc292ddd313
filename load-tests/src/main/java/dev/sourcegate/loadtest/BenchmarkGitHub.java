package dev.sourcegate.loadtest;

import dev.sourcegate.demo.github.SimRepository;
import dev.sourcegate.demo.github.SimulatedGitHub;
import dev.sourcegate.loadtest.DataSet.Commit;
import dev.sourcegate.loadtest.DataSet.Repo;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The benchmarks' GitHub: the gateway's own simulated GitHub ({@link SimulatedGitHub}, the one the demo and
 * the tests use) on loopback, holding {@link DataSet}'s repositories, with the REST API under {@code /api}.
 * Every GitHub call is answered after a fixed delay (default 50 ms; {@code --delay-ms} or FAKE_DELAY_MS),
 * the simulated GitHub's own {@code Faults.delay}, taken with a Vert.x timer. Beside GitHub's routes, for
 * the run script: {@code /readyz}, {@code GET /__stats} and {@code POST /__stats/reset} ({@link UpstreamCounts}),
 * {@code GET /__stats/notfound} and {@code /__faults} ({@link InjectedFaults}). Before the port is announced
 * its own request path is JIT-compiled ({@link FakeWarmUp}). Options: {@code --port-file F} (the port is
 * written there once listening), {@code --warm-up-rounds N} (default 500), {@code --log-own-time} (a line
 * per GitHub call with the fake's own time, from the end of the delay to the answer's last byte).
 */
public final class BenchmarkGitHub {
  private BenchmarkGitHub() {}

  public static void main(String[] args) throws Exception {
    Args a = new Args(args);
    long delay = a.longOpt("--delay-ms", envLong("FAKE_DELAY_MS", 50));
    long warmUpRounds = a.longOpt("--warm-up-rounds", 500);
    boolean logOwnTime = a.flag("--log-own-time");
    DataSet data = DataSet.get();
    UpstreamCounts counts = new UpstreamCounts(delay);
    InjectedFaults faults = new InjectedFaults();
    Vertx vertx = Vertx.vertx();
    SimulatedGitHub github = new SimulatedGitHub(vertx, Clock.systemUTC());
    // build every snapshot before listening so that the first request is not slowed by it
    data.repos().values().forEach(repo -> load(github, data, repo));
    ExtraRepos.load(github);
    FakeWarmUp warmUp = new FakeWarmUp().load(github);
    github.faults().intercept(ctx -> answeredHere(ctx, github, counts, faults, logOwnTime));
    github.start().await();
    warmUp.run(vertx, github, (int) warmUpRounds);
    github.faults().delay(delay);
    counts.reset();
    System.out.println("simulated GitHub listening on 127.0.0.1:" + github.port() + " (delay " + delay + " ms, "
        + data.repos().size() + " repositories, " + data.totalCommits() + " commits, " + data.totalFiles() + " files; "
        + History.FULL_NAME + ": " + History.COMMITS + " commits of " + History.FILES + " files)");
    a.writePortFile(github.port());
  }

  /** One repository: a snapshot per commit, branch main at its head, its tags. */
  private static void load(SimulatedGitHub github, DataSet data, Repo repo) {
    SimRepository sim = github.repositories().repository(DataSet.OWNER, repo.name())
        .describe("synthetic repository for sourcegate benchmarks", "main");
    for (Commit c : repo.commits()) {
      Map<String, byte[]> tree = new HashMap<>();
      for (String path : repo.files().keySet()) {
        tree.put(path, data.content(repo, path, c.sha()));
      }
      sim.snapshot(c.sha(), tree, ExtraRepos.commitJson(repo.fullName(), c));
    }
    sim.branch("main", repo.head().sha());
    repo.tags().forEach(sim::tag);
  }

  /**
   * The simulated GitHub's interceptor: answers the run script's own routes, counts every GitHub call and
   * injects the fault phase's faults; true when the request was answered (or its connection closed) here.
   */
  private static boolean answeredHere(RoutingContext ctx, SimulatedGitHub github, UpstreamCounts counts,
      InjectedFaults faults, boolean logOwnTime) {
    String path = ctx.request().path();
    if (path.equals("/readyz") || path.startsWith("/__")) {
      adminRoute(ctx, github, path, counts, faults);
      return true;
    }
    counts.count(ctx);
    if (logOwnTime) {
      long start = System.nanoTime();
      String method = ctx.request().method().name();
      ctx.addBodyEndHandler(v -> System.out.printf("own time %s %s %.1f ms%n", method, path,
          (System.nanoTime() - start) / 1e6));
    }
    switch (faults.pick(ctx.request())) {
      case NONE -> {
        return false;
      }
      case RESET -> ctx.request().connection().close();
      case BAD_GATEWAY -> json(ctx, 502, new JsonObject().put("message", "Server Error"));
      case REPOSITORY_DOWN -> json(ctx, 500, new JsonObject().put("message", "Server Error"));
    }
    return true;
  }

  private static void adminRoute(RoutingContext ctx, SimulatedGitHub github, String path, UpstreamCounts counts,
      InjectedFaults faults) {
    boolean post = ctx.request().method().name().equals("POST");
    switch (path) {
      case "/readyz" -> ctx.response().end("ok\n");
      case "/__stats" -> json(ctx, 200, counts.stats());
      case "/__stats/reset" -> {
        if (post) {
          counts.reset();
        }
        json(ctx, 200, counts.stats());
      }
      case "/__stats/notfound" -> json(ctx, 200, counts.topNotFound(50));
      case "/__delay" -> {
        // the cold figures take their own delay (200 ms) without restarting the fake and its data
        String ms = ctx.request().getParam("ms");
        if (post && ms != null && ms.matches("[0-9]{1,6}")) {
          counts.delayMs(Long.parseLong(ms));
          github.faults().delay(Long.parseLong(ms));
        }
        json(ctx, 200, new JsonObject().put("delayMs", counts.stats().getLong("delayMs")));
      }
      case "/__faults" -> {
        if (post) {
          faults.configure(ctx.request());
        }
        json(ctx, 200, faults.stats());
      }
      default -> json(ctx, 404, new JsonObject().put("message", "Not Found"));
    }
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8").end(body.toBuffer());
  }

  static long envLong(String name, long dflt) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? dflt : Long.parseLong(v.trim());
  }
}
