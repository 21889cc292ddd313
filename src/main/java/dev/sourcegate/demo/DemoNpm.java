package dev.sourcegate.demo;

import dev.sourcegate.demo.registries.SimulatedNpm;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The demo's npm registry: the packages the sample shop's storefront locks (web/package-lock.json), so
 * its express frame resolves with nothing leaving the machine.
 */
final class DemoNpm {
  static final String EXPRESS_VERSION = "4.18.2";
  static final String EXPRESS_ROUTER = "lib/router/index.js";

  private DemoNpm() {}

  /** Reads the packages from the classpath: call it off the event loop. */
  static SimulatedNpm registry(Vertx vertx) {
    return new SimulatedNpm(vertx).publish("express", EXPRESS_VERSION, Map.of(EXPRESS_ROUTER, expressRouter()))
        .repository("express", EXPRESS_VERSION, new JsonObject().put("type", "git")
            .put("url", "git+https://github.com/expressjs/express.git"));
  }

  static String expressRouter() {
    return new String(SampleRepositories.read("npm/express-" + EXPRESS_VERSION + "/" + EXPRESS_ROUTER), StandardCharsets.UTF_8);
  }
}
