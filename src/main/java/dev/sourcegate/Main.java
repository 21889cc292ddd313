package dev.sourcegate;

import dev.sourcegate.ops.Tracing;
import dev.sourcegate.settings.Redact;

import dev.sourcegate.settings.ConfigException;
import dev.sourcegate.settings.SettingsLoader;
import dev.sourcegate.settings.GatewayConfig;
import dev.sourcegate.settings.Setting;
import dev.sourcegate.demo.DemoMode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import sun.misc.Signal;

/**
 * Reads the configuration, starts the gateway and stops it gracefully on SIGTERM or SIGINT.
 * {@code --demo} (or SOURCEGATE_DEMO=true) starts it with an embedded simulated GitHub and a page at /.
 */
public final class Main {
  private static final System.Logger LOG = System.getLogger("sourcegate");

  private Main() {}

  public static void main(String[] args) {
    Map<String, String> env = new HashMap<>(System.getenv());
    for (String arg : args) {
      if (arg.equals("--demo")) {
        env.put(Setting.DEMO.envName(), "true");
      } else {
        System.err.println("sourcegate: unknown argument " + arg + " (the only argument is --demo)");
        System.exit(2);
        return;
      }
    }
    GatewayConfig config;
    try {
      config = SettingsLoader.load(env);
    } catch (ConfigException e) {
      System.err.println("sourcegate: " + e.getMessage());
      System.exit(2);
      return;
    }
    Vertx vertx = Tracing.createVertx(config);
    AtomicReference<Supplier<Future<Void>>> stopper = new AtomicReference<>();
    Future<Gateway> started;
    if (config.demo()) {
      started = DemoMode.start(vertx, env, Clock.systemUTC()).map(demo -> {
        stopper.set(demo::stop);
        LOG.log(System.Logger.Level.INFO, "sourcegate demo: open " + demo.pageUrl() + " in a browser (simulated GitHub at "
            + demo.github().baseUrl() + "; nothing leaves this machine)");
        return demo.gateway();
      });
    } else {
      Gateway gateway = new Gateway(vertx, config, Clock.systemUTC());
      stopper.set(gateway::stop);
      started = gateway.start();
    }
    started.onComplete(ar -> {
      if (ar.succeeded()) {
        Gateway gateway = ar.result();
        LOG.log(System.Logger.Level.INFO, "sourcegate listening on " + gateway.config().host() + ":" + gateway.port()
            + (gateway.config().githubApp().configured() ? "" : " (" + UnconfiguredNotice.of(gateway.config().githubApp()) + ")"));
      } else {
        System.err.println("sourcegate: failed to start: " + Redact.text(ar.cause().getMessage()));
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
      // a backstop: whatever hangs, the process is gone shortly after the grace period
      new java.util.Timer("sourcegate-shutdown-backstop", true).schedule(new java.util.TimerTask() {
        @Override
        public void run() {
          exitZero();
        }
      }, config.shutdownGraceMs() + 5_000);
      Supplier<Future<Void>> s = stopper.get();
      Future<Void> stopped = s == null ? Future.succeededFuture() : s.get();
      stopped.eventually(() -> vertx.close()).onComplete(ar -> exitZero());
    };
    // our own handlers (not a shutdown hook) so that a graceful stop exits 0, as an orchestrator expects
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(name), sig -> new Thread(stop, "sourcegate-shutdown").start());
    }
  }

  /** Exits from a thread of its own: never from a Vert.x thread, which exit would leave waiting. */
  private static void exitZero() {
    new Thread(() -> System.exit(0), "sourcegate-exit").start();
  }
}
