package dev.sourcegate.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    deploy(vertx)
        .compose(id -> client.<String>call(ADDRESS, "gone", plenty()).recover(e -> Future.succeededFuture(describe(e))))
        .compose(gone -> client.<String>call(ADDRESS, "bug", plenty()).recover(e -> Future.succeededFuture(describe(e)))
            .map(bug -> gone + "," + bug))
        .onComplete(tc.succeeding(both -> tc.verify(() -> {
          assertEquals("NOT_FOUND:no such thing,INTERNAL:internal error", both);
          tc.completeNow();
        })));
  }

  @Test
  void noTimeLeftFailsWithoutAHop(Vertx vertx, VertxTestContext tc) {
    BusClient client = BusClient.of(vertx);
    deploy(vertx)
        .compose(id -> {
          int before = Served.handled.get();
          return client.<String>call(ADDRESS, "ok", ctx(System.currentTimeMillis() - 1))
              .recover(e -> Future.succeededFuture(describe(e) + "," + (Served.handled.get() - before)));
        })
        .onComplete(tc.succeeding(outcome -> tc.verify(() -> {
          assertEquals("DEADLINE_EXCEEDED:deadline exceeded,0", outcome);
          tc.completeNow();
        })));
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

  private static String describe(Throwable e) {
    return e instanceof RpcException rpc ? rpc.code() + ":" + rpc.getMessage() : "not an RpcException: " + e;
  }
}
