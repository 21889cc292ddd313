package dev.sourcegate.loadtest.simulations;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.sourcegate.loadtest.BareEndpoint;
import dev.sourcegate.loadtest.DataSet;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The warm-up pass: every one of the 1,000 hot files exactly once (16 users share one counter), so that a
 * gateway with a cache has seen them all and the JIT has compiled the hot paths before the measured run.
 * Each answer must be byte for byte the bare endpoint's answer to that body ({@link BareEndpoint#answerFor}):
 * run against the gateway, this is the check that the bare endpoint writes what the gateway writes; a
 * difference is a failed request. Target: target.url [BENCH_TARGET_URL]; concurrency: warmup.users
 * [BENCH_WARMUP_USERS] (16).
 */
public class WarmUpSimulation extends Simulation {
  private final List<String> bodies = DataSet.get().hotRequests().stream().map(DataSet.FileRequest::json).toList();
  private final List<String> answers =
      DataSet.get().hotRequests().stream().map(r -> BareEndpoint.answerFor(DataSet.get(), r)).toList();
  private final AtomicInteger next = new AtomicInteger();

  private final ScenarioBuilder pass = scenario("warm-up pass over all hot files")
      .asLongAs(session -> next.get() < bodies.size()).on(
          exec(session -> {
            int i = next.getAndIncrement();
            return i < bodies.size() ? session.set("body", bodies.get(i)).set("answer", answers.get(i)) : session.remove("body");
          }).exitHereIf(session -> !session.contains("body"))
          .exec(http("GetFile warm-up").post(Bench.GET_FILE).body(StringBody("#{body}"))
              .check(status().is(200), bodyString().is(session -> session.getString("answer")))));

  {
    setUp(pass.injectOpen(atOnceUsers(Bench.intSetting("warmup.users", "BENCH_WARMUP_USERS", 16))))
        .protocols(Bench.protocol());
  }
}
