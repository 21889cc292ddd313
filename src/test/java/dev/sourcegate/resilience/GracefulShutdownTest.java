package dev.sourcegate.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.testkit.FakeGitHub;
import dev.sourcegate.testkit.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real start-up path (dev.sourcegate.Main in its own JVM) and SIGTERM: readiness turns false and the
 * listener stops taking new requests, the request in flight still completes, and the process exits 0
 * within the grace period.
 */
@ExtendWith(VertxExtension.class)
class GracefulShutdownTest {
  private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
  private static final String TOKEN = "gho_shutdown";
  private static final long GRACE_MS = 5000;
  private static final long UPSTREAM_DELAY_MS = 1500;

  private FakeGitHub fake;
  private Process process;
  private Path output;
  private WebClient client;
  private WebClient probeClient;

  @AfterEach
  void cleanUp(Vertx vertx, VertxTestContext tc) {
    if (client != null) {
      client.close();
    }
    if (probeClient != null) {
      probeClient.close();
    }
    vertx.executeBlocking(() -> {
      if (process != null && process.isAlive()) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      if (output != null) {
        Files.deleteIfExists(output);
      }
      return null;
    }).eventually(() -> fake == null ? Future.succeededFuture() : fake.stop()).onComplete(tc.succeedingThenComplete());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  private static <T> Future<T> blocking(Vertx vertx, Callable<T> work) {
    return vertx.executeBlocking(work, false);
  }

  private static Future<Void> sleep(Vertx vertx, long ms) {
    Promise<Void> p = Promise.promise();
    vertx.setTimer(ms, id -> p.complete());
    return p.future();
  }

  /** What the gateway process printed, for failure messages (read on a worker). */
  private String printed() {
    try {
      return output == null ? "" : Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(output unreadable: " + e.getMessage() + ")";
    }
  }

  private Future<Void> untilReady(Vertx vertx, long deadline) {
    if (System.currentTimeMillis() > deadline) {
      return blocking(vertx, this::printed).compose(out ->
          Future.failedFuture(new AssertionError("gateway never became ready; it printed:\n" + out)));
    }
    if (!process.isAlive()) {
      return blocking(vertx, this::printed).compose(out ->
          Future.failedFuture(new AssertionError("gateway exited with " + process.exitValue() + ":\n" + out)));
    }
    return probeClient.get("/readyz").send()
        .transform(ar -> ar.succeeded() && ar.result().statusCode() == 200
            ? Future.<Void>succeededFuture()
            : sleep(vertx, 100).compose(v -> untilReady(vertx, deadline)));
  }

  /** /readyz after SIGTERM: anything but 200 (503, or the connection refused) within a bounded time. */
  private Future<String> untilNotReady(Vertx vertx, long deadline) {
    return probeClient.get("/readyz").send().transform(ar -> {
      if (ar.failed()) {
        return Future.succeededFuture("refused: " + ar.cause().getMessage());
      }
      if (ar.result().statusCode() != 200) {
        return Future.succeededFuture("status " + ar.result().statusCode());
      }
      if (System.currentTimeMillis() > deadline) {
        return Future.failedFuture(new AssertionError("/readyz still answers 200 after SIGTERM"));
      }
      return sleep(vertx, 20).compose(v -> untilNotReady(vertx, deadline));
    });
  }

  private Future<HttpResponse<Buffer>> getFile(String path) {
    return client.post("/vcs.v1.VCSService/GetFile").putHeader("Content-Type", "application/json")
        .putHeader("Cookie", "pyroscope_git_session=" + TestGateway.cookieFor(TOKEN))
        .sendBuffer(Buffer.buffer(new JsonObject().put("repositoryURL", "https://github.com/acme/app").put("ref", SHA)
            .put("localPath", path).encode()));
  }

  /** Warm-up calls until one makes no upstream request: the .pyroscope.yaml miss is then cached. */
  private Future<Void> warm(Vertx vertx, int triesLeft) {
    fake.clearRequests();
    return getFile("warm.txt").compose(res -> {
      if (res.statusCode() != 200) {
        return Future.failedFuture(new AssertionError("warm-up failed: " + res.bodyAsString()));
      }
      if (fake.paths().isEmpty() || triesLeft <= 0) {
        return Future.succeededFuture();
      }
      return sleep(vertx, 50).compose(v -> warm(vertx, triesLeft - 1));
    });
  }

  private Future<Void> untilUpstreamSees(Vertx vertx, String path, long deadline) {
    if (fake.requests().stream().anyMatch(r -> r.path().equals(path))) {
      return Future.succeededFuture();
    }
    if (System.currentTimeMillis() > deadline) {
      return Future.failedFuture(new AssertionError("the slow call never reached the fake: " + fake.paths()));
    }
    return sleep(vertx, 20).compose(v -> untilUpstreamSees(vertx, path, deadline));
  }

  @Test
  @Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
  void sigtermStopsTakingRequestsFinishesInFlightAndExitsZero(Vertx vertx, VertxTestContext tc) throws Exception {
    int port = freePort();
    output = Files.createTempFile("sourcegate-shutdown", ".log");
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    // a new connection for every probe: a kept-alive one would hide that the listener is gone
    probeClient = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
        .setKeepAlive(false).setConnectTimeout(1000));
    fake = new FakeGitHub(vertx);
    fake.token(TOKEN)
        .file("acme", "app", SHA, "warm.txt", "warm")
        .file("acme", "app", SHA, "slow.txt", "slow but complete");
    long[] sigtermAt = new long[1];
    Future<HttpResponse<Buffer>>[] slow = new Future[1];
    fake.start()
        .compose(f -> blocking(vertx, () -> {
          String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
          // the child JVM's start-up competes with this JVM's event loops for the CPU: keep it light and
          // nice, so the blocked-event-loop guard measures the test, not the machine
          List<String> command = new ArrayList<>();
          if (new File("/usr/bin/nice").canExecute()) {
            command.addAll(List.of("/usr/bin/nice", "-n", "10"));
          }
          command.addAll(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
              "-cp", System.getProperty("java.class.path"), "dev.sourcegate.Main"));
          ProcessBuilder pb = new ProcessBuilder(command);
          Map<String, String> env = pb.environment();
          env.keySet().removeIf(k -> k.startsWith("SOURCEGATE_") || k.startsWith("GITHUB_"));
          env.putAll(TestGateway.env(fake));
          env.put("SOURCEGATE_PORT", String.valueOf(port));
          env.put("SOURCEGATE_HOST", "127.0.0.1");
          env.put("SOURCEGATE_SHUTDOWN_GRACE_MS", String.valueOf(GRACE_MS));
          pb.directory(new File(System.getProperty("user.dir")));
          pb.redirectErrorStream(true).redirectOutput(output.toFile());
          process = pb.start();
          return null;
        }))
        .compose(v -> untilReady(vertx, System.currentTimeMillis() + 60_000))
        .compose(v -> warm(vertx, 20))
        .compose(v -> {
          fake.clearRequests();
          fake.delay(UPSTREAM_DELAY_MS);
          slow[0] = getFile("slow.txt");
          return untilUpstreamSees(vertx, "/api/repos/acme/app/contents/slow.txt", System.currentTimeMillis() + 10_000);
        })
        .compose(v -> blocking(vertx, () -> {
          sigtermAt[0] = System.nanoTime();
          process.destroy(); // SIGTERM on Linux
          return null;
        }))
        .compose(v -> untilNotReady(vertx, System.currentTimeMillis() + 1000))
        .compose(notReady -> {
          tc.verify(() -> assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sigtermAt[0]) < UPSTREAM_DELAY_MS,
              "new requests were refused while the slow one was still in flight (" + notReady + ")"));
          return slow[0];
        })
        .compose(res -> {
          tc.verify(() -> {
            assertEquals(200, res.statusCode(), "the in-flight GetFile completes: " + res.bodyAsString());
            assertEquals("slow but complete", new String(Base64.getDecoder().decode(
                res.bodyAsJsonObject().getString("content")), StandardCharsets.UTF_8));
          });
          return blocking(vertx, () -> process.waitFor(GRACE_MS + 10_000, TimeUnit.MILLISECONDS));
        })
        .compose(exited -> blocking(vertx, this::printed).map(out -> {
          long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sigtermAt[0]);
          tc.verify(() -> {
            assertTrue(exited, "the process exits after SIGTERM; it printed:\n" + out);
            assertEquals(0, process.exitValue(), "exit code after a graceful stop; it printed:\n" + out);
            assertTrue(tookMs < GRACE_MS, "exited within the grace period of " + GRACE_MS + " ms: " + tookMs + " ms");
          });
          return null;
        }))
        .onComplete(tc.succeedingThenComplete());
  }
}
