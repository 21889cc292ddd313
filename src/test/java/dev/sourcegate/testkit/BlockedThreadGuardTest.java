package dev.sourcegate.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  /** A loop descheduled inside the selector's system call ran no code: it is not reported; our own frames on top are. */
  @Test
  void aLoopWaitingInTheSelectorIsNotBlockingCode() {
    assertTrue(BlockedThreadGuard.inSelector(stack("sun.nio.ch.EventFD", "set0")));
    assertTrue(BlockedThreadGuard.inSelector(stack("sun.nio.ch.EPoll", "wait")));
    assertFalse(BlockedThreadGuard.inSelector(stack("java.lang.Thread", "sleep")));
    assertFalse(BlockedThreadGuard.inSelector(stack("dev.sourcegate.fetch.CachingFetcher", "file")));
    assertFalse(BlockedThreadGuard.inSelector(stack("sun.nio.ch.NioSocketImpl", "read")));
    assertFalse(BlockedThreadGuard.inSelector(null));
  }

  /** The JVM defining a generated class is its own one-time work; a class of ours on top, or a sleep, is reported. */
  @Test
  void aLoopDefiningAClassIsNotBlockingCode() {
    assertTrue(BlockedThreadGuard.definingAClass(stack("java.lang.ClassLoader", "defineClass0")));
    assertTrue(BlockedThreadGuard.definingAClass(stack("java.lang.ClassLoader", "defineClass1")));
    assertFalse(BlockedThreadGuard.definingAClass(stack("java.lang.ClassLoader", "loadClass")));
    assertFalse(BlockedThreadGuard.definingAClass(stack("java.lang.Thread", "sleep")));
    assertFalse(BlockedThreadGuard.definingAClass(stack("dev.sourcegate.fetch.CachingFetcher", "file")));
    assertFalse(BlockedThreadGuard.definingAClass(null));
  }

  private static Throwable stack(String topClass, String method) {
    Throwable t = new Throwable();
    t.setStackTrace(new StackTraceElement[] {
        new StackTraceElement(topClass, method, null, -1),
        new StackTraceElement("io.vertx.core.impl.EventLoopExecutor", "execute", null, 40)});
    return t;
  }
}
