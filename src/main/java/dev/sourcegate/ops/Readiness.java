package dev.sourcegate.ops;

import java.util.concurrent.atomic.AtomicBoolean;

/** Ready once every verticle is deployed; not ready again from the moment shutdown begins. */
public final class Readiness {
  private final AtomicBoolean ready = new AtomicBoolean();

  public boolean isReady() {
    return ready.get();
  }

  public void set(boolean value) {
    ready.set(value);
  }
}
