package dev.sourcegate.loadtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The sidecar check: the gateway's peak resident memory over a whole benchmark (every gateway the run
 * started, sampled from /proc/PID/status by the run script into rss.tsv: "epochMillis pid rssKiB") against
 * the memory limit, and the requests that failed anywhere in the run (every Gatling report under the
 * given folder, plus the failures the drivers counted). Usage: MemoryVerdict rss.tsv LIMIT_MIB GATLING_DIR
 * DRIVER_FAILURES [out.txt]. Exit 1 when the peak reached the limit or a request failed.
 */
public final class MemoryVerdict {
  private MemoryVerdict() {}

  public static void main(String[] args) throws IOException {
    Path samples = Path.of(args[0]);
    long limitMiB = Long.parseLong(args[1]);
    Path gatling = Path.of(args[2]);
    long driverFailures = Long.parseLong(args[3]);
    List<long[]> rows = Files.readAllLines(samples, StandardCharsets.UTF_8).stream().map(String::trim)
        .filter(l -> l.matches("\\d+ \\d+ \\d+")).map(l -> Stream.of(l.split(" ")).mapToLong(Long::parseLong).toArray())
        .filter(r -> r[2] > 0).toList();
    long peakKiB = rows.stream().mapToLong(r -> r[2]).max().orElse(0);
    long gateways = rows.stream().mapToLong(r -> r[1]).distinct().count();
    long gatlingFailures = 0;
    long gatlingRequests = 0;
    if (Files.isDirectory(gatling)) {
      try (Stream<Path> files = Files.walk(gatling)) {
        for (Path stats : files.filter(f -> f.endsWith(Path.of("js", "stats.json"))).toList()) {
          Report.GatlingRun run = Report.GatlingRun.read(stats.getParent().getParent());
          gatlingFailures += run.global().ko();
          gatlingRequests += run.global().total();
        }
      }
    }
    boolean under = peakKiB > 0 && peakKiB < limitMiB * 1024;
    long failures = gatlingFailures + driverFailures;
    String text = String.format(Locale.ROOT, "%nSidecar check (-XX:MaxRAM=%dm): peak RSS %.1f MiB of %d MiB over %d samples"
        + " of %d gateway process(es), the whole run; %d of %,d Gatling requests failed, %d driver requests failed: %s%n",
        limitMiB, peakKiB / 1024.0, limitMiB, rows.size(), gateways, gatlingFailures, gatlingRequests, driverFailures,
        under && failures == 0 ? "PASS" : "FAIL");
    System.out.print(text);
    if (args.length > 4) {
      Files.writeString(Path.of(args[4]), text, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    }
    System.exit(under && failures == 0 ? 0 : 1);
  }
}
