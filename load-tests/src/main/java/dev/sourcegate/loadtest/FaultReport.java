package dev.sourcegate.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sourcegate.loadtest.Report.GatlingRun;
import dev.sourcegate.loadtest.Report.GatlingStats;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fault benchmark's table (run-benchmarks.sh --faults): for each phase (fault-free, scattered faults,
 * one repository down), the measured GetFile calls of the healthy repositories, how many failed, their
 * p50 and p99 next to the fault-free p99, the failing repository's calls, the upstream calls the fake
 * counted and the calls the gateway did not send (paused repository, host-wide throttle, retry budget).
 * Exits 1 when a target is missed: under 1 in 10,000 failures with scattered faults, none for healthy
 * repositories while one is down, p99 within 2x of the fault-free run.
 *
 * <p>Usage: {@code FaultReport faults.properties out.txt}
 */
public final class FaultReport {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern REFUSED = Pattern.compile(
      "^sourcegate_upstream_refused_total\\{[^}]*reason=\"([a-z_]+)\"[^}]*} ([0-9.eE+]+)$", Pattern.MULTILINE);

  private record Phase(String name, String title, GatlingStats healthy, GatlingStats failing, long upstreamCalls,
      JsonNode injected, long scopeOpen, long hostThrottled, long retryBudget) {}

  public static void main(String[] args) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
      p.load(r);
    }
    List<Phase> phases = new ArrayList<>();
    for (String name : p.getProperty("phases").split(",")) {
      phases.add(read(p, name));
    }
    List<String> missed = new ArrayList<>();
    String text = render(p, phases, missed);
    System.out.print(text);
    if (args.length > 1) {
      Files.writeString(Path.of(args[1]), text, StandardCharsets.UTF_8);
    }
    System.exit(missed.isEmpty() ? 0 : 1);
  }

  private static Phase read(Properties p, String name) throws IOException {
    GatlingRun run = GatlingRun.read(Path.of(p.getProperty("dir." + name)));
    GatlingStats healthy = run.request("GetFile");
    GatlingStats failing = run.byName().get("GetFile failing repository");
    JsonNode before = JSON.readTree(Path.of(p.getProperty("upstream.before." + name)).toFile());
    JsonNode after = JSON.readTree(Path.of(p.getProperty("upstream.after." + name)).toFile());
    JsonNode injected = JSON.readTree(Path.of(p.getProperty("injected." + name)).toFile());
    String metrics = Files.readString(Path.of(p.getProperty("metrics." + name)), StandardCharsets.UTF_8);
    long[] refused = new long[3];
    Matcher m = REFUSED.matcher(metrics);
    while (m.find()) {
      long v = Math.round(Double.parseDouble(m.group(2)));
      switch (m.group(1)) {
        case "scope_open" -> refused[0] += v;
        case "host_throttled" -> refused[1] += v;
        case "retry_budget" -> refused[2] += v;
        default -> { }
      }
    }
    return new Phase(name, p.getProperty("title." + name, name), healthy, failing,
        after.path("requests").asLong() - before.path("requests").asLong(), injected, refused[0], refused[1], refused[2]);
  }

  private static String render(Properties p, List<Phase> phases, List<String> missed) {
    Phase base = phases.get(0);
    StringBuilder sb = new StringBuilder();
    sb.append("\nsourcegate fault benchmark (").append(p.getProperty("git.rev")).append(", ").append(p.getProperty("started"))
        .append(")\n").append(p.getProperty("machine")).append("; fake GitHub delay ").append(p.getProperty("delay.ms"))
        .append(" ms per call; ").append(p.getProperty("users")).append(" users; per phase ").append(p.getProperty("warmup.s"))
        .append(" s un-measured + ").append(p.getProperty("duration.s")).append(" s measured, on a fresh gateway with its ")
        .append("cache off (SOURCEGATE_CACHE_MAX_BYTES=0), so that every GetFile calls the fake GitHub\n\n");
    Report.Table t = new Report.Table("phase", "GetFile (healthy)", "failed", "failure ratio", "p50 ms", "p99 ms",
        "p99 / fault-free", "failing-repo GetFile, p50", "upstream calls", "injected faults", "not sent: paused / throttled / budget");
    for (Phase ph : phases) {
      double ratio = ph.healthy.total() == 0 ? 0 : (double) ph.healthy.ko() / ph.healthy.total();
      double p99x = base.healthy.p99() == 0 ? 0 : (double) ph.healthy.p99() / base.healthy.p99();
      JsonNode in = ph.injected;
      long faults = in.path("badGateway").asLong() + in.path("resets").asLong() + in.path("repositoryDown").asLong();
      t.row(ph.title, String.format(Locale.ROOT, "%,d", ph.healthy.total()), Long.toString(ph.healthy.ko()),
          String.format(Locale.ROOT, "%.2e", ratio), Long.toString(ph.healthy.p50()), Long.toString(ph.healthy.p99()),
          String.format(Locale.ROOT, "%.2fx", p99x),
          ph.failing == null ? "-" : String.format(Locale.ROOT, "%,d, %d ms", ph.failing.total(), ph.failing.p50()),
          String.format(Locale.ROOT, "%,d", ph.upstreamCalls),
          String.format(Locale.ROOT, "%,d", faults),
          ph.scopeOpen + " / " + ph.hostThrottled + " / " + ph.retryBudget);
      if (ph != base && p99x > 2.0) {
        missed.add(ph.title + ": p99 " + ph.healthy.p99() + " ms is over twice the fault-free " + base.healthy.p99() + " ms");
      }
      if (ph.name.equals("scattered") && ratio >= 1e-4) {
        missed.add(ph.title + ": " + ph.healthy.ko() + " of " + ph.healthy.total() + " GetFile failed (target: under 1 in 10,000)");
      }
      if (!ph.name.equals("scattered") && ph.healthy.ko() > 0) {
        missed.add(ph.title + ": " + ph.healthy.ko() + " GetFile of healthy repositories failed (target: none)");
      }
    }
    sb.append(t.render());
    sb.append("injected: ");
    for (Phase ph : phases) {
      JsonNode in = ph.injected;
      sb.append(ph.title).append(": ").append(in.path("badGateway").asLong()).append(" x 502, ")
          .append(in.path("resets").asLong()).append(" resets, ").append(in.path("repositoryDown").asLong())
          .append(" calls of the failing repository; ");
    }
    sb.append("\n");
    sb.append(missed.isEmpty() ? "FAULT TARGETS MET\n" : "FAULT TARGETS MISSED:\n  " + String.join("\n  ", missed) + "\n");
    return sb.toString();
  }
}
