package dev.sourcegate.loadtest.simulations;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.sourcegate.loadtest.DataSet;
import dev.sourcegate.loadtest.DataSet.Commit;
import dev.sourcegate.loadtest.DataSet.FileRequest;
import dev.sourcegate.loadtest.DataSet.Repo;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.util.ArrayList;
import java.util.List;

/**
 * The CI smoke test (a few seconds): a handful of users each run every kind of request once per round:
 * GetFile of each language and rule of the data set (Go own file, Go module-cache file, Python mapped by
 * .pyroscope.yaml, Python relative under rootPath, Java mapped by function_name, Go module and Java files of
 * the cold set), GetCommit by full SHA, by branch, by tag and for a commit without a linked GitHub user,
 * and GetCommits. Every answer must be 200 with the right content; the assertion fails the run (and
 * `run-benchmarks.sh --smoke`) on any failed request. Settings: target.url [BENCH_TARGET_URL],
 * smoke.users [BENCH_SMOKE_USERS] (4), smoke.rounds [BENCH_SMOKE_ROUNDS] (3).
 */
public class SmokeSimulation extends Simulation {
  private final DataSet data = DataSet.get();

  private ChainBuilder getFile(FileRequest r) {
    return exec(http("GetFile " + r.kind()).post(Bench.GET_FILE).body(StringBody(r.json()))
        .check(status().is(200), Checks.rightFile(r), jsonPath("$.URL").exists()));
  }

  private ChainBuilder getCommit(String name, Repo repo, String ref, Commit expected) {
    String body = "{\"repositoryURL\":\"" + repo.url() + "\",\"ref\":\"" + ref + "\"}";
    var req = http(name).post(Bench.GET_COMMIT).body(StringBody(body))
        .check(status().is(200),
            jsonPath("$.sha").is(expected.sha()),
            jsonPath("$.message").is(expected.message()),
            jsonPath("$.date").exists(),
            jsonPath("$.URL").is(repo.url() + "/commit/" + expected.sha()),
            jsonPath("$.author").exists());
    if (expected.login() != null) {
      req = req.check(jsonPath("$.author.login").is(expected.login()), jsonPath("$.author.avatarURL").exists());
    } else {
      req = req.check(jsonPath("$.author.login").notExists());
    }
    return exec(req);
  }

  private ChainBuilder getCommits(Repo repo) {
    List<String> refs = new ArrayList<>();
    for (Commit c : repo.commits()) {
      refs.add(c.sha());
    }
    refs.add("main");
    StringBuilder body = new StringBuilder("{\"repositoryUrl\":\"" + repo.url() + "\",\"refs\":[");
    for (int i = 0; i < refs.size(); i++) {
      body.append(i == 0 ? "" : ",").append('"').append(refs.get(i)).append('"');
    }
    body.append("]}");
    return exec(http("GetCommits").post(Bench.GET_COMMITS).body(StringBody(body.toString()))
        .check(status().is(200),
            jsonPath("$.commits[*].sha").count().is(refs.size()),
            jsonPath("$.commits[0].sha").is(repo.commits().get(0).sha()),
            jsonPath("$.commits[" + (refs.size() - 1) + "].sha").is(repo.head().sha())));
  }

  private ChainBuilder round() {
    List<ChainBuilder> steps = new ArrayList<>();
    for (FileRequest r : data.oneOfEachKind()) {
      steps.add(getFile(r));
    }
    steps.add(getFile(data.coldGoModuleRequests().get(0)));
    steps.add(getFile(data.coldJavaRequests().get(0)));
    Repo checkout = data.repos().get("checkout");
    Repo kit = data.repos().get("kit");
    steps.add(getCommit("GetCommit full SHA", checkout, checkout.commits().get(2).sha(), checkout.commits().get(2)));
    steps.add(getCommit("GetCommit branch", checkout, "main", checkout.head()));
    steps.add(getCommit("GetCommit tag", kit, DataSet.KIT_VERSION, kit.resolve(DataSet.KIT_VERSION)));
    for (Repo repo : data.repos().values()) {
      for (Commit c : repo.commits()) {
        if (c.login() == null) {
          steps.add(getCommit("GetCommit unlinked author", repo, c.sha(), c));
          break;
        }
      }
    }
    steps.add(getCommits(data.repos().get("shop")));
    return exec(steps);
  }

  private final int users = Bench.intSetting("smoke.users", "BENCH_SMOKE_USERS", 4);
  private final int rounds = Bench.intSetting("smoke.rounds", "BENCH_SMOKE_ROUNDS", 3);

  private final ScenarioBuilder smoke = scenario("smoke: every request kind").repeat(rounds).on(round());

  {
    setUp(smoke.injectOpen(atOnceUsers(users)))
        .protocols(Bench.protocol())
        .maxDuration(java.time.Duration.ofSeconds(30))
        .assertions(
            global().failedRequests().count().is(0L),
            global().successfulRequests().count().gt(0L));
  }
}
