package dev.sourcegate.pyroscopeconfig;

import dev.sourcegate.bus.Addresses;
import dev.sourcegate.bus.Code;
import dev.sourcegate.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** Placeholder until issue 3: answers its address with unimplemented. */
public final class ConfigLoaderVerticle extends VerticleBase {
  public ConfigLoaderVerticle(GatewayConfig config) {}

  @Override
  public Future<?> start() {
    return vertx.eventBus().consumer(Addresses.CONFIG_LOAD, msg -> msg.fail(Code.UNIMPLEMENTED.number(), "not implemented yet")).completion();
  }
}
