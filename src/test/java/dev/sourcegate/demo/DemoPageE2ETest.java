package dev.sourcegate.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The demo page as a person uses it: a demo gateway started in-process on a free port, and
 * src/test/e2e/demo-e2e.mjs driving headless Chromium (Debian's /usr/bin/chromium, playwright-core from
 * npm) through it. The script's output goes to the test log; the test passes when it exits 0.
 *
 * <p>Without Chromium, node or src/test/e2e/node_modules/playwright-core the test is skipped, unless
 * SOURCEGATE_REQUIRE_E2E=true (CI), where it fails.
 */
@ExtendWith(VertxExtension.class)
class DemoPageE2ETest {
  private static final int TIMEOUT_SECONDS = 120;
  private static final Path E2E = Path.of("src", "test", "e2e");
  private static final Path SCRIPT = E2E.resolve("demo-e2e.mjs");
  private static final Path PLAYWRIGHT = E2E.resolve(Path.of("node_modules", "playwright-core", "package.json"));
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  private DemoMode.Running demo;

  @AfterEach
  void stop(VertxTestContext tc) {
    (demo == null ? Future.<Void>succeededFuture() : demo.stop()).onComplete(tc.succeedingThenComplete());
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        Path candidate = Path.of(dir, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /** node, or a skip (a failure when CI requires the end-to-end test). */
  private static Path requireTools() {
    List<String> missing = new ArrayList<>();
    Optional<Path> node = onPath("node");
    if (node.isEmpty()) {
      missing.add("node (apt-get install nodejs npm)");
    }
    if (!Files.isExecutable(CHROMIUM)) {
      missing.add(CHROMIUM + " (apt-get install chromium)");
    }
    if (!Files.isRegularFile(PLAYWRIGHT)) {
      missing.add("playwright-core (cd src/test/e2e && npm ci)");
    }
    if (!missing.isEmpty()) {
      String message = "the demo's end-to-end test needs " + String.join(", ", missing);
      if ("true".equalsIgnoreCase(System.getenv("SOURCEGATE_REQUIRE_E2E"))) {
        fail("SOURCEGATE_REQUIRE_E2E=true but " + message);
      }
      Assumptions.abort(message);
    }
    return node.get();
  }

  @Test
  @Timeout(value = TIMEOUT_SECONDS + 30, timeUnit = TimeUnit.SECONDS)
  void aPersonConnectsAndSeesTheSourceAndTheCommit(Vertx vertx, VertxTestContext tc) {
    Path node = requireTools();
    Map<String, String> env = Map.of(
        "SOURCEGATE_PORT", "0",
        "SOURCEGATE_MANAGEMENT_PORT", "0",
        "SOURCEGATE_HOST", "127.0.0.1",
        "SOURCEGATE_ACCESS_LOG", "false",
        "SOURCEGATE_SHUTDOWN_GRACE_MS", "1000");
    DemoMode.start(vertx, env, Clock.systemUTC())
        .compose(d -> {
          demo = d;
          return runScript(vertx, List.of(node.toString(), SCRIPT.toString(), d.pageUrl()));
        })
        .onComplete(tc.succeeding(exit -> tc.verify(() -> {
          assertEquals(0, exit, "demo-e2e.mjs failed (its output is above); screenshot in target/e2e/");
          tc.completeNow();
        })));
  }

  /**
   * Starts the script on a worker thread (never an event loop) and waits for it without holding any
   * thread: the exit arrives through Process.onExit. Its output is copied line by line into the test log by
   * two plain threads; past the timeout the process is killed.
   */
  private record Started(Process process, Thread out, Thread err) {}

  private Future<Integer> runScript(Vertx vertx, List<String> command) {
    return vertx.executeBlocking(() -> {
      ProcessBuilder pb = new ProcessBuilder(command)
          .directory(Path.of("").toAbsolutePath().toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      pb.environment().put("NO_COLOR", "1");
      Process p = pb.start();
      return new Started(p, pump(p.getInputStream(), "e2e-stdout"), pump(p.getErrorStream(), "e2e-stderr"));
    }).compose(started -> {
      Process p = started.process();
      Promise<Integer> exit = Promise.promise();
      long timer = vertx.setTimer(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS), id -> {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        exit.tryFail(new AssertionError("demo-e2e.mjs timed out after " + TIMEOUT_SECONDS + " s"));
      });
      Future.fromCompletionStage(p.onExit(), vertx.getOrCreateContext())
          // the last lines of output, before the verdict (a short wait, on a worker thread)
          .compose(done -> vertx.executeBlocking(() -> {
            started.out().join(5_000);
            started.err().join(5_000);
            return done;
          }))
          .onComplete(ar -> {
        vertx.cancelTimer(timer);
        if (ar.succeeded()) {
          exit.tryComplete(ar.result().exitValue());
        } else {
          exit.tryFail(ar.cause());
        }
      });
      return exit.future();
    });
  }

  private static Thread pump(InputStream in, String name) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          System.out.println(line);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, name);
    t.setDaemon(true);
    t.start();
    return t;
  }
}
