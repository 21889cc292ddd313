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
      // Blocks the loop until the checker has reported it, rather than for a fixed 900 ms: on a busy machine
      // the checker thread may not run in the 400 ms a fixed spin leaves after the 500 ms threshold. Only a
      // guard that never sees the block makes this spin reach its 20 s bound.
      long until = System.nanoTime() + 20_000_000_000L;
      while (BlockedThreadGuard.warnings().isEmpty() && System.nanoTime() < until) {
        Thread.onSpinWait();
      }
      tc.verify(() -> {
        assertFalse(BlockedThreadGuard.warnings().isEmpty(), "the 500 ms threshold must have been crossed");
        BlockedThreadGuard.warnings().clear();
        tc.completeNow();
      });
    });
  }
}
