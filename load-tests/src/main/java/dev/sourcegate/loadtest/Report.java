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
 * (settings, Gatling result folders, fake upstream counters before and after the measured phase, memory
 * samples, cold-path latencies); Gatling's numbers come from each run's js/stats.json. Prints the table
 * and writes it to the file given as the second argument.
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

  String full() throws IOException {
    long delay = Long.parseLong(p.getProperty("delay.ms", "50"));
    GatlingRun warmup = GatlingRun.read(Path.of(p.getProperty("dir.warmup")));
    GatlingRun gw = GatlingRun.read(Path.of(p.getProperty("dir.warm.gateway")));
    GatlingRun bare = GatlingRun.read(Path.of(p.getProperty("dir.warm.bare")));
    GatlingRun cold = GatlingRun.read(Path.of(p.getProperty("dir.cold")));
    GatlingStats gwFile = gw.request("GetFile");
    GatlingStats bareFile = bare.request("GetFile");
    double gwRps = rps(gwFile, "gateway");
    double bareRps = rps(bareFile, "bare");

    JsonNode before = JSON.readTree(Path.of(p.getProperty("upstream.before")).toFile());
    JsonNode after = JSON.readTree(Path.of(p.getProperty("upstream.after")).toFile());
    long upstream = after.path("requests").asLong() - before.path("requests").asLong();
    double perGetFile = gwFile.total() == 0 ? Double.NaN : (double) upstream / gwFile.total();

    Map<String, List<Long>> coldMs = readCold(Path.of(p.getProperty("cold.tsv")));
    Memory mem = Memory.read(Path.of(p.getProperty("memory.samples")));

    DataSet d = DataSet.get();
    Zipf zipf = new Zipf(d.hotRequests().size(), Double.parseDouble(p.getProperty("zipf.s", "1.1")));

    StringBuilder sb = new StringBuilder();
    sb.append("\n=== sourcegate benchmark ===\n");
    sb.append("run: ").append(p.getProperty("started", "?")).append(", sourcegate ").append(p.getProperty("git.rev", "?"))
        .append(", Gatling ").append(p.getProperty("gatling.version", "?")).append('\n');
    sb.append("machine: ").append(p.getProperty("machine", "?")).append('\n');
    sb.append("load: ").append(p.getProperty("users")).append(" virtual users (closed model, keep-alive) for ")
        .append(p.getProperty("duration.s")).append(" s per target; Zipf s=").append(p.getProperty("zipf.s", "1.1"))
        .append(" over ").append(zipf.size()).append(" files (top 10: ").append(pct(zipf.topShare(10)))
        .append(", top 100: ").append(pct(zipf.topShare(100))).append(" of calls)\n");
    sb.append("fake GitHub: ").append(d.repos().size()).append(" repositories, ").append(d.totalCommits())
        .append(" commits, ").append(d.totalFiles()).append(" files; ").append(delay).append(" ms per call\n");
    sb.append("JVM flags: gateway ").append(p.getProperty("gateway.java.opts", "")).append("; fake GitHub ")
        .append(p.getProperty("fake.java.opts", "")).append("; bare ").append(p.getProperty("bare.java.opts", ""))
        .append("; Gatling: see pom.xml\n");
    sb.append("warm-up pass: ").append(n(warmup.global().total())).append(" GetFile (")
        .append(n(warmup.global().ko())).append(" failed), p50 ").append(warmup.global().p50()).append(" ms\n\n");

    Table t = new Table("warm GetFile", "gateway", "bare endpoint");
    t.row("throughput (req/s)", f1(gwRps), f1(bareRps));
    t.row("latency p50 (ms)", n(gwFile.p50()), n(bareFile.p50()));
    t.row("latency p99 (ms)", n(gwFile.p99()), n(bareFile.p99()));
    t.row("latency mean / max (ms)", gwFile.mean() + " / " + gwFile.max(), bareFile.mean() + " / " + bareFile.max());
    t.row("requests OK / failed", n(gwFile.ok()) + " / " + n(gwFile.ko()), n(bareFile.ok()) + " / " + n(bareFile.ko()));
    t.row("CPU of this harness (cores)", p.getProperty("cpu.ours.gateway", "?"), p.getProperty("cpu.ours.bare", "?"));
    t.row("CPU of other processes (cores)", p.getProperty("cpu.others.gateway", "?"), p.getProperty("cpu.others.bare", "?"));
    sb.append(t.render()).append('\n');
    for (String which : List.of("gateway", "bare")) {
      double others = Double.parseDouble(p.getProperty("cpu.others." + which, "0"));
      if (others > 0.2) {
        problems.add(String.format(Locale.ROOT, "other processes used %.2f of the machine's cores during the %s run:"
            + " its figures are low and noisy; run again on an idle machine", others, which));
      }
    }

    Table s = new Table("figure", "value");
    s.row("gateway / bare throughput", bareRps > 0 ? pct(gwRps / bareRps) + "  (" + f2(gwRps / bareRps) + "x)" : "n/a");
    s.row("upstream requests per GetFile (after warm-up)", f2(perGetFile) + "  (" + n(upstream) + " calls / "
        + n(gwFile.total()) + " GetFile)");
    s.row("  upstream calls: contents / commits / repos", n(delta(before, after, "contents")) + " / "
        + n(delta(before, after, "commits")) + " / " + n(delta(before, after, "repos")) + "  (404: "
        + n(delta(before, after, "notFound")) + ", 304: " + n(delta(before, after, "notModified")) + ")");
    for (String kind : List.of("cold Go module file", "cold Java mapped file")) {
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
        : mib(mem.heapPeak) + " peak, " + mib(mem.heapMean) + " mean (" + mem.samples + " samples)");
    s.row("gateway RSS under load", mem.samples == 0 ? "n/a"
        : mib(mem.rssPeak) + " peak, " + mib(mem.rssMean) + " mean");
    sb.append(s.render());

    if (gwFile.ko() > 0) {
      problems.add(gwFile.ko() + " gateway GetFile requests failed (see " + gw.dir() + "/index.html)");
    }
    if (bareFile.ko() > 0) {
      problems.add(bareFile.ko() + " bare endpoint requests failed");
    }
    if (cold.global().ko() > 0) {
      problems.add(cold.global().ko() + " cold-path requests failed");
    }
    if (warmup.global().ko() > 0) {
      problems.add(warmup.global().ko() + " warm-up requests failed");
    }
    if (!problems.isEmpty()) {
      sb.append("\nWARNINGS:\n");
      problems.forEach(x -> sb.append("  - ").append(x).append('\n'));
    }
    sb.append("\nGatling reports: ").append(gw.dir()).append(", ").append(bare.dir()).append(", ").append(cold.dir()).append('\n');
    return sb.toString();
  }

  /** Gatling's mean req/s is rounded to a whole number; count / measured seconds is used when known. */
  private double rps(GatlingStats s, String which) {
    String ms = p.getProperty("elapsed.ms." + which);
    if (ms != null && Long.parseLong(ms) > 0) {
      return s.total() * 1000.0 / Long.parseLong(ms);
    }
    return s.meanRps();
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
   * Memory samples: lines "epochMillis heapUsedBytes rssKiB inFlight" taken once a second during the measured
   * gateway phase. Only samples with requests in flight count ("under load"); without any, all do.
   */
  record Memory(int samples, double heapPeak, double heapMean, double rssPeak, double rssMean) {
    static Memory read(Path file) throws IOException {
      if (!Files.exists(file)) {
        return new Memory(0, 0, 0, 0, 0);
      }
      Memory loaded = read(file, true);
      return loaded.samples() > 0 ? loaded : read(file, false);
    }

    private static Memory read(Path file, boolean underLoadOnly) throws IOException {
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
        double heap;
        double rss;
        try {
          heap = Double.parseDouble(f[1]);
          rss = Double.parseDouble(f[2]) * 1024;
        } catch (NumberFormatException e) {
          continue;
        }
        if (heap <= 0 || rss <= 0) {
          continue;
        }
        if (underLoadOnly && (f.length < 4 || parseOrZero(f[3]) <= 0)) {
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

    private static double parseOrZero(String s) {
      try {
        return Double.parseDouble(s);
      } catch (NumberFormatException e) {
        return 0;
      }
    }
  }

  // ---- formatting

  private static String n(long v) {
    return String.format(Locale.ROOT, "%,d", v);
  }

  private static String f1(double v) {
    return String.format(Locale.ROOT, "%,.1f", v);
  }

  private static String f2(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  private static String pct(double v) {
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
