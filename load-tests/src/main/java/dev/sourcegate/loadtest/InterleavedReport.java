package dev.sourcegate.loadtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The figures of an interleaved warm run (InterleavedWarmSimulation: the gateway and the bare endpoint
 * taking turns of a few seconds in one Gatling run): each server's throughput over its own counted slots,
 * the ratio of the two (the headline), the ratio of each pair of adjacent slots (how steady it is), and
 * each server's CPU per request, from the run script's CPU samples taken inside each slot.
 *
 * <p>Usage: InterleavedReport RUN_PROPERTIES OUTPUT. The properties name the slots file
 * (interleaved.slots), the CPU samples (cpu.samples, clk.tck) and describe the run.
 */
public final class InterleavedReport {
  /** One counted slot: its server, its bounds (epoch ms) and the requests that started and ended in it. */
  record Slot(int index, String server, long startMs, long endMs, long requests) {
    double rps() {
      return requests * 1000.0 / (endMs - startMs);
    }
  }

  /** Sums over one server's slots. */
  static final class Side {
    long requests;
    long ms;
    double serverCpuSeconds;
    double restCpuSeconds;
    double cpuSeconds;

    double rps() {
      return ms == 0 ? Double.NaN : requests * 1000.0 / ms;
    }

    double cpuMicrosPerRequest() {
      return requests == 0 ? Double.NaN : serverCpuSeconds * 1e6 / requests;
    }
  }

  private InterleavedReport() {}

  static List<Slot> readSlots(Path file) throws IOException {
    List<Slot> slots = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 5) {
        slots.add(new Slot(Integer.parseInt(f[0]), f[1], Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4])));
      }
    }
    return slots;
  }

  public static void main(String[] args) throws IOException {
    Properties p = new Properties();
    try (var in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
      p.load(in);
    }
    List<Slot> slots = readSlots(Path.of(p.getProperty("interleaved.slots")));
    Report.CpuSamples cpu = Report.CpuSamples.read(Path.of(p.getProperty("cpu.samples")),
        Double.parseDouble(p.getProperty("clk.tck", "100")));
    String text = render(p, slots, cpu);
    System.out.print(text);
    Files.writeString(Path.of(args[1]), text, StandardCharsets.UTF_8);
    if (slots.isEmpty() || slots.stream().anyMatch(s -> s.requests() == 0)) {
      System.err.println("interleaved report: a counted slot has no request (did a server stop answering?)");
      System.exit(1);
    }
  }

  static String render(Properties p, List<Slot> slots, Report.CpuSamples cpu) {
    Side gw = new Side();
    Side bare = new Side();
    for (Slot s : slots) {
      boolean isGateway = s.server().equals("gateway");
      Side side = isGateway ? gw : bare;
      side.requests += s.requests();
      side.ms += s.endMs() - s.startMs();
      // the samples inside the slot: this server's CPU, and the rest of the machine (the other server idles)
      Report.ServerCpu c = cpu.over(isGateway ? 1 : 2, s.startMs(), s.endMs());
      if (c.samples() >= 2) {
        side.cpuSeconds += c.seconds();
        side.serverCpuSeconds += c.cores() * c.seconds();
        side.restCpuSeconds += c.restCores() * c.seconds();
      }
    }
    // the CPU figures above cover the sampled part of each slot: scale them to the whole slot
    scale(gw);
    scale(bare);
    List<Double> pairRatios = new ArrayList<>();
    for (int i = 0; i + 1 < slots.size(); i += 2) {
      Slot g = slots.get(i);
      Slot b = slots.get(i + 1);
      if (g.server().equals("gateway") && b.server().equals("bare") && b.requests() > 0) {
        pairRatios.add(g.rps() / b.rps());
      }
    }
    Collections.sort(pairRatios);
    StringBuilder out = new StringBuilder();
    out.append("\n=== sourcegate benchmark: interleaved warm GetFile ===\n");
    out.append("run: ").append(p.getProperty("started", "?")).append(", sourcegate ").append(p.getProperty("git.rev", "?"))
        .append(", Gatling ").append(p.getProperty("gatling.version", "?")).append('\n');
    out.append("machine: ").append(p.getProperty("machine", "?")).append('\n');
    out.append("load: ").append(p.getProperty("users", "?")).append(" virtual users (closed model, keep-alive, one connection per"
        + " user to each server), one Gatling run; the gateway and the bare endpoint take turns of ")
        .append(p.getProperty("slot.s", "?")).append(" s (gateway first); ").append(p.getProperty("warmup.s", "?"))
        .append(" s of turns not counted, then ").append(p.getProperty("duration.s", "?")).append(" s counted\n");
    out.append("JVM flags: gateway ").append(p.getProperty("gateway.java.opts", "?")).append("; bare ")
        .append(p.getProperty("bare.java.opts", "?")).append('\n');
    out.append('\n');
    Report.Table t = new Report.Table("warm GetFile, counted slots", "gateway", "bare");
    t.row("slots counted", Integer.toString(count(slots, "gateway")), Integer.toString(count(slots, "bare")));
    t.row("time counted (s)", Report.f1(gw.ms / 1000.0), Report.f1(bare.ms / 1000.0));
    t.row("requests counted", String.format(Locale.ROOT, "%,d", gw.requests), String.format(Locale.ROOT, "%,d", bare.requests));
    t.row("throughput (req/s)", String.format(Locale.ROOT, "%,.1f", gw.rps()), String.format(Locale.ROOT, "%,.1f", bare.rps()));
    t.row("server CPU in its slots (cores)", Report.f2(cores(gw)), Report.f2(cores(bare)));
    t.row("server CPU per request (µs)", Report.f1(gw.cpuMicrosPerRequest()), Report.f1(bare.cpuMicrosPerRequest()));
    t.row("rest of machine in its slots: Gatling, others (cores)", Report.f2(restCores(gw)), Report.f2(restCores(bare)));
    out.append(t.render());
    out.append("(a request counts for the slot it started in if it also ended in it; server CPU: utime+stime of the\n"
        + " server's process between the first and the last 0.5 s sample inside each slot, scaled to the slot)\n\n");
    Report.Table f = new Report.Table("figure", "value");
    double ratio = gw.rps() / bare.rps();
    f.row("gateway / bare throughput (headline)", Report.pct(ratio) + "  (gateway " + String.format(Locale.ROOT, "%,.1f", gw.rps())
        + ", bare " + String.format(Locale.ROOT, "%,.1f", bare.rps()) + " req/s over their counted slots)");
    if (!pairRatios.isEmpty()) {
      f.row("  each pair of slots (gateway, then bare)", pairRatios.size() + " pairs: min " + Report.pct(pairRatios.get(0))
          + ", median " + Report.pct(Report.medianD(pairRatios)) + ", max " + Report.pct(pairRatios.get(pairRatios.size() - 1)));
    }
    f.row("server CPU per request", Report.f1(gw.cpuMicrosPerRequest()) + " µs gateway, " + Report.f1(bare.cpuMicrosPerRequest())
        + " µs bare  (" + Report.f2(gw.cpuMicrosPerRequest() / bare.cpuMicrosPerRequest()) + "x)");
    out.append(f.render());
    return out.toString();
  }

  private static void scale(Side s) {
    if (s.cpuSeconds > 0) {
      double k = (s.ms / 1000.0) / s.cpuSeconds;
      s.serverCpuSeconds *= k;
      s.restCpuSeconds *= k;
      s.cpuSeconds = s.ms / 1000.0;
    }
  }

  private static double cores(Side s) {
    return s.cpuSeconds == 0 ? Double.NaN : s.serverCpuSeconds / s.cpuSeconds;
  }

  private static double restCores(Side s) {
    return s.cpuSeconds == 0 ? Double.NaN : s.restCpuSeconds / s.cpuSeconds;
  }

  private static int count(List<Slot> slots, String server) {
    return (int) slots.stream().filter(s -> s.server().equals(server)).count();
  }
}
