package dev.sourcegate;

import dev.sourcegate.config.ConfigException;
import dev.sourcegate.config.ConfigLoader;
import dev.sourcegate.config.GatewayConfig;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/** Reads the configuration, starts the gateway and stops it gracefully on SIGTERM or SIGINT. */
public final class Main {
  private static final System.Logger LOG = System.getLogger("sourcegate");

  private Main() {}

  public static void main(String[] args) {
    GatewayConfig config;
    try {
      config = ConfigLoader.fromEnvironment();
    } catch (ConfigException e) {
      System.err.println("sourcegate: " + e.getMessage());
      System.exit(2);
      return;
    }
    Vertx vertx = dev.sourcegate.ops.Tracing.createVertx(config);
    Gateway gateway = new Gateway(vertx, config, Clock.systemUTC());
    gateway.start().onComplete(ar -> {
      if (ar.succeeded()) {
        LOG.log(System.Logger.Level.INFO, "sourcegate listening on " + config.host() + ":" + gateway.port()
            + (config.githubApp().configured() ? "" : " (GitHub App not configured: login RPCs answer unimplemented)"));
      } else {
        System.err.println("sourcegate: failed to start: " + ar.cause().getMessage());
        vertx.close();
        System.exit(1);
      }
    });
    AtomicBoolean stopping = new AtomicBoolean();
    Runnable stop = () -> {
      if (!stopping.compareAndSet(false, true)) {
        return;
      }
      LOG.log(System.Logger.Level.INFO, "sourcegate stopping: finishing in-flight requests");
      CountDownLatch done = new CountDownLatch(1);
      gateway.stop().eventually(() -> vertx.close()).onComplete(ar -> done.countDown());
      try {
        done.await(config.shutdownGraceMs() + 5_000, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      System.exit(0);
    };
    // our own handlers (not a shutdown hook) so that a graceful stop exits 0, as an orchestrator expects
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(name), sig -> new Thread(stop, "sourcegate-shutdown").start());
    }
  }
}
