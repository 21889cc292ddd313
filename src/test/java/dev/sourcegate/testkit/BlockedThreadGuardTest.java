package dev.sourcegate.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The guard sees a blocked event loop (and then forgets it, so this test itself passes). */
@ExtendWith(VertxExtension.class)
class BlockedThreadGuardTest {
  @Test
  void aBlockedEventLoopIsReported(Vertx vertx, VertxTestContext tc) {
    vertx.runOnContext(v -> {
      long until = System.nanoTime() + 900_000_000L;
      while (System.nanoTime() < until) {
        Thread.onSpinWait();
      }
      vertx.setTimer(300, id -> tc.verify(() -> {
        assertFalse(BlockedThreadGuard.warnings().isEmpty(), "the 500 ms threshold must have been crossed");
        BlockedThreadGuard.warnings().clear();
        tc.completeNow();
      }));
    });
  }
}
