package dev.sourcegate.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.bus.Messages.CallContext;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a BusClient call gets back from a BusServer registration: answers, Connect codes, stale marks, deadlines. */
@ExtendWith(VertxExtension.class)
class BusServerTest {
  private static final String ADDRESS = "test.bus-server";
  private static final String ASK = "test.bus-server.ask";

  private static CallContext ctx(long deadlineMillis) {
    return new CallContext("", "req-1", deadlineMillis);
  }

  private static CallContext plenty() {
    return ctx(System.currentTimeMillis() + 10_000);
  }

  /** Answers by the request: "ok" -> "yes", "stale" -> "old" marked stale, "gone" -> not_found, "bug" -> throws. */
  static final class Served extends VerticleBase {
    static final AtomicInteger handled = new AtomicInteger();

    @Override
    public Future<?> start() {
      return BusServer.serve(vertx, ADDRESS, (String request, BusServer.Staleness staleness) -> {
        handled.incrementAndGet();
        switch (request) {
          case "stale" -> {
            staleness.mark();
            return Future.succeededFuture("old");
          }
          case "gone" -> {
            return Future.failedFuture(RpcException.notFound("no such thing"));
          }
          case "bug" -> throw new IllegalStateException("secret detail");
          case "loop" -> {
            return Future.succeededFuture(Thread.currentThread().getName());
          }
          default -> {
            return Future.succeededFuture("yes");
          }
        }
      });
    }
  }

  /** Asks ADDRESS through a BusClient from its own loop and answers "sender thread|answer". */
  static final class Asker extends VerticleBase {
    @Override
    public Future<?> start() {
      BusClient client = BusClient.of(vertx);
      return BusServer.serve(vertx, ASK, (String request) -> {
        String me = Thread.currentThread().getName();
        return client.<String>call(ADDRESS, request, plenty()).map(answer -> me + "|" + answer);
      });
    }
  }

  private static Future<String> deploy(Vertx vertx) {
    return vertx.deployVerticle(Served::new, new DeploymentOptions().setInstances(2));
  }

  @Test
  void anAnswerAndItsStaleMarkReachTheCaller(Vertx vertx, VertxTestContext tc) {
    BusClient client = BusClient.of(vertx);
    deploy(vertx)
        .compose(id -> Future.all(client.<String>exchange(ADDRESS, "ok", plenty()), client.<String>exchange(ADDRESS, "stale", plenty())))
        .onComplete(tc.succeeding(all -> tc.verify(() -> {
          io.vertx.core.eventbus.Message<String> fresh = all.resultAt(0);
          io.vertx.core.eventbus.Message<String> stale = all.resultAt(1);
          assertEquals("yes", fresh.body());
          assertFalse(BusClient.stale(fresh));
          assertEquals("old", stale.body());
          assertTrue(BusClient.stale(stale));
          tc.completeNow();
        })));
  }

  @Test
  void aFailureKeepsItsConnectCodeAndABugSaysNothingOfItself(Vertx vertx, VertxTestContext tc) {
    BusClient client = BusClient.of(vertx);
    expect(tc, "NOT_FOUND:no such thing,INTERNAL:internal error", deploy(vertx)
        .compose(id -> outcome(client.call(ADDRESS, "gone", plenty())))
        .compose(gone -> outcome(client.call(ADDRESS, "bug", plenty())).map(bug -> gone + "," + bug)));
  }

  @Test
  void noTimeLeftFailsWithoutAHop(Vertx vertx, VertxTestContext tc) {
    BusClient client = BusClient.of(vertx);
    int[] before = new int[1];
    expect(tc, "DEADLINE_EXCEEDED:deadline exceeded,0", deploy(vertx)
        .compose(id -> {
          before[0] = Served.handled.get();
          return outcome(client.call(ADDRESS, "ok", ctx(System.currentTimeMillis() - 1)));
        })
        .map(outcome -> outcome + "," + (Served.handled.get() - before[0])));
  }

  @Test
  void aCallIsServedOnTheCallersLoop(Vertx vertx, VertxTestContext tc) {
    BusClient client = BusClient.of(vertx);
    vertx.deployVerticle(Served::new, new DeploymentOptions().setInstances(4))
        .compose(id -> vertx.deployVerticle(Asker::new, new DeploymentOptions().setInstances(4)))
        .compose(id -> Future.all(
            client.<String>call(ASK, "loop", plenty()), client.<String>call(ASK, "loop", plenty()),
            client.<String>call(ASK, "loop", plenty()), client.<String>call(ASK, "loop", plenty())))
        .onComplete(tc.succeeding(all -> tc.verify(() -> {
          for (int i = 0; i < 4; i++) {
            String[] pair = ((String) all.resultAt(i)).split("\\|");
            assertEquals(pair[0], pair[1], "served on the caller's own loop");
          }
          tc.completeNow();
        })));
  }

  /** The answer, or the failure as CODE:message. */
  private static Future<String> outcome(Future<String> call) {
    return call.recover(e -> Future.succeededFuture(describe(e)));
  }

  private static void expect(VertxTestContext tc, String expected, Future<String> actual) {
    actual.onComplete(tc.succeeding(got -> tc.verify(() -> {
      assertEquals(expected, got);
      tc.completeNow();
    })));
  }

  private static String describe(Throwable e) {
    return e instanceof RpcException rpc ? rpc.code() + ":" + rpc.getMessage() : "not an RpcException: " + e;
  }
}
