package dev.sourcegate.loadtest;

import dev.sourcegate.loadtest.DataSet.FileRequest;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The mixed workload of issue 13 over {@link History}'s realistic history, against a freshly started
 * gateway. Phase 1 ("history") replays the 40 commits as deploys: while commit c runs, --per-commit
 * GetFile calls (default 50) ask for commit c (4 in 5) or c-1, the file drawn from a Zipf law (s = 1.1) over
 * the 2,000 files, 1 in 5 through an absolute build path (the last-resort walk), the rest in -trimpath
 * form. Then the fleet stays on the last commit: "warm-up" sends --warmup requests (default 4,000) for
 * commit 40 (4 in 5) or 39 with the same draws, and "after warm-up" --after more (default 2,000); some of
 * them are still new pairs (the Zipf law's tail). Figures: upstream calls (REST + GraphQL) per new
 * (commit, file) in "history", the body bytes the fake sent per new (commit, file) against the mean file
 * size, and calls per GetFile "after warm-up"; to explain them, the callers one GraphQL query carried on
 * average (from the gateway's /metrics), the phase's wall time and the median latency of pairs asked before
 * and of new ones. The fake's delay is --delay-ms (default 20) meanwhile: the
 * counts do not depend on it. Options: --gateway URL --fake URL --users N (default 8) --out FILE. Exit 1
 * on a failed or wrong answer.
 */
public final class MixedWorkload {
  private record Phase(String name, List<int[]> requests) {}

  /** The gateway's distribution of callers per GraphQL file query (above 1: joined look-ups). */
  private static final String JOINED = "sourcegate_graphql_callers_per_query";

  /** Draws of (commit, file, build path?) for the steady state at the head: commit 39 (4 in 5) or 38. */
  private static List<int[]> atHead(int n, Random rnd, Zipf zipf, List<Integer> rankToFile) {
    List<int[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new int[] {History.COMMITS - 1 - (rnd.nextInt(5) == 0 ? 1 : 0), rankToFile.get(zipf.sample(rnd.nextDouble())),
          rnd.nextInt(5) == 0 ? 1 : 0});
    }
    return out;
  }

  private MixedWorkload() {}

  private static double median(List<Double> millis) {
    List<Double> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
  }

  public static void main(String[] args) throws Exception {
    Args a = new Args(args);
    GatewayClient client = new GatewayClient(a.opt("--gateway", "http://127.0.0.1:8080"), a.opt("--fake", null));
    int users = (int) a.longOpt("--users", 8);
    int perCommit = (int) a.longOpt("--per-commit", 50);
    int warmup = (int) a.longOpt("--warmup", 4000);
    int after = (int) a.longOpt("--after", 2000);
    long delay = a.longOpt("--delay-ms", 20);
    History h = History.get();
    Random rnd = new Random(13);
    Zipf zipf = new Zipf(History.FILES, 1.1);
    List<Integer> rankToFile = new ArrayList<>();
    for (int f = 0; f < History.FILES; f++) {
      rankToFile.add(f);
    }
    Collections.shuffle(rankToFile, new Random(7));
    // {commit, file, 1 = build path}
    List<int[]> history = new ArrayList<>();
    for (int c = 0; c < History.COMMITS; c++) {
      for (int i = 0; i < perCommit; i++) {
        int commit = c > 0 && rnd.nextInt(5) == 0 ? c - 1 : c;
        history.add(new int[] {commit, rankToFile.get(zipf.sample(rnd.nextDouble())), rnd.nextInt(5) == 0 ? 1 : 0});
      }
    }
    List<int[]> warm = atHead(warmup, rnd, zipf, rankToFile);
    List<int[]> steady = atHead(after, rnd, zipf, rankToFile);
    long restore = client.fakeStats().getLong("delayMs");
    client.fakeDelay(delay);
    Set<Long> seen = ConcurrentHashMap.newKeySet();
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
        "Mixed workload over %s's history (%d commits, each changing %d of %d files; mean file %.0f bytes),%n"
            + "a fresh gateway, %d concurrent users, fake delay %d ms.%n%n", History.FULL_NAME, History.COMMITS,
        History.CHANGED_PER_COMMIT, History.FILES, h.meanFileSize(), users, delay));
    String fmt = "%-16s %8s %10s %10s %10s %14s %16s %14s %15s %8s %15s%n";
    out.append(String.format(Locale.ROOT, fmt, "phase", "GetFile", "new pairs", "REST", "GraphQL", "calls/new pair",
        "bytes/new pair", "calls/GetFile", "callers/query", "seconds", "p50 ms old/new"));
    int failures = 0;
    for (Phase p : List.of(new Phase("history", history), new Phase("warm-up", warm), new Phase("after warm-up", steady))) {
      JsonObject before = client.settledStats(delay);
      Map<String, Double> metricsBefore = client.gatewayMetrics(JOINED);
      long started = System.nanoTime();
      AtomicInteger newPairs = new AtomicInteger();
      AtomicInteger failed = new AtomicInteger();
      List<Double> seenMillis = Collections.synchronizedList(new ArrayList<>());
      List<Double> newMillis = Collections.synchronizedList(new ArrayList<>());
      ExecutorService pool = Executors.newFixedThreadPool(users);
      List<Future<?>> done = new ArrayList<>();
      for (int[] r : p.requests()) {
        done.add(pool.submit(() -> {
          boolean isNew = seen.add((long) r[0] * History.FILES + r[1]);
          if (isNew) {
            newPairs.incrementAndGet();
          }
          FileRequest req = h.request(r[1], r[0], r[2] == 1);
          GatewayClient.Answer answer = client.post(GatewayClient.GET_FILE, req.json());
          (isNew ? newMillis : seenMillis).add(answer.millis());
          if (!GatewayClient.rightFile(answer, req.marker())) {
            failed.incrementAndGet();
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
      double seconds = (System.nanoTime() - started) / 1e9;
      JsonObject now = client.settledStats(delay);
      Map<String, Double> metricsNow = client.gatewayMetrics(JOINED);
      double queries = metricsNow.getOrDefault(JOINED + "_count", 0.0) - metricsBefore.getOrDefault(JOINED + "_count", 0.0);
      double callers = metricsNow.getOrDefault(JOINED + "_sum", 0.0) - metricsBefore.getOrDefault(JOINED + "_sum", 0.0);
      long rest = GatewayClient.delta(before, now, "rest");
      long graphQl = GatewayClient.delta(before, now, "graphql");
      long bytes = GatewayClient.delta(before, now, "restBytes") + GatewayClient.delta(before, now, "graphqlBytes");
      int n = newPairs.get();
      out.append(String.format(Locale.ROOT, fmt, p.name(), p.requests().size(), n, rest, graphQl,
          n == 0 ? "-" : String.format(Locale.ROOT, "%.2f", (rest + graphQl) / (double) n),
          n == 0 ? "-" : String.format(Locale.ROOT, "%.0f (%.2fx)", bytes / (double) n, bytes / (double) n / h.meanFileSize()),
          String.format(Locale.ROOT, "%.3f", (rest + graphQl) / (double) p.requests().size()),
          queries == 0 ? "-" : String.format(Locale.ROOT, "%.2f", callers / queries), String.format(Locale.ROOT, "%.1f", seconds),
          String.format(Locale.ROOT, "%.1f / %.1f", median(seenMillis), median(newMillis))));
      failures += failed.get();
    }
    client.fakeDelay(restore);
    out.append(String.format(Locale.ROOT, "%ntargets: <= 1 call per new (commit, file) in \"history\"; <= 0.02 calls per GetFile"
        + " \"after warm-up\";%nbytes per new (commit, file) well below the mean file size (a file no commit changed is not"
        + " fetched again).%nfailed or wrong answers: %d%n", failures));
    out.append("callers/query: callers whose look-ups one GraphQL file query carried, on average (the gateway's "
        + JOINED + "); seconds: the phase's wall time;\n"
        + "p50 ms old/new: median latency of the GetFile of a (commit, file) asked before in the run / of a new one.\n");
    out.append("bytes: every body the fake sent (file contents, JSON around them, 404s), divided by the new pairs; (x): of the mean file size.\n");
    System.out.print(out);
    String file = a.opt("--out", null);
    if (file != null) {
      Files.writeString(Path.of(file), out.toString(), StandardCharsets.UTF_8);
    }
    System.exit(failures == 0 ? 0 : 1);
  }
}
