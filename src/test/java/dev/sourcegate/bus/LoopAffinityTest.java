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

  /** An Echo that tells the context (loop) it was deployed on. */
  static final class PlacedEcho extends VerticleBase {
    static final java.util.concurrent.atomic.AtomicReference<io.vertx.core.Context> PLACE = new java.util.concurrent.atomic.AtomicReference<>();

    @Override
    public Future<?> start() {
      PLACE.set(context);
      return LoopAffinity.of(vertx).<String>consumer(vertx, ADDRESS, msg -> msg.reply(Thread.currentThread().getName()));
    }
  }

  @Test
  void aLoopWhoseInstanceWasUndeployedSendsToTheSharedAddressAgain(Vertx vertx, VertxTestContext tc) {
    String[] whileDeployed = new String[1];
    vertx.deployVerticle(PlacedEcho::new, new DeploymentOptions().setInstances(1))
        .compose(echo -> routeOn(PlacedEcho.PLACE.get(), vertx)
            .compose(route -> {
              whileDeployed[0] = route;
              return vertx.undeploy(echo);
            }))
        .compose(v -> routeOn(PlacedEcho.PLACE.get(), vertx))
        .onComplete(tc.succeeding(after -> tc.verify(() -> {
          assertEquals(true, whileDeployed[0].startsWith(ADDRESS + "@"), "its own loop's address while deployed: " + whileDeployed[0]);
          assertEquals(ADDRESS, after, "after the undeploy nobody serves the loop's address");
          tc.completeNow();
        })));
  }

  private static Future<String> routeOn(io.vertx.core.Context loop, Vertx vertx) {
    return Future.future(p -> loop.runOnContext(v -> p.complete(LoopAffinity.of(vertx).route(ADDRESS))));
  }
}
