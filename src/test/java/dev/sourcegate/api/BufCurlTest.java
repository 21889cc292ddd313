package dev.sourcegate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sourcegate.testkit.FakeGitHub;
import dev.sourcegate.testkit.FakeGitHub.OAuthAnswer;
import dev.sourcegate.testkit.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway through an independent Connect client: `buf curl` (npm @bufbuild/buf), started as a
 * process on a worker thread. buf curl has no codec switch: with --protocol connect it always speaks
 * binary protobuf (Content-Type application/proto, Accept-Encoding gzip) and prints the answer as JSON.
 * The JSON codec is checked with the plain `curl` CLI as a second independent client, when it is present.
 *
 * <p>Without `buf` on PATH the buf tests are skipped, unless SOURCEGATE_REQUIRE_BUF=true (CI), where they fail.
 */
@ExtendWith(VertxExtension.class)
class BufCurlTest {
  private static final long PROCESS_TIMEOUT_SECONDS = 60;
  private static final Path SCHEMA = Path.of("src", "main", "proto", "vcs.proto");
  private static final Pattern COOKIE = Pattern.compile(
      "pyroscope_git_session=([A-Za-z0-9+/]+={0,2}); Expires=[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT; Secure; SameSite=Lax");

  @TempDir
  Path temp;

  private FakeGitHub fake;
  private TestGateway gateway;

  record Run(int exit, String stdout, String stderr) {
    JsonObject json() {
      try {
        return new JsonObject(stdout);
      } catch (RuntimeException e) {
        throw new AssertionError("not JSON on stdout: " + this, e);
      }
    }
  }

  // ---------------------------------------------------------------- tools

  private static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static Path requireBuf() {
    Optional<Path> buf = onPath("buf");
    if (buf.isEmpty()) {
      if ("true".equalsIgnoreCase(System.getenv("SOURCEGATE_REQUIRE_BUF"))) {
        fail("SOURCEGATE_REQUIRE_BUF=true but `buf` is not on PATH (npm install -g @bufbuild/buf)");
      }
      Assumptions.abort("`buf` is not on PATH: npm install -g @bufbuild/buf to run these tests");
    }
    return buf.get();
  }

  private static Path requireCurl() {
    Optional<Path> curl = onPath("curl");
    Assumptions.assumeTrue(curl.isPresent(), "`curl` is not on PATH");
    return curl.get();
  }

  /** Runs a command on a worker thread (never the event loop), bounded by a timeout. */
  private Future<Run> run(Vertx vertx, List<String> command) {
    return vertx.executeBlocking(() -> {
      Path out = Files.createTempFile(temp, "out", ".txt");
      Path err = Files.createTempFile(temp, "err", ".txt");
      ProcessBuilder pb = new ProcessBuilder(command)
          .directory(Path.of("").toAbsolutePath().toFile())
          .redirectOutput(out.toFile())
          .redirectError(err.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      Path cache = temp.resolve("buf-cache");
      Files.createDirectories(cache);
      pb.environment().put("BUF_CACHE_DIR", cache.toString());
      pb.environment().put("NO_COLOR", "1");
      Process p = pb.start();
      if (!p.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("timed out after " + PROCESS_TIMEOUT_SECONDS + " s: " + command);
      }
      return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }, false);
  }

  private Future<Run> bufCurl(Vertx vertx, Path buf, String method, String data, String... headers) {
    List<String> cmd = new ArrayList<>(List.of(buf.toString(), "curl",
        "--schema", SCHEMA.toAbsolutePath().toString(),
        "--protocol", "connect",
        "--http2-prior-knowledge=false",
        "--log-format", "text",
        "--data", data));
    for (String h : headers) {
      cmd.add("--header");
      cmd.add(h);
    }
    cmd.add("http://127.0.0.1:" + gateway.port() + "/vcs.v1.VCSService/" + method);
    return run(vertx, cmd);
  }

  private Future<Run> curlJson(Vertx vertx, Path curl, String method, String data) {
    return run(vertx, List.of(curl.toString(), "--silent", "--show-error", "--max-time", "30",
        "-X", "POST", "-H", "Content-Type: application/json", "--data-binary", data,
        "http://127.0.0.1:" + gateway.port() + "/vcs.v1.VCSService/" + method));
  }

  // ---------------------------------------------------------------- harness

  private Future<TestGateway> start(Vertx vertx) {
    fake = new FakeGitHub(vertx);
    return fake.start()
        .compose(f -> TestGateway.start(vertx, TestGateway.env(f)))
        .onSuccess(g -> {
          gateway = g;
          fake.oauth(form -> {
            if ("refresh_token".equals(form.get("grant_type"))) {
              return "ghr_buf".equals(form.get("refresh_token"))
                  ? OAuthAnswer.json(grant("gho_buf_refreshed", "ghr_buf_2"))
                  : OAuthAnswer.json(new JsonObject().put("error", "bad_refresh_token"));
            }
            return "good-code".equals(form.get("code")) ? OAuthAnswer.json(grant("gho_buf", "ghr_buf"))
                : OAuthAnswer.json(new JsonObject().put("error", "bad_verification_code"));
          });
        });
  }

  private static JsonObject grant(String access, String refresh) {
    return new JsonObject().put("access_token", access).put("expires_in", 28800).put("refresh_token", refresh)
        .put("refresh_token_expires_in", 15811200).put("scope", "repo").put("token_type", "bearer");
  }

  @AfterEach
  void stop(VertxTestContext ctx) {
    List<Future<?>> all = new ArrayList<>();
    if (gateway != null) {
      all.add(gateway.stop());
    }
    if (fake != null) {
      all.add(fake.stop());
    }
    Future.join(all).onComplete(ar -> ctx.completeNow());
  }

  private static void assertLoginAnswer(JsonObject body) {
    String cookie = body.getString("cookie");
    assertNotNull(cookie, body::encode);
    assertTrue(cookie.startsWith("pyroscope_git_session="), cookie);
    Matcher m = COOKIE.matcher(cookie);
    assertTrue(m.matches(), cookie);
    JsonObject value = new JsonObject(new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8));
    assertEquals(body.getString("token"), value.getString("metadata"));
    assertTrue(body.getValue("tokenExpiresAt") instanceof String, body::encode);
    assertTrue(body.getValue("refreshTokenExpiresAt") instanceof String, body::encode);
    long expiresAt = Long.parseLong(body.getString("tokenExpiresAt"));
    long now = System.currentTimeMillis();
    assertTrue(Math.abs(expiresAt - (now + 28_800_000L)) < 120_000L, () -> "about now + 8h: " + expiresAt);
    assertEquals(expiresAt, value.getLong("expiry"));
  }

  // ---------------------------------------------------------------- buf curl: Connect, binary protobuf

  @Test
  void bufGithubApp(Vertx vertx, VertxTestContext ctx) {
    Path buf = requireBuf();
    start(vertx)
        .compose(g -> bufCurl(vertx, buf, "GithubApp", "{}"))
        .onComplete(ctx.succeeding(run -> ctx.verify(() -> {
          assertEquals(0, run.exit(), run::toString);
          assertEquals(new JsonObject().put("clientID", TestGateway.CLIENT_ID).put("callbackURL", TestGateway.CALLBACK), run.json());
          ctx.completeNow();
        })));
  }

  @Test
  void bufGithubLogin(Vertx vertx, VertxTestContext ctx) {
    Path buf = requireBuf();
    start(vertx)
        .compose(g -> bufCurl(vertx, buf, "GithubLogin", "{\"authorizationCode\":\"good-code\"}"))
        .onComplete(ctx.succeeding(run -> ctx.verify(() -> {
          assertEquals(0, run.exit(), run::toString);
          assertLoginAnswer(run.json());
          assertTrue(fake.requests().stream().anyMatch(r -> r.path().equals("/login/oauth/access_token")
              && r.body().contains("code=good-code")), fake.paths()::toString);
          ctx.completeNow();
        })));
  }

  @Test
  void bufLoginThenRefreshWithTheCookie(Vertx vertx, VertxTestContext ctx) {
    Path buf = requireBuf();
    start(vertx)
        .compose(g -> bufCurl(vertx, buf, "GithubLogin", "{\"authorizationCode\":\"good-code\"}"))
        .compose(login -> {
          assertEquals(0, login.exit(), login::toString);
          String field = login.json().getString("cookie");
          return bufCurl(vertx, buf, "GithubRefresh", "{}", "Cookie: " + field.substring(0, field.indexOf(';')));
        })
        .onComplete(ctx.succeeding(run -> ctx.verify(() -> {
          assertEquals(0, run.exit(), run::toString);
          assertLoginAnswer(run.json());
          assertTrue(fake.requests().stream().anyMatch(r -> r.body().contains("grant_type=refresh_token")
              && r.body().contains("refresh_token=ghr_buf")), fake.paths()::toString);
          ctx.completeNow();
        })));
  }

  @Test
  void bufSeesAConnectErrorForABadCode(Vertx vertx, VertxTestContext ctx) {
    Path buf = requireBuf();
    start(vertx)
        .compose(g -> bufCurl(vertx, buf, "GithubLogin", "{\"authorizationCode\":\"bad-code\"}"))
        .onComplete(ctx.succeeding(run -> ctx.verify(() -> {
          // buf curl exits with the gRPC code shifted left by three: unauthenticated (16) -> 128
          assertEquals(16 << 3, run.exit(), run::toString);
          assertTrue(run.stderr().contains("unauthenticated"), run::toString);
          assertFalse(run.stderr().contains("Exception"), run::toString);
          ctx.completeNow();
        })));
  }

  @Test
  void bufSeesUnauthenticatedForGetFileWithoutACookie(Vertx vertx, VertxTestContext ctx) {
    Path buf = requireBuf();
    // GetFile needs a session: without a cookie the auth step answers before any resolver runs
    start(vertx)
        .compose(g -> bufCurl(vertx, buf, "GetFile", "{\"repositoryURL\":\"https://github.com/a/b\",\"ref\":\"main\",\"localPath\":\"x.go\"}"))
        .onComplete(ctx.succeeding(run -> ctx.verify(() -> {
          assertEquals(16 << 3, run.exit(), run::toString);
          assertTrue(run.stderr().contains("unauthenticated"), run::toString);
          ctx.completeNow();
        })));
  }

  // ---------------------------------------------------------------- curl: the JSON codec

  @Test
  void curlJsonGithubApp(Vertx vertx, VertxTestContext ctx) {
    Path curl = requireCurl();
    start(vertx)
        .compose(g -> curlJson(vertx, curl, "GithubApp", "{}"))
        .onComplete(ctx.succeeding(run -> ctx.verify(() -> {
          assertEquals(0, run.exit(), run::toString);
          assertEquals(new JsonObject().put("clientID", TestGateway.CLIENT_ID).put("callbackURL", TestGateway.CALLBACK), run.json());
          ctx.completeNow();
        })));
  }

  @Test
  void curlJsonGithubLogin(Vertx vertx, VertxTestContext ctx) {
    Path curl = requireCurl();
    start(vertx)
        .compose(g -> curlJson(vertx, curl, "GithubLogin", "{\"authorizationCode\":\"good-code\"}"))
        .onComplete(ctx.succeeding(run -> ctx.verify(() -> {
          assertEquals(0, run.exit(), run::toString);
          assertLoginAnswer(run.json());
          ctx.completeNow();
        })));
  }
}
