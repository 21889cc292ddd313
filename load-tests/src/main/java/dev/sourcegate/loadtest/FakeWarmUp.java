package dev.sourcegate.loadtest;

import dev.sourcegate.demo.github.HistoryBuilder;
import dev.sourcegate.demo.github.SimulatedGitHub;
import dev.sourcegate.loadtest.DataSet.Commit;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the simulated GitHub's own request path until the JIT has compiled it, before the benchmark
 * starts: graphql-java parsing, validating and executing queries of the shapes the gateway sends
 * (a GetFile batch with a root listing, a blob by oid, GetCommit's three ref spellings) and the REST reads
 * the gateway falls back to. Without it the first measured trials found the fake's code interpreted: its
 * own time per query was 10-85 ms on top of the fixed delay (281 ms for the first), an artifact the
 * cold figures then reported as the gateway's; real GitHub's fixed delay is what the benchmark models.
 *
 * <p>Everything is asked of a repository of its own ({@link #OWNER}/{@link #NAME}: three commits over
 * the realistic history's 2,000 paths, sharing its arrays), which no measured request reads, with a token
 * of its own; the fake keeps no cache, so nothing here makes a measured call cheaper but the compiled
 * code. A fixed number of rounds, not a time: the same work on every machine.
 */
final class FakeWarmUp {
  static final String OWNER = "bench-warm-up";
  static final String NAME = "history";
  private static final String TOKEN = "bench-warm-up";
  private static final int COMMITS = 3;
  private static final String BLOB = "fragment blob on Blob { oid byteSize isBinary isTruncated text }";
  private static final String COMMIT = "fragment commit on Commit { oid message committedDate url author { name email"
      + " date avatarUrl user { login avatarUrl } } }";

  private final History history = History.get();
  private final List<String> shas = new ArrayList<>();
  private final List<String> blobIds = new ArrayList<>();

  /** Adds the warm-up repository to github. */
  FakeWarmUp load(SimulatedGitHub github) {
    HistoryBuilder builder = new HistoryBuilder(github.repositories().repository(OWNER, NAME)
        .describe("the simulated GitHub's own JIT warm-up", "main"));
    for (int c = 0; c < COMMITS; c++) {
      Commit commit = new Commit(DataSet.sha1Hex("warm-up commit " + c), "Warm-up " + c, "2026-01-0" + (c + 1)
          + "T10:00:00Z", c == 0 ? null : "alice");
      Map<String, byte[]> changed = new HashMap<>();
      int[] files = c == 0 ? allFiles() : history.changedBy(c);
      for (int f : files) {
        changed.put(history.paths().get(f), history.content(f, c));
      }
      builder.commit(commit.sha(), changed, ExtraRepos.commitJson(OWNER + "/" + NAME, commit));
      shas.add(commit.sha());
    }
    for (int f = 0; f < 10; f++) {
      blobIds.add(dev.sourcegate.source.GitBlobId.of(history.content(f, 0)));
    }
    builder.repository().branch("main", builder.head()).tag("v0.0.1", shas.get(0)).branch("release", shas.get(1));
    return this;
  }

  private int[] allFiles() {
    int[] all = new int[History.FILES];
    Arrays.setAll(all, i -> i);
    return all;
  }

  /**
   * rounds rounds of every shape, one request at a time; prints the GetFile-shaped query's own time
   * (loopback, no delay) for the first round and the median of the last ten.
   */
  void run(Vertx vertx, SimulatedGitHub github, int rounds) {
    WebClient client = WebClient.create(vertx);
    try {
      long began = System.nanoTime();
      List<Double> batchMs = new ArrayList<>();
      int tail = Math.min(50, rounds);
      long tailCpu = 0;
      for (int i = 0; i < rounds; i++) {
        if (i == rounds - tail) {
          tailCpu = processCpuNanos();
        }
        long start = System.nanoTime();
        graphQl(client, github, getFileBatch(i));
        batchMs.add((System.nanoTime() - start) / 1e6);
        graphQl(client, github, blobByOid(i));
        graphQl(client, github, getCommit(i));
        String path = history.paths().get(i % History.FILES);
        expectOk(client.getAbs(github.apiUrl() + "/repos/" + OWNER + "/" + NAME + "/contents/" + path + "?ref="
            + shas.get(i % COMMITS)).putHeader("Authorization", "bearer " + TOKEN)
            .putHeader("Accept", "application/vnd.github.raw+json").send().await(), path);
        expectOk(client.getAbs(github.apiUrl() + "/repos/" + OWNER + "/" + NAME + "/commits/" + shas.get(i % COMMITS))
            .putHeader("Authorization", "bearer " + TOKEN).send().await(), "commit");
      }
      StringBuilder curve = new StringBuilder();
      for (int end : new int[] {10, 20, 50, 100, 200, 300, 400, 600, 800}) {
        if (end > rounds) {
          break;
        }
        curve.append(String.format(" rounds %d-%d %.1f;", end - 9, end, median(batchMs.subList(end - 10, end))));
      }
      System.out.printf("fake warm-up: %d rounds in %.1f s; a GetFile-shaped query took %.1f ms in the first round,"
          + " then (median of ten):%s last ten %.1f ms; CPU of the whole process per round (5 requests) over the"
          + " last %d: %.1f ms%n", rounds, (System.nanoTime() - began) / 1e9, batchMs.get(0), curve,
          median(batchMs.subList(Math.max(0, rounds - 10), rounds)), tail, (processCpuNanos() - tailCpu) / 1e6 / tail);
    } finally {
      client.close();
    }
  }

  /** Wall time suffers from whatever else the machine runs; CPU time much less. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static double median(List<Double> ms) {
    List<Double> sorted = new ArrayList<>(ms);
    sorted.sort(Double::compare);
    return sorted.get(sorted.size() / 2);
  }

  private String getFileBatch(int i) {
    String sha = shas.get(i % COMMITS);
    StringBuilder q = new StringBuilder("query { r0: repository(owner: \"" + OWNER + "\", name: \"" + NAME + "\") { url");
    for (int f = 0; f < 6; f++) {
      q.append(" f").append(f).append(": object(expression: \"").append(sha).append(':')
          .append(history.paths().get((i * 7 + f * 13) % History.FILES)).append(f == 5 ? ".absent" : "")
          .append("\") { ...blob }");
    }
    q.append(" c0: object(expression: \"").append(sha).append("\") { ... on Commit { oid } ... on Tag { target { ... on")
        .append(" Commit { oid } } } } t0: object(expression: \"").append(sha).append(":\") { ... on Tree { entries {")
        .append(" name type } } } } r1: repository(owner: \"").append(OWNER).append("\", name: \"").append(NAME)
        .append("\") { url f6: object(expression: \"v0.0.1:").append(history.paths().get(i % History.FILES))
        .append("\") { ...blob } t6: object(expression: \"v0.0.1:\") { ... on Tree { entries { name type } } } }")
        .append(" rateLimit { cost remaining resetAt } } ").append(BLOB);
    return q.toString();
  }

  private String blobByOid(int i) {
    return "query { r0: repository(owner: \"" + OWNER + "\", name: \"" + NAME + "\") { o0: object(oid: \""
        + blobIds.get(i % blobIds.size()) + "\") { ...blob } } rateLimit { cost remaining resetAt } } " + BLOB;
  }

  private String getCommit(int i) {
    String ref = i % 2 == 0 ? "release" : shas.get(i % COMMITS);
    return "query { repository: repository(owner: \"" + OWNER + "\", name: \"" + NAME + "\") { c0_0: object(expression: \""
        + ref + "\") { ...commit ... on Tag { target { ...commit } } } c0_1: object(expression: \"refs/heads/" + ref
        + "\") { ...commit ... on Tag { target { ...commit } } } c0_2: object(expression: \"refs/tags/" + ref
        + "\") { ...commit ... on Tag { target { ...commit } } } } rateLimit { cost remaining resetAt } } " + COMMIT;
  }

  private static void graphQl(WebClient client, SimulatedGitHub github, String query) {
    HttpResponse<Buffer> res = client.postAbs(github.graphQlUrl()).putHeader("Authorization", "bearer " + TOKEN)
        .sendJsonObject(new JsonObject().put("query", query)).await();
    expectOk(res, "a GraphQL query");
    JsonObject body = res.bodyAsJsonObject();
    if (body.containsKey("errors") || body.getJsonObject("data") == null) {
      throw new IllegalStateException("the fake's warm-up query failed: " + body.encode() + " for " + query);
    }
  }

  private static void expectOk(HttpResponse<Buffer> res, String what) {
    if (res.statusCode() != 200) {
      throw new IllegalStateException("the fake's warm-up read of " + what + " answered " + res.statusCode());
    }
  }
}
