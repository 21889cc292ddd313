package dev.sourcegate.loadtest;

import dev.sourcegate.demo.github.HistoryBuilder;
import dev.sourcegate.demo.github.SimRepository;
import dev.sourcegate.demo.github.SimulatedGitHub;
import dev.sourcegate.loadtest.ColdCases.SmallRepo;
import dev.sourcegate.loadtest.DataSet.Commit;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/** Loads the realistic history ({@link History}) and the cold cases' repositories into the simulated GitHub. */
final class ExtraRepos {
  private ExtraRepos() {}

  static void load(SimulatedGitHub github) {
    History h = History.get();
    SimRepository platform = github.repositories().repository(DataSet.OWNER, History.NAME)
        .describe("realistic history: 40 commits, each changing 3% of 2,000 files", "main");
    HistoryBuilder builder = new HistoryBuilder(platform);
    for (int c = 0; c < History.COMMITS; c++) {
      Map<String, byte[]> changed = new HashMap<>();
      for (int f : h.changedBy(c)) {
        changed.put(h.paths().get(f), h.content(f, c));
      }
      if (c == 0) {
        changed.put("go.mod", History.goMod());
      }
      builder.commit(h.commits().get(c).sha(), changed, commitJson(History.FULL_NAME, h.commits().get(c)));
    }
    h.branches().forEach((branch, c) -> platform.branch(branch, h.commits().get(c).sha()));

    for (SmallRepo r : ColdCases.repositories()) {
      SimRepository sim = github.repositories().repository(r.owner(), r.name()).describe("cold-case repository", "main");
      for (Commit c : r.commits()) {
        Map<String, byte[]> tree = new HashMap<>();
        r.files().keySet().forEach(p -> tree.put(p, r.content(p, c.sha())));
        sim.snapshot(c.sha(), tree, commitJson(r.fullName(), c));
      }
      sim.branch("main", r.commits().get(r.commits().size() - 1).sha());
    }
    github.repositories().repository("python", "cpython").tag(ColdCases.CPYTHON_TAG, ColdCases.CPYTHON_SHA);
  }

  /** One commit as GitHub's commits API shows it. */
  static JsonObject commitJson(String fullName, Commit c) {
    String login = c.login();
    JsonObject gitAuthor = new JsonObject()
        .put("name", login == null ? "Build Bot" : login)
        .put("email", (login == null ? "bot" : login) + "@acme.example")
        .put("date", c.date());
    return new JsonObject()
        .put("sha", c.sha())
        .put("node_id", "C_" + c.sha().substring(0, 12))
        .put("url", "https://api.github.com/repos/" + fullName + "/commits/" + c.sha())
        .put("html_url", DataSet.WEB + "/" + fullName + "/commit/" + c.sha())
        .put("commit", new JsonObject()
            .put("author", gitAuthor)
            .put("committer", gitAuthor.copy())
            .put("message", c.message())
            .put("comment_count", 0))
        .put("author", login == null ? null : new JsonObject()
            .put("login", login)
            .put("id", Math.abs(login.hashCode()))
            .put("avatar_url", "https://avatars.githubusercontent.com/u/" + Math.abs(login.hashCode()) + "?v=4")
            .put("type", "User"))
        .put("committer", null)
        .put("parents", new JsonArray());
  }
}
