package dev.sourcegate.loadtest.simulations;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.sourcegate.loadtest.DataSet;
import dev.sourcegate.loadtest.Zipf;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Warm GetFile throughput and latency: a closed model of `users` virtual users (default 64), each on its
 * own keep-alive connection, sending GetFile back to back. Each call asks for one of the 1,000 hot files,
 * drawn from a Zipf law (exponent zipf.s, default 1.1: the top 10 files take ~40% of the calls, the top 100
 * ~66%). Each user first sends that load for `warmup.s` seconds under the request name "GetFile warm-up"
 * (not measured: it lets the JIT of the server under test and of this Gatling JVM reach steady state on the
 * same connections), then for `duration` seconds under the name "GetFile" (the measured phase).
 *
 * <p>The measured window runs from the moment the first user enters the measured phase to the moment the
 * last user leaves it; after the run its length in ms is written to results.dir/elapsed-LABEL.txt and its
 * bounds (epoch ms) to results.dir/window-LABEL.txt ("startMs endMs"), LABEL being bench.label [BENCH_LABEL].
 * Throughput = "GetFile" requests / that window.
 *
 * <p>Point target.url at the gateway or at the bare endpoint: the requests are the same, so the two runs
 * compare the gateway with the ceiling of a Vert.x server on this machine. Settings: target.url
 * [BENCH_TARGET_URL], users [BENCH_USERS], duration [BENCH_DURATION_S] (30), warmup.s [BENCH_WARMUP_S] (20;
 * 0: no warm-up phase), zipf.s [BENCH_ZIPF_S].
 */
public class WarmGetFileSimulation extends Simulation {
  static final String MEASURED = "GetFile";
  static final String WARM_UP = "GetFile warm-up";

  private final String[] bodies = DataSet.get().hotRequests().stream().map(DataSet.FileRequest::json).toArray(String[]::new);
  private final Zipf zipf = new Zipf(bodies.length, Double.parseDouble(Bench.setting("zipf.s", "BENCH_ZIPF_S", "1.1")));
  private final int users = Bench.intSetting("users", "BENCH_USERS", 64);
  private final Duration duration = Duration.ofSeconds(Bench.intSetting("duration", "BENCH_DURATION_S", 30));
  private final Duration warmUp = Duration.ofSeconds(Bench.intSetting("warmup.s", "BENCH_WARMUP_S", 20));

  /** Clock pair to turn System.nanoTime() into epoch ms (the CPU samples of the run script are epoch ms). */
  private final long epochMsAtOrigin = System.currentTimeMillis();
  private final long nanosAtOrigin = System.nanoTime();
  /** nanoTime when the first user entered the measured phase (Long.MAX_VALUE: none yet). */
  private final AtomicLong measuredStart = new AtomicLong(Long.MAX_VALUE);
  /** nanoTime when the last user left the measured phase (Long.MIN_VALUE: none yet). */
  private final AtomicLong measuredEnd = new AtomicLong(Long.MIN_VALUE);

  private ChainBuilder getFile(String name) {
    return exec(session -> session.set("body", bodies[zipf.sample()]))
        .exec(http(name).post(Bench.GET_FILE).body(StringBody("#{body}")).check(status().is(200)));
  }

  private ChainBuilder warmUpPhase() {
    return warmUp.isZero() ? exec(session -> session) : during(warmUp).on(getFile(WARM_UP));
  }

  private final ScenarioBuilder warm = scenario("warm GetFile, Zipf over " + bodies.length + " files")
      .exec(warmUpPhase())
      .exec(session -> {
        measuredStart.accumulateAndGet(System.nanoTime(), Math::min);
        return session;
      })
      .during(duration).on(getFile(MEASURED))
      .exec(session -> {
        measuredEnd.accumulateAndGet(System.nanoTime(), Math::max);
        return session;
      });

  {
    setUp(warm.injectOpen(atOnceUsers(users))).protocols(Bench.protocol());
  }

  private long epochMs(long nanos) {
    return epochMsAtOrigin + Math.round((nanos - nanosAtOrigin) / 1e6);
  }

  /** Writes the measured window: results.dir/elapsed-LABEL.txt (ms) and window-LABEL.txt (epoch ms bounds). */
  @Override
  public void after() {
    long start = measuredStart.get();
    long end = measuredEnd.get();
    String label = Bench.setting("bench.label", "BENCH_LABEL", "warm");
    long ms = start == Long.MAX_VALUE || end < start ? 0 : Math.round((end - start) / 1e6);
    try {
      Files.writeString(Bench.resultsDir().resolve("elapsed-" + label + ".txt"), ms + "\n", StandardCharsets.UTF_8);
      if (ms > 0) {
        Files.writeString(Bench.resultsDir().resolve("window-" + label + ".txt"),
            epochMs(start) + " " + epochMs(end) + "\n", StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
