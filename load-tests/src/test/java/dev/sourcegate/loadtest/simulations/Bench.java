package dev.sourcegate.loadtest.simulations;

import static io.gatling.javaapi.http.HttpDsl.http;

import dev.sourcegate.loadtest.Cookies;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Settings shared by the simulations. Each is read from a system property, then from the environment
 * variable in brackets, then a default:
 * target.url [BENCH_TARGET_URL] (http://127.0.0.1:8080), users [BENCH_USERS] (64),
 * duration [BENCH_DURATION_S] (30), session secret [GITHUB_SESSION_SECRET], results.dir [BENCH_RESULTS_DIR].
 */
final class Bench {
  static final String GET_FILE = "/vcs.v1.VCSService/GetFile";
  static final String GET_COMMIT = "/vcs.v1.VCSService/GetCommit";
  static final String GET_COMMITS = "/vcs.v1.VCSService/GetCommits";

  private Bench() {}

  static String setting(String property, String env, String dflt) {
    String v = System.getProperty(property);
    if (v == null || v.isBlank()) {
      v = System.getenv(env);
    }
    return v == null || v.isBlank() ? dflt : v.trim();
  }

  static int intSetting(String property, String env, int dflt) {
    return Integer.parseInt(setting(property, env, Integer.toString(dflt)));
  }

  static String targetUrl() {
    return setting("target.url", "BENCH_TARGET_URL", "http://127.0.0.1:8080");
  }

  /** The Cookie header of a logged-in user of the tenant "anonymous" (the gateway is single-tenant). */
  static String cookieHeader() {
    String secret = setting("session.secret", "GITHUB_SESSION_SECRET", Cookies.DEFAULT_SECRET);
    return "pyroscope_git_session=" + Cookies.mint(secret, "anonymous", 8);
  }

  /**
   * What Grafana's data-source proxy sends: POST, Content-Type application/json and the allowed cookie.
   * No Accept-Encoding, so neither the gateway nor the bare endpoint compresses; keep-alive connections,
   * one per virtual user; no warm-up request to any outside URL.
   */
  static HttpProtocolBuilder protocol() {
    return http.baseUrl(targetUrl())
        .disableWarmUp()
        .disableCaching()
        .contentTypeHeader("application/json")
        .acceptHeader("application/json")
        .header("Cookie", cookieHeader())
        .userAgentHeader("sourcegate-load-tests");
  }

  static Path resultsDir() {
    Path dir = Path.of(setting("results.dir", "BENCH_RESULTS_DIR", "target/bench-results"));
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  static synchronized void appendLine(Path file, String line) {
    try {
      Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
