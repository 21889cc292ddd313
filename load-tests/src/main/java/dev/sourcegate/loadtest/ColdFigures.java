package dev.sourcegate.loadtest;

import dev.sourcegate.loadtest.DataSet.FileRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Issue 13's cold figures against a freshly started gateway: for each case of {@link ColdCases}, three
 * trials, each on something the gateway never saw, one at a time with the fake GitHub answering every
 * call after a fixed delay (200 ms by default). Per trial: the latency in multiples of the delay and the
 * upstream calls it caused (REST and GraphQL, from the fake's counters once they settle); per case the
 * medians, beside the targets. Options: --gateway URL --fake URL --delay-ms N --out FILE. Exit 1 when a
 * request failed or answered the wrong file (a missed target is reported, not an error).
 */
public final class ColdFigures {
  /** One case: its name, its target in delays, and how to run trial i. */
  private record Case(String name, double maxDelays, boolean oneCall, Trial trial) {}

  @FunctionalInterface
  private interface Trial {
    /** Sends trial i; true when the answer was the right one. */
    boolean run(GatewayClient c, int i) throws IOException, InterruptedException;
  }

  private record Result(double delays, long rest, long graphQl, long bytes, boolean ok) {
    long calls() {
      return rest + graphQl;
    }
  }

  private ColdFigures() {}

  public static void main(String[] args) throws Exception {
    Args a = new Args(args);
    long delay = a.longOpt("--delay-ms", 200);
    GatewayClient client = new GatewayClient(a.opt("--gateway", "http://127.0.0.1:8080"), a.opt("--fake", null));
    long restore = client.fakeStats().getLong("delayMs");
    client.fakeDelay(delay);
    StringBuilder out = new StringBuilder();
    int failures;
    try {
      warmUp(client);
      failures = run(client, delay, out);
    } finally {
      client.fakeDelay(restore);
    }
    System.out.print(out);
    String file = a.opt("--out", null);
    if (file != null) {
      Files.writeString(Path.of(file), out.toString(), StandardCharsets.UTF_8);
    }
    System.exit(failures == 0 ? 0 : 1);
  }

  /**
   * Opens the connection, runs the gateway's request path through its interpreter and makes acme/shop a
   * repository seen before; none of it touches what a trial asks.
   */
  private static void warmUp(GatewayClient c) throws IOException, InterruptedException {
    List<FileRequest> hot = DataSet.get().hotRequests();
    for (int i = 0; i < 12; i++) {
      c.post(GatewayClient.GET_FILE, hot.get(i).json());
    }
    // the GraphQL path too (GetCommit, GetCommits), on a repository no trial reads
    DataSet.Repo checkout = DataSet.get().repos().get("checkout");
    for (int i = 0; i < 3; i++) {
      c.post(GatewayClient.GET_COMMIT, new JsonObject().put("repositoryURL", checkout.url())
          .put("ref", checkout.commits().get(i).sha()).encode());
    }
    c.post(GatewayClient.GET_COMMITS, new JsonObject().put("repositoryUrl", checkout.url())
        .put("refs", new JsonArray().add(checkout.commits().get(3).sha()).add(checkout.commits().get(4).sha())).encode());
    FileRequest setup = ColdCases.javaSeenBeforeSetup();
    if (!GatewayClient.rightFile(c.post(GatewayClient.GET_FILE, setup.json()), setup.marker())) {
      throw new IllegalStateException("the seen-before setup GetFile failed: " + setup.json());
    }
  }

  private static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    cases.add(new Case("Go module dependency", 1.3, true, file(ColdCases.goModule())));
    cases.add(new Case("Go own code, last-resort walk", 1.3, true, file(ColdCases.goWalk())));
    cases.add(new Case("Java mapped file, repository seen before", 1.3, true, file(ColdCases.javaSeenBefore())));
    cases.add(new Case("Java mapped file, first contact", 2.3, false, file(ColdCases.javaFirstContact())));
    cases.add(new Case("Python standard library (CPython tag)", 1.3, true, file(ColdCases.pythonStdlib())));
    cases.add(new Case("GetCommit of a branch", 1.3, true, (c, i) -> {
      String[] b = ColdCases.branches().get(i);
      GatewayClient.Answer ans = c.post(GatewayClient.GET_COMMIT,
          new JsonObject().put("repositoryURL", History.URL).put("ref", b[0]).encode());
      return ans.status() == 200 && b[1].equals(ans.body().getString("sha"));
    }));
    cases.add(new Case("GetCommits of 10 new SHAs", 1.3, true, (c, i) -> {
      List<String> shas = ColdCases.shaBatches().get(i);
      GatewayClient.Answer ans = c.post(GatewayClient.GET_COMMITS,
          new JsonObject().put("repositoryUrl", History.URL).put("refs", new JsonArray(new ArrayList<>(shas))).encode());
      JsonArray got = ans.body().getJsonArray("commits", new JsonArray());
      List<String> answered = new ArrayList<>();
      got.forEach(o -> answered.add(((JsonObject) o).getString("sha")));
      return ans.status() == 200 && answered.equals(shas);
    }));
    return cases;
  }

  private static Trial file(List<FileRequest> requests) {
    return (c, i) -> GatewayClient.rightFile(c.post(GatewayClient.GET_FILE, requests.get(i).json()), requests.get(i).marker());
  }

  private static int run(GatewayClient c, long delay, StringBuilder out) throws IOException, InterruptedException {
    out.append(String.format(Locale.ROOT, "Cold figures: a fresh gateway, the fake GitHub answering every call after %d ms;%n"
        + "median of %d trials, each on a commit, file, branch or SHAs never asked before, one at a time.%n%n", delay,
        ColdCases.TRIALS));
    String fmt = "%-42s %-17s %-9s %-13s %-12s %-22s %s%n";
    out.append(String.format(Locale.ROOT, fmt, "case", "trials (x delay)", "median", "calls R+G", "bytes", "target", "met"));
    int failures = 0;
    int met = 0;
    List<Case> cases = cases();
    for (Case k : cases) {
      List<Result> results = new ArrayList<>();
      for (int i = 0; i < ColdCases.TRIALS; i++) {
        JsonObject before = c.settledStats(0);
        long t0 = System.nanoTime();
        boolean ok = k.trial().run(c, i);
        double delays = (System.nanoTime() - t0) / 1e6 / delay;
        JsonObject after = c.settledStats(delay);
        results.add(new Result(delays, GatewayClient.delta(before, after, "rest"), GatewayClient.delta(before, after, "graphql"),
            GatewayClient.delta(before, after, "restBytes") + GatewayClient.delta(before, after, "graphqlBytes"), ok));
        if (!ok) {
          failures++;
        }
      }
      double median = median(results.stream().map(Result::delays).toList());
      Result mid = results.stream().sorted((x, y) -> Long.compare(x.calls(), y.calls())).toList().get(results.size() / 2);
      boolean hit = median <= k.maxDelays() && (!k.oneCall() || mid.calls() == 1) && results.stream().allMatch(Result::ok);
      met += hit ? 1 : 0;
      StringBuilder trials = new StringBuilder();
      results.forEach(r -> trials.append(String.format(Locale.ROOT, "%.1f%s ", r.delays(), r.ok() ? "" : "!")));
      out.append(String.format(Locale.ROOT, fmt, k.name(), trials.toString().trim(), String.format(Locale.ROOT, "%.2f", median),
          mid.calls() + " (" + mid.rest() + "+" + mid.graphQl() + ")", Long.toString(mid.bytes()),
          "<= " + k.maxDelays() + (k.oneCall() ? ", 1 call" : ""), hit ? "yes" : "no"));
    }
    out.append(String.format(Locale.ROOT, "%ntargets met: %d of %d; failed or wrong answers: %d%s%n", met, cases.size(),
        failures, failures > 0 ? " (a trial marked ! answered wrongly)" : ""));
    out.append("calls R+G: upstream calls of the median trial, REST + GraphQL; bytes: body bytes the fake sent for it.\n");
    return failures;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
