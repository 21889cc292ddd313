package dev.sourcegate.ops;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Side-by-side micro benchmark of the access log: the string-building log this build replaced (Baseline,
 * below, as it was on main at 08aea6d) against AccessLog, in one JVM, alternating rounds (old, new, new,
 * old, ...). Each round: 2 producer threads (the event loops; a third argument changes how many: with 1,
 * the loops' share is a log call that no other loop collides with) log N lines each into a log whose stream
 * discards its bytes; a round ends when the writer has taken every line and gone back to sleep. Printed
 * per line: CPU of the producers and of the writer thread (ThreadMXBean), the process's CPU (JIT and GC
 * included), and lines per second of wall time. Not a test: run it by hand (README, "access log").
 *
 * <pre>
 * mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java -cp target/classes:target/test-classes:$(cat cp.txt) dev.sourcegate.ops.AccessLogBench [linesPerProducer] [pairs] [producers]
 * </pre>
 */
public final class AccessLogBench {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private AccessLogBench() {}

  /** What a round needs of either log. */
  private interface Log {
    void log(String tenant, String requestId, String method, String code, int status, double durationMs, boolean stale);

    int pending();

    long dropped();

    Thread writer();
  }

  /** Fields of realistic warm GetFile lines: a few tenants, distinct request ids, sub-millisecond durations. */
  private static final class Fields {
    final String[] tenants = {"acme-prod", "tenant-a", "team-observability", ""};
    final String[] requestIds = new String[4096];
    final double[] durations = new double[4096];

    Fields() {
      Random random = new Random(13);
      for (int i = 0; i < requestIds.length; i++) {
        // the gateway's own request ids are UUIDs (api/RequestIds)
        requestIds[i] = new java.util.UUID(random.nextLong(), random.nextLong()).toString();
        durations[i] = random.nextInt(10) == 0 ? 1 + random.nextDouble() * 40 : 0.02 + random.nextDouble() * 0.4;
      }
    }
  }

  private record Round(String name, long lines, long dropped, long producerNanos, long writerNanos, long processNanos, long wallNanos) {
    double threadsPerLine() {
      return (double) (producerNanos + writerNanos) / lines;
    }

    double linesPerSecond() {
      return lines * 1e9 / wallNanos;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%-4s %,10d lines (%d dropped)  threads %6.1f ns/line (loops %5.1f + writer %6.1f)  process %6.1f ns/line  %,12.0f lines/s",
          name, lines, dropped, threadsPerLine(), (double) producerNanos / lines, (double) writerNanos / lines,
          (double) processNanos / lines, linesPerSecond());
    }
  }

  private static Round round(String name, Log log, Fields f, int producerCount, int perProducer) throws InterruptedException {
    long droppedBefore = log.dropped();
    long writerBefore = THREADS.getThreadCpuTime(log.writer().getId());
    long processBefore = OS.getProcessCpuTime();
    long[] producerNanos = new long[producerCount];
    List<Thread> producers = new ArrayList<>();
    long start = System.nanoTime();
    for (int p = 0; p < producerCount; p++) {
      int id = p;
      Thread t = new Thread(() -> {
        long cpu = THREADS.getCurrentThreadCpuTime();
        int k = id * 1237;
        for (int i = 0; i < perProducer; i++) {
          // paced as an event loop is by its clients: never so far ahead of the writer that lines drop
          if ((i & 255) == 0) {
            while (log.pending() > AccessLog.CAPACITY / 2) {
              LockSupport.parkNanos(50_000);
            }
          }
          int j = (k + i) & 4095;
          log.log(f.tenants[j & 3], f.requestIds[j], "GetFile", "ok", 200, f.durations[j], (j & 63) == 0);
        }
        producerNanos[id] = THREADS.getCurrentThreadCpuTime() - cpu;
      }, "bench-loop-" + p);
      producers.add(t);
      t.start();
    }
    for (Thread t : producers) {
      t.join();
    }
    // done when the writer has taken every line and parked again (it parks only when it finds nothing)
    while (log.pending() > 0 || log.writer().getState() != Thread.State.TIMED_WAITING) {
      LockSupport.parkNanos(200_000);
    }
    long wall = System.nanoTime() - start;
    long dropped = log.dropped() - droppedBefore;
    return new Round(name, (long) producerCount * perProducer - dropped, dropped, Arrays.stream(producerNanos).sum(),
        THREADS.getThreadCpuTime(log.writer().getId()) - writerBefore, OS.getProcessCpuTime() - processBefore, wall);
  }

  private static PrintStream discarding() {
    return new PrintStream(OutputStream.nullOutputStream(), false, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static double median(List<Round> rounds, java.util.function.ToDoubleFunction<Round> f) {
    double[] v = rounds.stream().mapToDouble(f).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  public static void main(String[] args) throws Exception {
    int perProducer = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int producers = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    if (!THREADS.isThreadCpuTimeSupported()) {
      throw new IllegalStateException("this JVM does not measure per-thread CPU time");
    }
    THREADS.setThreadCpuTimeEnabled(true);
    Fields fields = new Fields();
    Baseline baseline = new Baseline(discarding());
    AccessLog current = new AccessLog(true, discarding());
    Thread currentWriter = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("sourcegate-access-log")).findFirst().orElseThrow();
    Log old = baseline;
    Log now = new Log() {
      @Override
      public void log(String tenant, String requestId, String method, String code, int status, double durationMs, boolean stale) {
        current.log(tenant, requestId, method, code, status, durationMs, stale);
      }

      @Override
      public int pending() {
        return current.pending();
      }

      @Override
      public long dropped() {
        return current.dropped();
      }

      @Override
      public Thread writer() {
        return currentWriter;
      }
    };
    System.out.printf(Locale.ROOT, "%d producers x %,d lines per round, %d pairs after one warm-up pair; %d cores%n",
        producers, perProducer, pairs, Runtime.getRuntime().availableProcessors());
    round("old", old, fields, producers, perProducer);
    round("new", now, fields, producers, perProducer);
    List<Round> olds = new ArrayList<>();
    List<Round> news = new ArrayList<>();
    for (int p = 0; p < pairs; p++) {
      // ABBA: whatever drifts during the run (other processes, the JIT) weighs on both alike
      boolean oldFirst = p % 2 == 0;
      Round first = oldFirst ? round("old", old, fields, producers, perProducer) : round("new", now, fields, producers, perProducer);
      Round second = oldFirst ? round("new", now, fields, producers, perProducer) : round("old", old, fields, producers, perProducer);
      System.out.println(first);
      System.out.println(second);
      (oldFirst ? olds : news).add(first);
      (oldFirst ? news : olds).add(second);
    }
    double oldThreads = median(olds, Round::threadsPerLine);
    double newThreads = median(news, Round::threadsPerLine);
    double oldLoops = median(olds, r -> (double) r.producerNanos() / r.lines());
    double newLoops = median(news, r -> (double) r.producerNanos() / r.lines());
    double oldWriter = median(olds, r -> (double) r.writerNanos() / r.lines());
    double newWriter = median(news, r -> (double) r.writerNanos() / r.lines());
    double oldProcess = median(olds, r -> (double) r.processNanos() / r.lines());
    double newProcess = median(news, r -> (double) r.processNanos() / r.lines());
    double oldRate = median(olds, Round::linesPerSecond);
    double newRate = median(news, Round::linesPerSecond);
    System.out.printf(Locale.ROOT, "median of %d rounds each          old        new    new/old%n", pairs);
    System.out.printf(Locale.ROOT, "threads CPU ns/line        %10.1f %10.1f %9.2fx%n", oldThreads, newThreads, newThreads / oldThreads);
    System.out.printf(Locale.ROOT, "  event loops ns/line      %10.1f %10.1f %9.2fx%n", oldLoops, newLoops, newLoops / oldLoops);
    System.out.printf(Locale.ROOT, "  writer ns/line           %10.1f %10.1f %9.2fx%n", oldWriter, newWriter, newWriter / oldWriter);
    System.out.printf(Locale.ROOT, "process CPU ns/line        %10.1f %10.1f %9.2fx%n", oldProcess, newProcess, newProcess / oldProcess);
    System.out.printf(Locale.ROOT, "lines/s                    %,10.0f %,10.0f %9.2fx%n", oldRate, newRate, newRate / oldRate);
  }

  /**
   * The access log as it was before lines were written as bytes (main at 08aea6d): a linked queue with a
   * counter for its bound, lines formatted into a StringBuilder with JsonText's text forms (unchanged), and
   * the batch copied char by char into bytes for the stream. Kept here only to be measured against.
   */
  private static final class Baseline implements Log {
    static final int CAPACITY = 16_384;
    static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private record Line(long epochMillis, String tenant, String requestId, String method, String code, int status,
        double durationMs, boolean stale) {}

    private final Queue<Line> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final LongAdder dropped = new LongAdder();
    private final PrintStream out;
    private final Thread writer;
    private byte[] bytes = new byte[64 * 1024];

    Baseline(PrintStream out) {
      this.out = out;
      writer = new Thread(this::drain, "baseline-access-log");
      writer.setDaemon(true);
      writer.start();
    }

    @Override
    public void log(String tenant, String requestId, String method, String code, int status, double durationMs, boolean stale) {
      if (queued.incrementAndGet() > CAPACITY) {
        queued.decrementAndGet();
        dropped.increment();
        return;
      }
      queue.offer(new Line(System.currentTimeMillis(), tenant, requestId, method, code, status, durationMs, stale));
    }

    private static void format(StringBuilder out, Line l) {
      out.append("{\"ts\":\"");
      JsonTextOracle.time(out, l.epochMillis());
      out.append("\",\"type\":\"access\",\"tenant\":");
      JsonText.string(out, l.tenant() == null ? "" : l.tenant());
      out.append(",\"requestId\":");
      JsonText.string(out, l.requestId());
      out.append(",\"method\":");
      JsonText.string(out, l.method());
      out.append(",\"code\":");
      JsonText.string(out, l.code());
      out.append(",\"status\":").append(l.status()).append(",\"durationMs\":");
      JsonTextOracle.millis(out, l.durationMs());
      if (l.stale()) {
        out.append(",\"stale\":true");
      }
      out.append('}');
    }

    @Override
    public long dropped() {
      return dropped.sum();
    }

    @Override
    public int pending() {
      return queued.get();
    }

    @Override
    public Thread writer() {
      return writer;
    }

    private void write(StringBuilder batch) {
      int n = batch.length();
      if (bytes.length < n + 1) {
        bytes = new byte[Math.max(n + 1, 2 * bytes.length)];
      }
      for (int i = 0; i < n; i++) {
        char c = batch.charAt(i);
        if (c >= 0x80) {
          out.print(batch.append('\n'));
          out.flush();
          return;
        }
        bytes[i] = (byte) c;
      }
      bytes[n] = '\n';
      out.write(bytes, 0, n + 1);
      out.flush();
    }

    private void drain() {
      StringBuilder batch = new StringBuilder(64 * 1024);
      while (!Thread.currentThread().isInterrupted()) {
        int lines = 0;
        Line line;
        while (lines < 1024 && (line = queue.poll()) != null) {
          if (lines > 0) {
            batch.append('\n');
          }
          format(batch, line);
          lines++;
        }
        if (lines == 0) {
          LockSupport.parkNanos(IDLE_PARK_NANOS);
          continue;
        }
        queued.addAndGet(-lines);
        try {
          write(batch);
        } catch (RuntimeException e) {
          dropped.add(lines);
        }
        batch.setLength(0);
      }
    }
  }
}
