package dev.sourcegate.loadtest.simulations;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.sourcegate.loadtest.DataSet;
import dev.sourcegate.loadtest.Zipf;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * Warm GetFile throughput and latency: a closed model of `users` virtual users (default 64), each on its
 * own keep-alive connection, sending GetFile back to back for `duration` seconds (default 30). Each call
 * asks for one of the 1,000 hot files, drawn from a Zipf law (exponent zipf.s, default 1.1: the top 10 files
 * take ~40% of the calls, the top 100 ~66%). Point target.url at the gateway or at the bare endpoint: the
 * requests are the same, so the two runs compare the gateway with the ceiling of a Vert.x server on this
 * machine. Settings: target.url [BENCH_TARGET_URL], users [BENCH_USERS], duration [BENCH_DURATION_S],
 * zipf.s [BENCH_ZIPF_S].
 */
public class WarmGetFileSimulation extends Simulation {
  private final String[] bodies = DataSet.get().hotRequests().stream().map(DataSet.FileRequest::json).toArray(String[]::new);
  private final Zipf zipf = new Zipf(bodies.length, Double.parseDouble(Bench.setting("zipf.s", "BENCH_ZIPF_S", "1.1")));
  private final int users = Bench.intSetting("users", "BENCH_USERS", 64);
  private final Duration duration = Duration.ofSeconds(Bench.intSetting("duration", "BENCH_DURATION_S", 30));

  private final ScenarioBuilder warm = scenario("warm GetFile, Zipf over " + bodies.length + " files")
      .during(duration).on(
          exec(session -> session.set("body", bodies[zipf.sample()]))
              .exec(http("GetFile").post(Bench.GET_FILE).body(StringBody("#{body}")).check(status().is(200))));

  private long startedNanos;

  {
    setUp(warm.injectOpen(atOnceUsers(users))).protocols(Bench.protocol());
  }

  @Override
  public void before() {
    startedNanos = System.nanoTime();
  }

  /** Writes the run's wall time (results.dir/elapsed-LABEL.txt, label: bench.label [BENCH_LABEL]). */
  @Override
  public void after() {
    long ms = (System.nanoTime() - startedNanos) / 1_000_000;
    String label = Bench.setting("bench.label", "BENCH_LABEL", "warm");
    try {
      java.nio.file.Files.writeString(Bench.resultsDir().resolve("elapsed-" + label + ".txt"), ms + "\n");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
