package dev.sourcegate.loadtest.simulations;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.sourcegate.loadtest.DataSet;
import dev.sourcegate.loadtest.DataSet.FileRequest;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cold-path latency: one user, one request at a time, for files that no earlier simulation asked for (the
 * data set keeps them out of the hot set): a Go module-dependency file (module-cache path, resolved through
 * the repository's go.mod to acme/kit at v1.2.0) and a Java file mapped by function_name in .pyroscope.yaml,
 * alternately, each with a full-SHA ref (after three GetCommit calls that open the connection and warm
 * Gatling's own HTTP client, so that the first cold file does not pay for them). Every latency is also appended to
 * results.dir/cold-latencies.tsv (kind, status, ms, localPath, functionName). cold.count
 * [BENCH_COLD_COUNT] (default 8, at most 8) files of each kind; target.url [BENCH_TARGET_URL].
 */
public class ColdPathSimulation extends Simulation {
  private final int count = Math.min(DataSet.COLD_FILES_PER_KIND, Bench.intSetting("cold.count", "BENCH_COLD_COUNT", 8));
  private final Path out = Bench.resultsDir().resolve("cold-latencies.tsv");

  private List<Map<String, Object>> requests() {
    DataSet d = DataSet.get();
    List<Map<String, Object>> list = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      for (FileRequest r : List.of(d.coldGoModuleRequests().get(i), d.coldJavaRequests().get(i))) {
        String name = r.kind().equals("cold-go-module") ? "cold Go module file" : "cold Java mapped file";
        list.add(Map.of("name", name, "body", r.json(), "marker", r.marker(), "local", r.localPath(), "fn", r.functionName()));
      }
    }
    return list;
  }

  /** Opens the connection and warms Gatling's own HTTP stack with a commit lookup (no file is read). */
  private static String clientWarmUpBody() {
    DataSet.Repo shop = DataSet.get().repos().get("shop");
    return "{\"repositoryURL\":\"" + shop.url() + "\",\"ref\":\"" + shop.head().sha() + "\"}";
  }

  private final ScenarioBuilder cold = scenario("cold path, sequential")
      .repeat(3).on(exec(http("client warm-up (GetCommit)").post(Bench.GET_COMMIT).body(StringBody(clientWarmUpBody()))
          .check(status().is(200))))
      .foreach(requests(), "req").on(
          exec(session -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> r = (Map<String, Object>) session.get("req");
            return session.set("name", r.get("name")).set("body", r.get("body")).set("marker", r.get("marker"))
                .set("local", r.get("local")).set("fn", r.get("fn"));
          })
          .exec(http("#{name}").post(Bench.GET_FILE).body(StringBody("#{body}"))
              .check(status().saveAs("status"), responseTimeInMillis().saveAs("rt"))
              .check(status().is(200), Checks.rightFileFromSession()))
          .exec(session -> {
            Bench.appendLine(out, session.getString("name") + "\t" + session.getString("status") + "\t"
                + session.getString("rt") + "\t" + session.getString("local") + "\t" + session.getString("fn"));
            return session;
          }));

  {
    setUp(cold.injectOpen(atOnceUsers(1))).protocols(Bench.protocol());
  }
}
