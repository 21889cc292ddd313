package dev.sourcegate.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Turns one run of run-benchmarks.sh into the figures table. Input: a properties file the script writes
 * (settings, Gatling result folders and measured windows of each round's gateway and bare runs, fake upstream
 * counters before the first and after the last gateway run, CPU samples of both servers, memory samples,
 * cold-path latencies); Gatling's numbers come from each run's js/stats.json, for the warm runs from the
 * measured "GetFile" requests only (not the "GetFile warm-up" phase). Prints the table and writes it to the
 * file given as the second argument.
 *
 * <p>Usage: {@code Report run.properties out.txt}
 */
public final class Report {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Gatling's numbers for one request name (or for all requests). */
  record GatlingStats(String name, long total, long ok, long ko, long mean, long p50, long p90, long p95, long p99,
      long min, long max, double meanRps) {
    static GatlingStats of(JsonNode stats) {
      return new GatlingStats(stats.path("name").asText(),
          stats.path("numberOfRequests").path("total").asLong(),
          stats.path("numberOfRequests").path("ok").asLong(),
          stats.path("numberOfRequests").path("ko").asLong(),
          stats.path("meanResponseTime").path("total").asLong(),
          stats.path("percentiles1").path("total").asLong(),
          stats.path("percentiles2").path("total").asLong(),
          stats.path("percentiles3").path("total").asLong(),
          stats.path("percentiles4").path("total").asLong(),
          stats.path("minResponseTime").path("total").asLong(),
          stats.path("maxResponseTime").path("total").asLong(),
          stats.path("meanNumberOfRequestsPerSecond").path("total").asDouble());
    }
  }

  /** A Gatling run: its global stats and its stats by request name. */
  record GatlingRun(Path dir, GatlingStats global, Map<String, GatlingStats> byName) {
    static GatlingRun read(Path dir) throws IOException {
      Path file = dir.resolve("js").resolve("stats.json");
      JsonNode root = JSON.readTree(file.toFile());
      Map<String, GatlingStats> byName = new LinkedHashMap<>();
      collect(root.path("contents"), byName);
      return new GatlingRun(dir, GatlingStats.of(root.path("stats")), byName);
    }

    private static void collect(JsonNode contents, Map<String, GatlingStats> out) {
      contents.forEach(node -> {
        if ("REQUEST".equals(node.path("type").asText())) {
          GatlingStats s = GatlingStats.of(node.path("stats"));
          out.put(s.name(), s);
        } else {
          collect(node.path("contents"), out);
        }
      });
    }

    GatlingStats request(String name) {
      GatlingStats s = byName.get(name);
      if (s == null) {
        throw new IllegalStateException("no request named '" + name + "' in " + dir);
      }
      return s;
    }
  }

  private final Properties p;
  private final List<String> problems = new ArrayList<>();

  Report(Properties p) {
    this.p = p;
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: Report run.properties [out.txt]");
      System.exit(2);
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
      p.load(r);
    }
    Report report = new Report(p);
    String text = "smoke".equals(p.getProperty("mode")) ? report.smoke() : report.full();
    System.out.print(text);
    if (args.length > 1) {
      Path out = Path.of(args[1]);
      if (out.getParent() != null) {
        Files.createDirectories(out.getParent());
      }
      Files.writeString(out, text, StandardCharsets.UTF_8);
    }
  }

  // ---- smoke

  String smoke() throws IOException {
    GatlingRun run = GatlingRun.read(Path.of(p.getProperty("dir.smoke")));
    StringBuilder sb = new StringBuilder();
    sb.append("\nsourcegate smoke test: ").append(run.global().total()).append(" requests, ")
        .append(run.global().ok()).append(" OK, ").append(run.global().ko()).append(" failed\n");
    Table t = new Table("request", "count", "OK", "KO", "p50 ms", "max ms");
    for (GatlingStats s : run.byName().values()) {
      t.row(s.name(), n(s.total()), n(s.ok()), n(s.ko()), n(s.p50()), n(s.max()));
    }
    sb.append(t.render());
    sb.append(run.global().ko() == 0 ? "SMOKE OK\n" : "SMOKE FAILED\n");
    return sb.toString();
  }

  // ---- full benchmark

  /** One measured WarmGetFileSimulation run: "GetFile" stats only (its "GetFile warm-up" phase is left out). */
  record Measured(String which, int round, GatlingRun run, GatlingStats file, long warmUpRequests, long elapsedMs,
      double rps, ServerCpu cpu, String cpuOurs, String cpuOthers) {}

  /** CPU of the server under test over the measured window, from the run script's samples. */
  record ServerCpu(double cores, double restCores, double seconds, int samples) {
    static final ServerCpu NONE = new ServerCpu(Double.NaN, Double.NaN, 0, 0);

    boolean known() {
      return samples >= 2 && seconds > 0;
    }
  }

  private Measured measured(String which, int round, CpuSamples samples) throws IOException {
    String key = which + "." + round;
    GatlingRun run = GatlingRun.read(Path.of(p.getProperty("dir.warm." + key)));
    GatlingStats file = run.request("GetFile");
    GatlingStats warmUp = run.byName().get("GetFile warm-up");
    long elapsed = Long.parseLong(p.getProperty("elapsed.ms." + key, "0").trim());
    double rps = elapsed > 0 ? file.total() * 1000.0 / elapsed : file.meanRps();
    if (elapsed <= 0) {
      problems.add("no measured window for the " + which + " run of round " + round
          + ": its throughput is Gatling's rounded mean over the whole run, warm-up phase included");
    }
    ServerCpu cpu = ServerCpu.NONE;
    String[] window = p.getProperty("window." + key, "").trim().split("\\s+");
    if (samples != null && window.length == 2) {
      cpu = samples.over("gateway".equals(which) ? 1 : 2, Long.parseLong(window[0]), Long.parseLong(window[1]));
    }
    if (!cpu.known()) {
      problems.add("no server CPU samples inside the measured window of the " + which + " run of round " + round);
    }
    return new Measured(which, round, run, file, warmUp == null ? 0 : warmUp.total(), elapsed, rps, cpu,
        p.getProperty("cpu.ours." + key, "?"), p.getProperty("cpu.others." + key, "?"));
  }

  String full() throws IOException {
    long delay = Long.parseLong(p.getProperty("delay.ms", "50"));
    int rounds = Integer.parseInt(p.getProperty("rounds", "1"));
    GatlingRun warmup = GatlingRun.read(Path.of(p.getProperty("dir.warmup")));
    // --warm-only runs no cold path: its rows are left out rather than reported missing
    String coldDir = p.getProperty("dir.cold", "");
    GatlingRun cold = coldDir.isBlank() ? null : GatlingRun.read(Path.of(coldDir));
    String samplesFile = p.getProperty("cpu.samples");
    CpuSamples samples = samplesFile == null ? null
        : CpuSamples.read(Path.of(samplesFile), Double.parseDouble(p.getProperty("clk.tck", "100")));

    List<Measured> gws = new ArrayList<>();
    List<Measured> bares = new ArrayList<>();
    for (int r = 1; r <= rounds; r++) {
      gws.add(measured("gateway", r, samples));
      bares.add(measured("bare", r, samples));
    }
    Pooled gwAll = Pooled.of(gws);
    Pooled bareAll = Pooled.of(bares);

    JsonNode before = JSON.readTree(Path.of(p.getProperty("upstream.before")).toFile());
    JsonNode after = JSON.readTree(Path.of(p.getProperty("upstream.after")).toFile());
    long upstream = after.path("requests").asLong() - before.path("requests").asLong();
    long gwCalls = 0;
    for (Measured m : gws) {
      gwCalls += m.file().total() + m.warmUpRequests();
    }
    double perGetFile = gwCalls == 0 ? Double.NaN : (double) upstream / gwCalls;

    Map<String, List<Long>> coldMs = readCold(Path.of(p.getProperty("cold.tsv")));
    List<long[]> gatewayWindows = new ArrayList<>();
    for (int r = 1; r <= rounds; r++) {
      String[] w = p.getProperty("window.gateway." + r, "").trim().split("\\s+");
      if (w.length == 2) {
        gatewayWindows.add(new long[] {Long.parseLong(w[0]), Long.parseLong(w[1])});
      }
    }
    Memory mem = Memory.read(Path.of(p.getProperty("memory.samples")), gatewayWindows);

    DataSet d = DataSet.get();
    Zipf zipf = new Zipf(d.hotRequests().size(), Double.parseDouble(p.getProperty("zipf.s", "1.1")));

    StringBuilder sb = new StringBuilder();
    sb.append("\n=== sourcegate benchmark ===\n");
    sb.append("run: ").append(p.getProperty("started", "?")).append(", sourcegate ").append(p.getProperty("git.rev", "?"))
        .append(", Gatling ").append(p.getProperty("gatling.version", "?")).append('\n');
    sb.append("machine: ").append(p.getProperty("machine", "?")).append('\n');
    sb.append("load: ").append(p.getProperty("users")).append(" virtual users (closed model, keep-alive); each run: ")
        .append(p.getProperty("warmup.s", "0")).append(" s warm-up phase (\"GetFile warm-up\", not measured), then ")
        .append(p.getProperty("duration.s")).append(" s measured (\"GetFile\") on the same users and connections; ")
        .append(rounds).append(rounds == 1 ? " round" : " rounds").append(" of gateway then bare endpoint\n");
    sb.append("files: Zipf s=").append(p.getProperty("zipf.s", "1.1"))
        .append(" over ").append(zipf.size()).append(" files (top 10: ").append(pct(zipf.topShare(10)))
        .append(", top 100: ").append(pct(zipf.topShare(100))).append(" of calls)\n");
    sb.append("fake GitHub: ").append(d.repos().size()).append(" repositories, ").append(d.totalCommits())
        .append(" commits, ").append(d.totalFiles()).append(" files; ").append(delay).append(" ms per call\n");
    sb.append("JVM flags: gateway ").append(p.getProperty("gateway.java.opts", "")).append("; fake GitHub ")
        .append(p.getProperty("fake.java.opts", "")).append("; bare ").append(p.getProperty("bare.java.opts", ""))
        .append("; Gatling: see pom.xml\n");
    sb.append("warm-up pass: ").append(n(warmup.global().total())).append(" GetFile (")
        .append(n(warmup.global().ko())).append(" failed), p50 ").append(warmup.global().p50()).append(" ms\n\n");

    List<Measured> runs = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("warm GetFile, measured phase"));
    for (int r = 0; r < rounds; r++) {
      runs.add(gws.get(r));
      runs.add(bares.get(r));
      header.add("gateway #" + (r + 1));
      header.add("bare #" + (r + 1));
    }
    Table t = new Table(header.toArray(String[]::new));
    t.row(cells("measured window (s)", runs, m -> f1(m.elapsedMs() / 1000.0)));
    t.row(cells("throughput (req/s)", runs, m -> f1(m.rps())));
    t.row(cells("latency p50 (ms)", runs, m -> n(m.file().p50())));
    t.row(cells("latency p99 (ms)", runs, m -> n(m.file().p99())));
    t.row(cells("latency mean / max (ms)", runs, m -> m.file().mean() + " / " + m.file().max()));
    t.row(cells("requests OK / failed", runs, m -> n(m.file().ok()) + " / " + n(m.file().ko())));
    t.row(cells("warm-up phase requests (not measured)", runs, m -> n(m.warmUpRequests())));
    t.row(cells("server CPU (cores)", runs, m -> m.cpu().known() ? f2(m.cpu().cores()) : "n/a"));
    t.row(cells("server CPU per request (\u00b5s)", runs,
        m -> m.cpu().known() && m.rps() > 0 ? f1(m.cpu().cores() * 1e6 / m.rps()) : "n/a"));
    t.row(cells("rest of machine: Gatling, others (cores)", runs, m -> m.cpu().known() ? f2(m.cpu().restCores()) : "n/a"));
    t.row(cells("CPU of this harness, whole run (cores)", runs, Measured::cpuOurs));
    t.row(cells("CPU of other processes, whole run (cores)", runs, Measured::cpuOthers));
    sb.append(t.render());
    sb.append("(server CPU: utime+stime of the server's process over the measured window, from samples every 0.5 s\n"
        + " inside it; rest of machine: all busy CPU in that window minus the server's; whole run: the whole Gatling\n"
        + " run, its JVM start, warm-up phase and report included)\n\n");
    for (Measured m : runs) {
      double others = parseOr(m.cpuOthers(), 0);
      if (others > 0.2) {
        problems.add(String.format(Locale.ROOT, "other processes used %.2f of the machine's cores during the %s run of"
            + " round %d: its figures are low and noisy; run again on an idle machine", others, m.which(), m.round()));
      }
    }

    List<Double> ratios = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      double b = bares.get(r).rps();
      ratios.add(b > 0 ? gws.get(r).rps() / b : Double.NaN);
    }
    double pooled = bareAll.rps() > 0 ? gwAll.rps() / bareAll.rps() : Double.NaN;

    Table s = new Table("figure", "value");
    s.row("gateway / bare throughput (headline)", pct(pooled) + "  (" + f2(pooled) + "x; gateway "
        + f1(gwAll.rps()) + ", bare " + f1(bareAll.rps()) + " req/s = requests / measured time summed over "
        + rounds + (rounds == 1 ? " round)" : " rounds)"));
    for (int r = 0; r < rounds; r++) {
      s.row("  round " + (r + 1), pct(ratios.get(r)) + "  (" + f1(gws.get(r).rps()) + " / " + f1(bares.get(r).rps())
          + " req/s)");
    }
    if (rounds > 1) {
      List<Double> sorted = new ArrayList<>(ratios);
      Collections.sort(sorted);
      s.row("  median / mean of the rounds", pct(medianD(sorted)) + " / " + pct(mean(sorted)) + "  (min "
          + pct(sorted.get(0)) + ", max " + pct(sorted.get(sorted.size() - 1)) + ")");
      double spread = sorted.get(sorted.size() - 1) - sorted.get(0);
      if (spread > 0.05) {
        problems.add(String.format(Locale.ROOT, "the rounds' gateway / bare ratios differ by %.1f points: noisy", spread * 100));
      }
    }
    s.row("server CPU per request, all rounds", (gwAll.cpuKnown() ? f1(gwAll.cpuMicrosPerRequest()) : "n/a")
        + " \u00b5s gateway, " + (bareAll.cpuKnown() ? f1(bareAll.cpuMicrosPerRequest()) : "n/a") + " \u00b5s bare"
        + (gwAll.cpuKnown() && bareAll.cpuKnown() && bareAll.cpuMicrosPerRequest() > 0
            ? "  (" + f2(gwAll.cpuMicrosPerRequest() / bareAll.cpuMicrosPerRequest()) + "x)" : ""));
    s.row("upstream requests per GetFile (after the warm-up pass)", f2(perGetFile) + "  (" + n(upstream) + " calls / "
        + n(gwCalls) + " GetFile: all gateway runs, their warm-up phases included)");
    s.row("  upstream calls: contents / commits / repos", n(delta(before, after, "contents")) + " / "
        + n(delta(before, after, "commits")) + " / " + n(delta(before, after, "repos")) + "  (404: "
        + n(delta(before, after, "notFound")) + ", 304: " + n(delta(before, after, "notModified")) + ")");
    for (String kind : cold == null ? List.<String>of() : List.of("cold Go module file", "cold Java mapped file")) {
      List<Long> ms = coldMs.getOrDefault(kind, List.of());
      GatlingStats g = cold.byName().get(kind);
      if (ms.isEmpty() || g == null) {
        s.row(kind, "n/a");
        problems.add("no cold-path latency for " + kind);
        continue;
      }
      long med = median(ms);
      s.row(kind + " latency", med + " ms = " + f1((double) med / Math.max(1, delay)) + " x delay  (median of "
          + ms.size() + "; min " + Collections.min(ms) + ", max " + Collections.max(ms) + " ms; failed " + g.ko() + ")");
    }
    s.row("gateway heap used under load", mem.samples == 0 ? "n/a"
        : mib(mem.heapPeak) + " peak, " + mib(mem.heapMean) + " mean (" + mem.samples + " samples inside the gateway runs' measured windows)");
    s.row("gateway RSS under load", mem.samples == 0 ? "n/a"
        : mib(mem.rssPeak) + " peak, " + mib(mem.rssMean) + " mean");
    sb.append(s.render());

    for (Measured m : runs) {
      if (m.file().ko() > 0) {
        problems.add(m.file().ko() + " " + m.which() + " GetFile requests failed in round " + m.round()
            + " (see " + m.run().dir() + "/index.html)");
      }
      GatlingStats w = m.run().byName().get("GetFile warm-up");
      if (w != null && w.ko() > 0) {
        problems.add(w.ko() + " " + m.which() + " warm-up phase requests failed in round " + m.round());
      }
    }
    if (cold != null && cold.global().ko() > 0) {
      problems.add(cold.global().ko() + " cold-path requests failed");
    }
    if (warmup.global().ko() > 0) {
      problems.add(warmup.global().ko() + " warm-up requests failed (not 200, or an answer other than the bare"
          + " endpoint's bytes for that request)");
    }
    if (!problems.isEmpty()) {
      sb.append("\nWARNINGS:\n");
      problems.forEach(x -> sb.append("  - ").append(x).append('\n'));
    }
    sb.append("\nGatling reports: ");
    for (Measured m : runs) {
      sb.append(m.run().dir()).append(", ");
    }
    sb.append(cold == null ? "(no cold path: --warm-only)" : cold.dir()).append('\n');
    return sb.toString();
  }

  /** All measured runs of one target together: requests / summed measured time, CPU-seconds / requests. */
  record Pooled(long requests, long elapsedMs, double cpuSeconds, long cpuRequests, boolean cpuKnown) {
    static Pooled of(List<Measured> runs) {
      long req = 0;
      long ms = 0;
      double cpu = 0;
      long cpuReq = 0;
      boolean known = true;
      for (Measured m : runs) {
        req += m.file().total();
        ms += m.elapsedMs();
        if (m.cpu().known() && m.elapsedMs() > 0) {
          cpu += m.cpu().cores() * m.elapsedMs() / 1000.0;
          cpuReq += m.file().total();
        } else {
          known = false;
        }
      }
      return new Pooled(req, ms, cpu, cpuReq, known && cpuReq > 0);
    }

    double rps() {
      return elapsedMs > 0 ? requests * 1000.0 / elapsedMs : Double.NaN;
    }

    double cpuMicrosPerRequest() {
      return cpuRequests > 0 ? cpuSeconds * 1e6 / cpuRequests : Double.NaN;
    }
  }

  /**
   * The run script's CPU samples: lines "epochMillis gatewayTicks bareTicks machineBusyTicks", every 0.5 s.
   * A window's figure uses the first and the last sample inside the window (no interpolation: the load stops
   * right after the window, so a sample interval that straddles its end is not steady).
   */
  record CpuSamples(List<long[]> rows, double hz) {
    static CpuSamples read(Path file, double hz) throws IOException {
      List<long[]> rows = new ArrayList<>();
      if (Files.exists(file)) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          String[] f = line.trim().split("\\s+");
          if (f.length < 4) {
            continue;
          }
          try {
            rows.add(new long[] {Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3])});
          } catch (NumberFormatException e) {
            // a torn line at the end
          }
        }
      }
      return new CpuSamples(rows, hz);
    }

    ServerCpu over(int column, long startMs, long endMs) {
      long[] first = null;
      long[] last = null;
      int n = 0;
      for (long[] r : rows) {
        if (r[0] >= startMs && r[0] <= endMs && r[column] > 0) {
          if (first == null) {
            first = r;
          }
          last = r;
          n++;
        }
      }
      if (n < 2 || last[0] <= first[0]) {
        return ServerCpu.NONE;
      }
      double secs = (last[0] - first[0]) / 1000.0;
      double server = (last[column] - first[column]) / hz;
      double busy = (last[3] - first[3]) / hz;
      return new ServerCpu(server / secs, Math.max(0, busy - server) / secs, secs, n);
    }
  }

  private static String[] cells(String label, List<Measured> runs, java.util.function.Function<Measured, String> f) {
    String[] out = new String[runs.size() + 1];
    out[0] = label;
    for (int i = 0; i < runs.size(); i++) {
      out[i + 1] = f.apply(runs.get(i));
    }
    return out;
  }

  private static double parseOr(String s, double dflt) {
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return dflt;
    }
  }

  static double medianD(List<Double> sorted) {
    int m = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(m) : (sorted.get(m - 1) + sorted.get(m)) / 2;
  }

  private static double mean(List<Double> values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.size();
  }

  private static long delta(JsonNode before, JsonNode after, String field) {
    return after.path(field).asLong() - before.path(field).asLong();
  }

  private static Map<String, List<Long>> readCold(Path tsv) throws IOException {
    Map<String, List<Long>> out = new LinkedHashMap<>();
    if (!Files.exists(tsv)) {
      return out;
    }
    for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
      String[] f = line.split("\t");
      if (f.length >= 3 && "200".equals(f[1])) {
        out.computeIfAbsent(f[0], k -> new ArrayList<>()).add(Long.parseLong(f[2]));
      }
    }
    return out;
  }

  private static long median(List<Long> values) {
    List<Long> v = new ArrayList<>(values);
    Collections.sort(v);
    int m = v.size() / 2;
    return v.size() % 2 == 1 ? v.get(m) : Math.round((v.get(m - 1) + v.get(m)) / 2.0);
  }

  /**
   * Memory samples: lines "epochMillis heapUsedBytes rssKiB inFlight" taken every few seconds while the gateway
   * runs are loaded. "Under load" means inside a gateway run's measured window (the in-flight count is no
   * guide: a warm GetFile is answered within one event-loop turn, so a scrape rarely sees one in flight);
   * without any window, every sample counts.
   */
  record Memory(int samples, double heapPeak, double heapMean, double rssPeak, double rssMean) {
    static Memory read(Path file, List<long[]> windows) throws IOException {
      if (!Files.exists(file)) {
        return new Memory(0, 0, 0, 0, 0);
      }
      Memory loaded = inside(file, windows);
      return loaded.samples() > 0 || windows.isEmpty() ? loaded : inside(file, List.of());
    }

    /** The samples inside any of the windows (all of them when there is none). */
    private static Memory inside(Path file, List<long[]> windows) throws IOException {
      int n = 0;
      double hp = 0;
      double hs = 0;
      double rp = 0;
      double rs = 0;
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 3) {
          continue;
        }
        long at;
        double heap;
        double rss;
        try {
          at = Long.parseLong(f[0]);
          heap = Double.parseDouble(f[1]);
          rss = Double.parseDouble(f[2]) * 1024;
        } catch (NumberFormatException e) {
          continue;
        }
        if (heap <= 0 || rss <= 0) {
          continue;
        }
        if (!windows.isEmpty() && windows.stream().noneMatch(w -> at >= w[0] && at <= w[1])) {
          continue;
        }
        n++;
        hp = Math.max(hp, heap);
        hs += heap;
        rp = Math.max(rp, rss);
        rs += rss;
      }
      return n == 0 ? new Memory(0, 0, 0, 0, 0) : new Memory(n, hp, hs / n, rp, rs / n);
    }
  }

  // ---- formatting

  private static String n(long v) {
    return String.format(Locale.ROOT, "%,d", v);
  }

  static String f1(double v) {
    return String.format(Locale.ROOT, "%,.1f", v);
  }

  static String f2(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  static String pct(double v) {
    return String.format(Locale.ROOT, "%.1f%%", v * 100);
  }

  private static String mib(double bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }

  /** A plain-text table with aligned columns. */
  static final class Table {
    private final List<String[]> rows = new ArrayList<>();

    Table(String... header) {
      rows.add(header);
    }

    void row(String... cells) {
      rows.add(cells);
    }

    String render() {
      int cols = rows.get(0).length;
      int[] w = new int[cols];
      for (String[] r : rows) {
        for (int i = 0; i < cols && i < r.length; i++) {
          w[i] = Math.max(w[i], r[i].length());
        }
      }
      StringBuilder sb = new StringBuilder();
      String sep = sepLine(w);
      sb.append(sep);
      for (int ri = 0; ri < rows.size(); ri++) {
        String[] r = rows.get(ri);
        sb.append('|');
        for (int i = 0; i < cols; i++) {
          String c = i < r.length ? r[i] : "";
          boolean right = ri > 0 && i > 0 && cols > 2;
          sb.append(' ').append(right ? pad(c, w[i], true) : pad(c, w[i], false)).append(" |");
        }
        sb.append('\n');
        if (ri == 0) {
          sb.append(sep);
        }
      }
      sb.append(sep);
      return sb.toString();
    }

    private static String sepLine(int[] w) {
      StringBuilder sb = new StringBuilder("+");
      for (int x : w) {
        sb.append("-".repeat(x + 2)).append('+');
      }
      return sb.append('\n').toString();
    }

    private static String pad(String s, int width, boolean right) {
      String fill = " ".repeat(Math.max(0, width - s.length()));
      return right ? fill + s : s + fill;
    }
  }
}
