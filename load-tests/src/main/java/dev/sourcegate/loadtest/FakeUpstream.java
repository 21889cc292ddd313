package dev.sourcegate.loadtest;

import dev.sourcegate.loadtest.DataSet.Commit;
import dev.sourcegate.loadtest.DataSet.Repo;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A fake GitHub REST API on loopback for the benchmarks, serving {@link DataSet}:
 *
 * <ul>
 *   <li>{@code GET /repos/{o}/{r}/contents/{path}?ref=R}: the contents API (base64 JSON, or the raw bytes
 *       for {@code Accept: application/vnd.github.raw+json}); 404 {"message":"Not Found"} when missing.</li>
 *   <li>{@code GET /repos/{o}/{r}/commits/{ref}}: one commit, with an ETag; If-None-Match answers 304.</li>
 *   <li>{@code GET /repos/{o}/{r}}: the repository ({"private":false,...}), with an ETag and 304.</li>
 *   <li>{@code GET /__stats} ({"requests": N, ...}) and {@code POST /__stats/reset}: counters of every
 *       GitHub call (the stats calls themselves are not counted); {@code GET /__stats/notfound}: the 50
 *       most frequent 404s ("owner/repo:path@ref"), to see which misses a cache does not absorb.</li>
 * </ul>
 *
 * Every GitHub call is answered after a delay (default 50 ms; {@code --delay-ms} or FAKE_DELAY_MS) taken
 * with a Vert.x timer, so no thread ever sleeps. Options: {@code --port P} (default: a free port),
 * {@code --port-file F} (the port is written there once listening), {@code --instances N} (event loops,
 * default 2), {@code --rate-limit N} (the X-RateLimit-Limit it advertises; default 1e9 so a benchmark is
 * never throttled).
 */
public final class FakeUpstream {
  private static final String RAW = "application/vnd.github.raw";

  /** Shared by every event-loop instance. */
  static final class State {
    final DataSet data = DataSet.get();
    final long delayMs;
    final long rateLimit;
    final AtomicLong requests = new AtomicLong();
    final LongAdder contents = new LongAdder();
    final LongAdder commits = new LongAdder();
    final LongAdder repos = new LongAdder();
    final LongAdder other = new LongAdder();
    final LongAdder notFound = new LongAdder();
    final LongAdder notModified = new LongAdder();
    final Map<String, Buffer> rendered = new ConcurrentHashMap<>();
    /** 404 answers by "owner/repo:path@ref" (contents) or "owner/repo commit ref" (commits). */
    final Map<String, LongAdder> notFoundByKey = new ConcurrentHashMap<>();
    /** The fault phase's injected faults (none unless POST /__faults sets them). */
    final InjectedFaults faults = new InjectedFaults();

    State(long delayMs, long rateLimit) {
      this.delayMs = delayMs;
      this.rateLimit = rateLimit;
    }

    JsonObject stats() {
      return new JsonObject()
          .put("requests", requests.get())
          .put("contents", contents.sum())
          .put("commits", commits.sum())
          .put("repos", repos.sum())
          .put("other", other.sum())
          .put("notFound", notFound.sum())
          .put("notModified", notModified.sum())
          .put("delayMs", delayMs);
    }

    /** The most frequent 404s, most frequent first. */
    JsonObject topNotFound(int limit) {
      JsonArray top = new JsonArray();
      notFoundByKey.entrySet().stream()
          .sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
          .limit(limit)
          .forEach(e -> top.add(new JsonObject().put("what", e.getKey()).put("count", e.getValue().sum())));
      return new JsonObject().put("distinct", notFoundByKey.size()).put("top", top);
    }

    void reset() {
      notFoundByKey.clear();
      requests.set(0);
      contents.reset();
      commits.reset();
      repos.reset();
      other.reset();
      notFound.reset();
      notModified.reset();
    }
  }

  static final class Server extends VerticleBase {
    private final State state;
    private final int port;
    private HttpServer server;

    Server(State state, int port) {
      this.state = state;
      this.port = port;
    }

    @Override
    public Future<?> start() {
      server = vertx.createHttpServer(new HttpServerOptions().setIdleTimeout(120)).requestHandler(this::handle);
      // a negative port: every instance shares one free port that the first one picks
      return server.listen(port == 0 ? -1 : port, "127.0.0.1");
    }

    int actualPort() {
      return server.actualPort();
    }

    private void handle(HttpServerRequest req) {
      String path = req.path();
      if (path.startsWith("/__stats")) {
        if (path.equals("/__stats/reset") && req.method() == HttpMethod.POST) {
          state.reset();
          json(req.response(), 200, state.stats().encode(), null);
        } else if (path.equals("/__stats")) {
          json(req.response(), 200, state.stats().encode(), null);
        } else if (path.equals("/__stats/notfound")) {
          json(req.response(), 200, state.topNotFound(50).encode(), null);
        } else {
          json(req.response(), 404, "{\"message\":\"Not Found\"}", null);
        }
        return;
      }
      if (path.equals("/__faults")) {
        if (req.method() == HttpMethod.POST) {
          state.faults.configure(req);
        }
        json(req.response(), 200, state.faults.stats().encode(), null);
        return;
      }
      if (path.equals("/readyz")) {
        req.response().end("ok\n");
        return;
      }
      long n = state.requests.incrementAndGet();
      Answer answer;
      try {
        answer = route(req);
      } catch (RuntimeException e) {
        answer = new Answer(500, "{\"message\":\"fake upstream failed: " + e.getClass().getSimpleName() + "\"}", null, null);
      }
      if (answer.status == 404) {
        state.notFound.increment();
        String what = req.path().replaceFirst("^/repos/", "").replace("/contents/", ":")
            + (req.getParam("ref") == null ? "" : "@" + req.getParam("ref"));
        state.notFoundByKey.computeIfAbsent(what, k -> new LongAdder()).increment();
      } else if (answer.status == 304) {
        state.notModified.increment();
      }
      Answer a = injected(state.faults.pick(req), answer);
      if (a == null) {
        // a reset: the connection is closed instead of answered, after the same delay
        Runnable close = () -> req.connection().close();
        if (state.delayMs > 0) {
          vertx.setTimer(state.delayMs, id -> close.run());
        } else {
          close.run();
        }
        return;
      }
      Runnable send = () -> {
        HttpServerResponse res = req.response();
        res.putHeader("X-RateLimit-Limit", Long.toString(state.rateLimit))
            .putHeader("X-RateLimit-Remaining", Long.toString(Math.max(0, state.rateLimit - n)))
            .putHeader("X-RateLimit-Used", Long.toString(n))
            .putHeader("X-RateLimit-Reset", Long.toString(System.currentTimeMillis() / 1000 + 3600))
            .putHeader("X-RateLimit-Resource", "core")
            .putHeader("X-GitHub-Api-Version-Selected", "2022-11-28");
        if (a.etag != null) {
          res.putHeader("ETag", a.etag);
        }
        if (a.status == 304) {
          res.setStatusCode(304).end();
        } else if (a.raw != null) {
          res.setStatusCode(a.status).putHeader("Content-Type", "application/vnd.github.raw+json; charset=utf-8").end(a.raw);
        } else {
          json(res, a.status, a.body, null);
        }
      };
      if (state.delayMs > 0) {
        vertx.setTimer(state.delayMs, id -> send.run());
      } else {
        send.run();
      }
    }

    private record Answer(int status, Object body, String etag, Buffer raw) {}

    /** The answer a fault turns the real one into; null: close the connection instead. */
    private static Answer injected(InjectedFaults.Fault fault, Answer real) {
      return switch (fault) {
        case NONE -> real;
        case RESET -> null;
        case BAD_GATEWAY -> new Answer(502, "{\"message\":\"Server Error\"}", null, null);
        case REPOSITORY_DOWN -> new Answer(500, "{\"message\":\"Server Error\"}", null, null);
      };
    }

    private Answer route(HttpServerRequest req) {
      if (req.method() != HttpMethod.GET && req.method() != HttpMethod.HEAD) {
        state.other.increment();
        return notFound();
      }
      String[] seg = req.path().split("/", -1);
      // "", "repos", owner, repo, ...
      if (seg.length < 4 || !seg[1].equals("repos")) {
        state.other.increment();
        return notFound();
      }
      Repo repo = state.data.repo(decode(seg[2]), decode(seg[3]));
      if (seg.length == 4 || (seg.length == 5 && seg[4].isEmpty())) {
        state.repos.increment();
        return repo == null ? notFound() : repository(req, repo);
      }
      String kind = seg[4];
      String rest = join(seg, 5);
      if (kind.equals("contents")) {
        state.contents.increment();
        return repo == null ? notFound() : contents(req, repo, rest);
      }
      if (kind.equals("commits") && !rest.isEmpty()) {
        state.commits.increment();
        return repo == null ? notFound() : commit(req, repo, rest);
      }
      state.other.increment();
      return notFound();
    }

    private Answer repository(HttpServerRequest req, Repo repo) {
      String etag = "W/\"" + DataSet.sha1Hex("repo " + repo.fullName()) + "\"";
      if (matches(req.headers(), etag)) {
        return new Answer(304, null, etag, null);
      }
      JsonObject json = new JsonObject()
          .put("id", Math.abs(repo.fullName().hashCode()))
          .put("node_id", "R_" + repo.name())
          .put("name", repo.name())
          .put("full_name", repo.fullName())
          .put("private", false)
          .put("owner", new JsonObject().put("login", DataSet.OWNER).put("type", "Organization"))
          .put("html_url", repo.url())
          .put("description", "synthetic repository for sourcegate benchmarks")
          .put("fork", false)
          .put("default_branch", "main")
          .put("visibility", "public");
      return new Answer(200, json, etag, null);
    }

    private Answer commit(HttpServerRequest req, Repo repo, String ref) {
      Commit c = repo.resolve(ref);
      if (c == null) {
        return new Answer(404, new JsonObject().put("message", "No commit found for SHA: " + ref)
            .put("documentation_url", "https://docs.github.com/rest/commits/commits#get-a-commit"), null, null);
      }
      String etag = "W/\"" + DataSet.sha1Hex("commit-etag " + c.sha()) + "\"";
      if (matches(req.headers(), etag)) {
        return new Answer(304, null, etag, null);
      }
      JsonObject gitAuthor = new JsonObject()
          .put("name", c.login() == null ? "Build Bot" : c.login())
          .put("email", (c.login() == null ? "bot" : c.login()) + "@acme.example")
          .put("date", c.date());
      JsonObject json = new JsonObject()
          .put("sha", c.sha())
          .put("node_id", "C_" + c.sha().substring(0, 12))
          .put("url", "https://api.github.com/repos/" + repo.fullName() + "/commits/" + c.sha())
          .put("html_url", repo.url() + "/commit/" + c.sha())
          .put("commit", new JsonObject()
              .put("author", gitAuthor)
              .put("committer", gitAuthor.copy())
              .put("message", c.message())
              .put("comment_count", 0))
          .put("author", c.login() == null ? null : new JsonObject()
              .put("login", c.login())
              .put("id", Math.abs(c.login().hashCode()))
              .put("avatar_url", "https://avatars.githubusercontent.com/u/" + Math.abs(c.login().hashCode()) + "?v=4")
              .put("type", "User"))
          .put("committer", null)
          .put("parents", new JsonArray())
          .put("stats", new JsonObject().put("total", 12).put("additions", 8).put("deletions", 4))
          .put("files", new JsonArray());
      return new Answer(200, json, etag, null);
    }

    private Answer contents(HttpServerRequest req, Repo repo, String path) {
      String ref = req.getParam("ref");
      Commit c = repo.resolve(ref);
      if (c == null) {
        return new Answer(404, new JsonObject().put("message", "No commit found for the ref " + ref)
            .put("documentation_url", "https://docs.github.com/rest/repos/contents#get-repository-content"), null, null);
      }
      String shownRef = ref == null || ref.isEmpty() ? "main" : ref;
      String accept = req.getHeader("Accept");
      boolean raw = accept != null && accept.contains(RAW);
      String key = repo.name() + '\0' + c.sha() + '\0' + path + '\0' + shownRef + (raw ? "\0raw" : "");
      Buffer cached = state.rendered.get(key);
      String blobEtag = "\"" + DataSet.sha1Hex(key) + "\"";
      if (cached == null) {
        byte[] bytes = state.data.content(repo, path, c.sha());
        if (bytes == null) {
          return notFound();
        }
        if (raw) {
          cached = Buffer.buffer(bytes);
        } else {
          String name = path.substring(path.lastIndexOf('/') + 1);
          String blobSha = DataSet.sha1Hex("blob " + bytes.length + "\0" + new String(bytes, StandardCharsets.UTF_8));
          String apiUrl = "https://api.github.com/repos/" + repo.fullName() + "/contents/" + path + "?ref=" + shownRef;
          JsonObject json = new JsonObject()
              .put("name", name)
              .put("path", path)
              .put("sha", blobSha)
              .put("size", bytes.length)
              .put("url", apiUrl)
              .put("html_url", repo.url() + "/blob/" + shownRef + "/" + path)
              .put("git_url", "https://api.github.com/repos/" + repo.fullName() + "/git/blobs/" + blobSha)
              .put("download_url", "https://raw.githubusercontent.com/" + repo.fullName() + "/" + shownRef + "/" + path)
              .put("type", "file")
              .put("content", Base64.getMimeEncoder(60, new byte[] {'\n'}).encodeToString(bytes) + "\n")
              .put("encoding", "base64");
          cached = json.toBuffer();
        }
        state.rendered.putIfAbsent(key, cached);
      }
      if (matches(req.headers(), blobEtag)) {
        return new Answer(304, null, blobEtag, null);
      }
      return raw ? new Answer(200, null, blobEtag, cached) : new Answer(200, cached, blobEtag, null);
    }

    private static boolean matches(MultiMap headers, String etag) {
      String inm = headers.get("If-None-Match");
      if (inm == null) {
        return false;
      }
      String strong = etag.startsWith("W/") ? etag.substring(2) : etag;
      for (String t : inm.split(",")) {
        String v = t.trim();
        if (v.equals("*") || v.equals(etag) || v.equals(strong) || (v.startsWith("W/") && v.substring(2).equals(strong))) {
          return true;
        }
      }
      return false;
    }

    private static Answer notFound() {
      return new Answer(404, new JsonObject().put("message", "Not Found")
          .put("documentation_url", "https://docs.github.com/rest"), null, null);
    }
  }

  static void json(HttpServerResponse res, int status, Object body, String etag) {
    res.setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8");
    if (body instanceof Buffer b) {
      res.end(b);
    } else if (body instanceof JsonObject j) {
      res.end(j.toBuffer());
    } else {
      res.end(String.valueOf(body));
    }
  }

  private static String join(String[] seg, int from) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < seg.length; i++) {
      if (sb.length() > 0) {
        sb.append('/');
      }
      sb.append(decode(seg[i]));
    }
    return sb.toString();
  }

  private static String decode(String s) {
    return s.indexOf('%') < 0 ? s : URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  public static void main(String[] args) throws Exception {
    Args a = new Args(args);
    long delay = a.longOpt("--delay-ms", envLong("FAKE_DELAY_MS", 50));
    long rateLimit = a.longOpt("--rate-limit", envLong("FAKE_RATE_LIMIT", 1_000_000_000L));
    int instances = (int) a.longOpt("--instances", 2);
    int port = (int) a.longOpt("--port", 0);
    State state = new State(delay, rateLimit);
    // build the data set before listening so that the first request is not slowed by it
    DataSet d = state.data;
    Vertx vertx = Vertx.vertx();
    java.util.List<Server> servers = new java.util.concurrent.CopyOnWriteArrayList<>();
    vertx.deployVerticle(() -> {
      Server s = new Server(state, port);
      servers.add(s);
      return s;
    }, new DeploymentOptions().setInstances(instances)).await();
    int actual = servers.get(0).actualPort();
    System.out.println("fake upstream listening on 127.0.0.1:" + actual + " (delay " + delay + " ms, "
        + d.repos().size() + " repositories, " + d.totalCommits() + " commits, " + d.totalFiles() + " files)");
    a.writePortFile(actual);
  }

  static long envLong(String name, long dflt) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? dflt : Long.parseLong(v.trim());
  }
}
