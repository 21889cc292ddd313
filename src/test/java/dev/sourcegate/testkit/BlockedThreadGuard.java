package dev.sourcegate.testkit;

import dev.sourcegate.resolve.go.GoStdPackages;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails any test during which Vert.x warned that an event loop was blocked. Registered for every test
 * (JUnit extension auto-detection); the Vertx instances of vertx-junit5 run with a low threshold
 * (src/test/resources/vertx-options.json: 500 ms, a quarter of the default; lower
 * thresholds reported GC pauses and CPU contention on a 2-core machine as blocking), so a blocking call on an event loop cannot hide.
 */
public final class BlockedThreadGuard implements BeforeEachCallback, AfterEachCallback {
  static final String CHECKER_LOGGER = "io.vertx.core.impl.BlockedThreadChecker";
  private static final List<String> WARNINGS = new CopyOnWriteArrayList<>();
  // keep a strong reference: JUL holds loggers weakly and would drop our handler with the logger
  private static final Logger CHECKER = Logger.getLogger(CHECKER_LOGGER);

  static {
    warmUp();
    CHECKER.addHandler(new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.WARNING.intValue() && !inSelector(record.getThrown())
            && !definingAClass(record.getThrown())) {
          StringBuilder sb = new StringBuilder(record.getMessage());
          if (record.getThrown() != null) {
            StackTraceElement[] st = record.getThrown().getStackTrace();
            for (int i = 0; i < Math.min(12, st.length); i++) {
              sb.append("\n    at ").append(st[i]);
            }
          }
          WARNINGS.add(sb.toString());
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    });
  }

  /**
   * Classes at the top of a stack where an event loop waits for, or wakes, the operating system's
   * selector. A loop reported "blocked" there was not running anyone's code: it was descheduled in a
   * system call on a busy machine (seen on CI's two shared cores: 545 ms inside an eventfd write). A
   * blocking call of ours shows its own frames on top (Thread.sleep, a lock, a socket read, a Future's get).
   */
  private static final List<String> SELECTOR_FRAMES = List.of(
      "sun.nio.ch.EPoll", "sun.nio.ch.EventFD", "sun.nio.ch.SelectorImpl", "sun.nio.ch.KQueue",
      "io.netty.channel.epoll.Native", "io.netty.channel.kqueue.Native");

  static boolean inSelector(Throwable where) {
    if (where == null || where.getStackTrace().length == 0) {
      return false;
    }
    String top = where.getStackTrace()[0].getClassName();
    return SELECTOR_FRAMES.stream().anyMatch(top::startsWith);
  }

  /**
   * Native methods at the top of a stack where the JVM defines a class (a lambda's or a method handle's
   * generated class on first use). A loop reported there is doing the JVM's one-time work, slowed by a
   * busy machine (seen: 527 ms in ClassLoader.defineClass0 while other builds ran), not waiting on anything.
   */
  private static final List<String> CLASS_DEFINITION_FRAMES = List.of(
      "java.lang.ClassLoader.defineClass0", "java.lang.ClassLoader.defineClass1", "java.lang.ClassLoader.defineClass2");

  static boolean definingAClass(Throwable where) {
    if (where == null || where.getStackTrace().length == 0) {
      return false;
    }
    StackTraceElement top = where.getStackTrace()[0];
    return CLASS_DEFINITION_FRAMES.contains(top.getClassName() + "." + top.getMethodName());
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    WARNINGS.clear();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!WARNINGS.isEmpty()) {
      String first = WARNINGS.get(0);
      WARNINGS.clear();
      throw new AssertionError("an event loop was blocked during this test: " + first);
    }
  }

  /**
   * Loads and initialises the heavy libraries once, on the test thread: first use costs class loading
   * and JIT warm-up that the threshold would otherwise report as a blocked event loop.
   */
  private static void warmUp() {
    try {
      org.jsoup.Jsoup.parse("<html><head><meta name=\"go-import\" content=\"a git b\"></head></html>");
      com.google.protobuf.util.JsonFormat.printer().print(dev.sourcegate.api.proto.GetCommitResponse.newBuilder()
          .setAuthor(dev.sourcegate.api.proto.CommitAuthor.getDefaultInstance()).build());
      dev.sourcegate.api.ConnectCodec.JSON.decode(io.vertx.core.buffer.Buffer.buffer("{\"ref\":\"x\"}"),
          dev.sourcegate.api.proto.GetFileRequest.getDefaultInstance());
      dev.sourcegate.configloader.PyroscopeYamlParser.parse("version: v1\n");
      String sealed = dev.sourcegate.auth.SessionCookie.seal(
          new dev.sourcegate.auth.OAuthToken("t", "bearer", "r", java.time.Instant.now()),
          new dev.sourcegate.auth.TenantKeys("warm-up").keyFor("anonymous"));
      dev.sourcegate.auth.SessionCookie.read(dev.sourcegate.auth.SessionCookie.value(sealed),
          new dev.sourcegate.auth.TenantKeys("warm-up").keyFor("anonymous"));
      GoStdPackages.load();
      new dev.sourcegate.fetch.SourceCache(1024).get(new dev.sourcegate.fetch.SourceCache.PageKey("x"));
      // and one whole gateway (Netty, Micrometer, the verticles), started and stopped on a throwaway Vertx
      io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
      try {
        FakeGitHub fake = new FakeGitHub(vertx);
        fake.start().toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
        TestGateway gw = TestGateway.start(vertx, TestGateway.env(fake))
            .toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
        gw.call("GetFile", new io.vertx.core.json.JsonObject().put("repositoryURL", "https://github.com/a/b")
                .put("localPath", "x.go"), TestGateway.cookieFor("t"))
            .toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
        gw.stop().toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
      } finally {
        vertx.close();
      }
    } catch (Exception e) {
      throw new IllegalStateException("warm-up failed", e);
    }
  }

  /** For the guard's own test. */
  static List<String> warnings() {
    return WARNINGS;
  }
}
