package dev.sourcegate.loadtest;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A logged-in caller of the gateway for the drivers that are not Gatling simulations (cold figures, mixed
 * workload): POSTs Connect JSON with the session cookie, as Grafana's proxy does, and reads the fake
 * GitHub's counters ({@code /__stats}) and delay ({@code /__delay}).
 */
final class GatewayClient {
  static final String GET_FILE = "/vcs.v1.VCSService/GetFile";
  static final String GET_COMMIT = "/vcs.v1.VCSService/GetCommit";
  static final String GET_COMMITS = "/vcs.v1.VCSService/GetCommits";

  /** One answer: HTTP status, the JSON body (empty when not JSON) and the time it took. */
  record Answer(int status, JsonObject body, long nanos) {
    double millis() {
      return nanos / 1e6;
    }
  }

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String gateway;
  private final String fake;
  private final String cookie = "pyroscope_git_session=" + Cookies.mint(Cookies.secretFromEnv(), "anonymous", 8);

  GatewayClient(String gateway, String fake) {
    this.gateway = gateway;
    this.fake = fake;
  }

  Answer post(String rpc, String json) throws IOException, InterruptedException {
    HttpRequest req = HttpRequest.newBuilder(URI.create(gateway + rpc)).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json").header("Cookie", cookie)
        .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    long t0 = System.nanoTime();
    HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
    long took = System.nanoTime() - t0;
    JsonObject body;
    try {
      body = new JsonObject(res.body());
    } catch (RuntimeException notJson) {
      body = new JsonObject().put("raw", res.body());
    }
    return new Answer(res.statusCode(), body, took);
  }

  /** True when the answer is 200 and its file's first line ends with the marker. */
  static boolean rightFile(Answer a, String marker) {
    if (a.status() != 200 || a.body().getString("content") == null) {
      return false;
    }
    String text = new String(Base64.getDecoder().decode(a.body().getString("content")), StandardCharsets.UTF_8);
    int nl = text.indexOf('\n');
    return (nl < 0 ? text : text.substring(0, nl)).endsWith(marker);
  }

  JsonObject fakeStats() throws IOException, InterruptedException {
    return new JsonObject(http.send(HttpRequest.newBuilder(URI.create(fake + "/__stats")).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body());
  }

  /**
   * The fake's counters once the calls a request started have all landed: a call is counted after the
   * fake's delay, and a GetFile may answer while speculative reads are still on their way.
   */
  JsonObject settledStats(long delayMs) throws IOException, InterruptedException {
    Thread.sleep(delayMs + 100);
    JsonObject last = fakeStats();
    for (int i = 0; i < 50; i++) {
      Thread.sleep(Math.max(100, delayMs / 2));
      JsonObject now = fakeStats();
      if (now.getLong("requests").equals(last.getLong("requests"))) {
        return now;
      }
      last = now;
    }
    return last;
  }

  void fakeDelay(long ms) throws IOException, InterruptedException {
    http.send(HttpRequest.newBuilder(URI.create(fake + "/__delay?ms=" + ms)).POST(HttpRequest.BodyPublishers.noBody())
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * The gateway's own counters whose Prometheus name starts with prefix (all series summed per name),
   * from its /metrics; empty when it does not answer.
   */
  java.util.Map<String, Double> gatewayMetrics(String prefix) throws IOException, InterruptedException {
    java.util.Map<String, Double> out = new java.util.HashMap<>();
    HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(gateway + "/metrics")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() != 200) {
      return out;
    }
    for (String line : res.body().split("\n")) {
      if (!line.startsWith(prefix)) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      int brace = line.indexOf('{');
      String name = line.substring(0, brace > 0 && brace < space ? brace : space);
      try {
        out.merge(name, Double.parseDouble(line.substring(space + 1)), Double::sum);
      } catch (NumberFormatException notANumber) {
        // a line this reader does not need
      }
    }
    return out;
  }

  /** The difference of one counter between two /__stats answers. */
  static long delta(JsonObject before, JsonObject after, String counter) {
    return after.getLong(counter, 0L) - before.getLong(counter, 0L);
  }
}
