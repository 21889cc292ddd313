package dev.sourcegate.loadtest.simulations;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.doIfOrElse;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.sourcegate.loadtest.DataSet;
import dev.sourcegate.loadtest.Zipf;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.List;

/**
 * One phase of the fault benchmark: `users` virtual users (default 64) send GetFile back to back over
 * the 1,000 hot files (Zipf, as in the warm runs) for `warmup.s` un-measured seconds, then `duration`
 * measured seconds. The gateway under test runs with its cache off, so that every GetFile calls the fake
 * GitHub, which the run script tells which faults to inject.
 *
 * <p>With fault.repo [BENCH_FAULT_REPO] set (owner/name), requests that read that repository are named
 * "GetFile failing repository" and may fail; every other request is named "GetFile" and must answer 200
 * with the right file, so Gatling's "GetFile" KO count is the failures of the healthy repositories.
 */
public class FaultPhaseSimulation extends Simulation {
  static final String HEALTHY = "GetFile";
  static final String FAILING = "GetFile failing repository";
  static final String WARM_UP = "GetFile warm-up";

  private final List<DataSet.FileRequest> requests = DataSet.get().hotRequests();
  private final String failRepo = Bench.setting("fault.repo", "BENCH_FAULT_REPO", "");
  private final Zipf zipf = new Zipf(requests.size(), Double.parseDouble(Bench.setting("zipf.s", "BENCH_ZIPF_S", "1.1")));
  private final int users = Bench.intSetting("users", "BENCH_USERS", 64);
  private final Duration duration = Duration.ofSeconds(Bench.intSetting("duration", "BENCH_DURATION_S", 45));
  private final Duration warmUp = Duration.ofSeconds(Bench.intSetting("warmup.s", "BENCH_WARMUP_S", 10));

  private boolean readsFailingRepo(DataSet.FileRequest r) {
    return !failRepo.isEmpty() && (r.expectRepo().equalsIgnoreCase(failRepo)
        || r.repositoryURL().toLowerCase().endsWith("/" + failRepo.toLowerCase()));
  }

  private ChainBuilder getFile(String healthyName) {
    return exec(session -> {
          DataSet.FileRequest r = requests.get(zipf.sample());
          return session.set("body", r.json()).set("marker", r.marker()).set("failing", readsFailingRepo(r));
        })
        .exec(doIfOrElse("#{failing}")
            .then(exec(http(FAILING).post(Bench.GET_FILE).body(StringBody("#{body}"))
                .check(status().in(200, 404, 429, 500, 502, 503, 504))))
            .orElse(exec(http(healthyName).post(Bench.GET_FILE).body(StringBody("#{body}"))
                .check(status().is(200), Checks.rightFileFromSession()))));
  }

  private final ScenarioBuilder load = scenario("GetFile under injected faults")
      .exec(warmUp.isZero() ? exec(session -> session) : during(warmUp).on(getFile(WARM_UP)))
      .during(duration).on(getFile(HEALTHY));

  {
    setUp(load.injectOpen(atOnceUsers(users))).protocols(Bench.protocol());
  }
}
