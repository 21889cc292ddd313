package dev.sourcegate.loadtest.simulations;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.sourcegate.loadtest.DataSet;
import dev.sourcegate.loadtest.Zipf;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Warm GetFile against the gateway and the bare endpoint in ONE Gatling run, taking turns: time is cut
 * into slots of `slot.s` seconds (default 5), the even ones for the gateway and the odd ones for the bare
 * endpoint, and every virtual user sends its requests to the server whose slot it is. The load is the
 * one of {@link WarmGetFileSimulation} (a closed model of `users` users, default 64, each with its own
 * keep-alive connection to each server, files drawn from the same Zipf law); `warmup.s` seconds of turns
 * are not counted, then `duration` seconds are.
 *
 * <p>Why turns rather than one run per server: on a small machine, Gatling takes more than half the CPU,
 * and both the speed of the host and the state of a fresh Gatling JVM's JIT drift from one run to the
 * next; separate runs of the same build measured anywhere between 67% and 115%. Turns of a few seconds in
 * one JVM put both servers under the same client, on the same machine, at nearly the same time, so the
 * drift cancels out of the ratio. A slot is shorter than the gateway's header timeout (10 s), so no
 * connection goes idle long enough to be closed between its turns.
 *
 * <p>A request counts for the slot it started in, if it ended in that slot too (the few that straddle a
 * boundary count for nobody). Written after the run to results.dir/interleaved-LABEL.txt: one line per
 * counted slot, "slotIndex server startEpochMs endEpochMs requests" (server: gateway or bare).
 */
public class InterleavedWarmSimulation extends Simulation {
  static final String GATEWAY = "gateway";
  static final String BARE = "bare";

  private final String[] bodies = DataSet.get().hotRequests().stream().map(DataSet.FileRequest::json).toArray(String[]::new);
  private final Zipf zipf = new Zipf(bodies.length, Double.parseDouble(Bench.setting("zipf.s", "BENCH_ZIPF_S", "1.1")));
  private final int users = Bench.intSetting("users", "BENCH_USERS", 64);
  private final long slotMs = Math.round(Double.parseDouble(Bench.setting("slot.s", "BENCH_SLOT_S", "5")) * 1000);
  private final long warmUpMs = Bench.intSetting("warmup.s", "BENCH_WARMUP_S", 60) * 1000L;
  private final long durationMs = Bench.intSetting("duration", "BENCH_DURATION_S", 60) * 1000L;
  private final String gatewayUrl = Bench.setting("gateway.url", "BENCH_GATEWAY_URL", "http://127.0.0.1:8080");
  private final String bareUrl = Bench.setting("bare.url", "BENCH_BARE_URL", "http://127.0.0.1:8081");

  /**
   * Slots counted: from the first gateway slot that starts at or after the warm-up, whole pairs (a gateway
   * slot, then a bare one) through the end of the duration.
   */
  private final int firstCounted = evenAtLeast((warmUpMs + slotMs - 1) / slotMs);
  private final int slots = firstCounted + evenAtLeast(Math.max(2, (durationMs + slotMs - 1) / slotMs));
  private final AtomicLongArray counted = new AtomicLongArray(slots);

  private final long epochMsAtOrigin = System.currentTimeMillis();
  private final long nanosAtOrigin = System.nanoTime();
  /** Set when the first user starts: slot 0 begins then. */
  private volatile long startNanos = Long.MIN_VALUE;

  private static int evenAtLeast(long n) {
    return (int) (n % 2 == 0 ? n : n + 1);
  }

  private long sinceStartMs(long nanos) {
    return (nanos - startNanos) / 1_000_000;
  }

  private int slotOf(long nanos) {
    return (int) (sinceStartMs(nanos) / slotMs);
  }

  private ChainBuilder turn() {
    return exec(session -> {
      long now = System.nanoTime();
      int slot = slotOf(now);
      boolean gateway = slot % 2 == 0;
      return session.set("body", bodies[zipf.sample()])
          .set("slot", slot)
          .set("url", (gateway ? gatewayUrl : bareUrl) + Bench.GET_FILE)
          .set("name", (slot < firstCounted ? "warm-up " : "") + (gateway ? GATEWAY : BARE));
    })
        .exec(http(session -> session.getString("name")).post(session -> session.getString("url"))
            .body(StringBody("#{body}")).check(status().is(200)))
        .exec(session -> {
          int slot = session.getInt("slot");
          if (!session.isFailed() && slot >= firstCounted && slot < slots && slotOf(System.nanoTime()) == slot) {
            counted.incrementAndGet(slot);
          }
          return session;
        });
  }

  private final ScenarioBuilder warm = scenario("warm GetFile, gateway and bare endpoint taking turns of " + slotMs + " ms")
      .exec(session -> {
        synchronized (this) {
          if (startNanos == Long.MIN_VALUE) {
            startNanos = System.nanoTime();
          }
        }
        return session;
      })
      .asLongAs(session -> slotOf(System.nanoTime()) < slots).on(turn());

  {
    setUp(warm.injectOpen(atOnceUsers(users))).protocols(Bench.protocol());
  }

  private long epochMsOfSlot(int slot) {
    return epochMsAtOrigin + (startNanos - nanosAtOrigin) / 1_000_000 + slot * slotMs;
  }

  @Override
  public void after() {
    String label = Bench.setting("bench.label", "BENCH_LABEL", "interleaved");
    StringBuilder out = new StringBuilder();
    for (int s = firstCounted; s < slots; s++) {
      out.append(s).append(' ').append(s % 2 == 0 ? GATEWAY : BARE).append(' ')
          .append(epochMsOfSlot(s)).append(' ').append(epochMsOfSlot(s + 1)).append(' ')
          .append(counted.get(s)).append('\n');
    }
    try {
      Files.writeString(Bench.resultsDir().resolve("interleaved-" + label + ".txt"), out.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
