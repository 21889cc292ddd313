package dev.sourcegate.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A request sent from a loop with an instance is served on that same loop; others use the shared address. */
@ExtendWith(VertxExtension.class)
class LoopAffinityTest {
  private static final String ADDRESS = "test.affinity";

  /** Answers with the name of the thread it runs on. */
  static final class Echo extends VerticleBase {
    @Override
    public Future<?> start() {
      return LoopAffinity.of(vertx).<String>consumer(vertx, ADDRESS, msg -> msg.reply(Thread.currentThread().getName()));
    }
  }

  /** Sends from its own loop and reports (sender thread, serving thread). */
  static final class Sender extends VerticleBase {
    @Override
    public Future<?> start() {
      return vertx.eventBus().<String[]>consumer("test.sender", msg -> {
        String me = Thread.currentThread().getName();
        vertx.eventBus().<String>request(LoopAffinity.of(vertx).route(ADDRESS), "hi")
            .onSuccess(reply -> msg.reply(me + "|" + reply.body()));
      }).completion();
    }
  }

  @Test
  void requestsStayOnTheSendersLoop(Vertx vertx, VertxTestContext tc) {
    vertx.deployVerticle(Echo::new, new DeploymentOptions().setInstances(4))
        .compose(id -> vertx.deployVerticle(Sender::new, new DeploymentOptions().setInstances(4)))
        .compose(id -> Future.all(
            vertx.eventBus().<String>request("test.sender", "go"),
            vertx.eventBus().<String>request("test.sender", "go"),
            vertx.eventBus().<String>request("test.sender", "go"),
            vertx.eventBus().<String>request("test.sender", "go")))
        .compose(all -> {
          tc.verify(() -> {
            for (int i = 0; i < 4; i++) {
              String[] pair = ((io.vertx.core.eventbus.Message<String>) all.resultAt(i)).body().split("\\|");
              assertEquals(pair[0], pair[1], "served on the sender's own loop");
            }
          });
          return vertx.executeBlocking(() -> LoopAffinity.of(vertx).route(ADDRESS));
        })
        .onComplete(tc.succeeding(fromWorker -> tc.verify(() -> {
          assertEquals(ADDRESS, fromWorker, "a thread with no instance uses the shared address");
          tc.completeNow();
        })));
  }
}
