package dev.sourcegate.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.testkit.FakeGitHub;
import dev.sourcegate.testkit.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** /metrics shows every series the operations guide names, after a little traffic. */
@ExtendWith(VertxExtension.class)
class MetricsSeriesTest {
  private static final String SHA = "fedcba9876543210fedcba9876543210fedcba98";

  @Test
  void everySeriesIsExposed(Vertx vertx, VertxTestContext tc) {
    FakeGitHub fake = new FakeGitHub(vertx);
    fake.file("acme", "app", SHA, "a.py", "print(1)");
    JsonObject req = new JsonObject().put("repositoryURL", "https://github.com/acme/app").put("ref", SHA).put("localPath", "a.py");
    fake.start()
        .compose(f -> TestGateway.start(vertx, TestGateway.env(fake)))
        .compose(gw -> gw.call("GetFile", req, TestGateway.cookieFor("gho_m"))
            .compose(r -> gw.call("GetFile", req, TestGateway.cookieFor("gho_m")))
            .compose(r -> gw.client().get("/metrics").send())
            .compose(res -> gw.stop().compose(v -> fake.stop()).map(res.bodyAsString())))
        .onComplete(tc.succeeding(text -> tc.verify(() -> {
          for (String series : List.of(
              "sourcegate_requests_seconds_count{code=\"ok\",method=\"GetFile\"}",
              "sourcegate_requests_seconds_bucket{code=\"ok\",method=\"GetFile\",le=",
              "sourcegate_upstream_requests_total{host=\"127.0.0.1\",route=\"contents\",status=\"200\"}",
              "sourcegate_registry_requests_total{outcome=\"call\",registry=\"github.com\"}",
              "sourcegate_cache_lookups_total{level=\"local\",result=\"hit\"}",
              "sourcegate_cache_lookups_total{level=\"local\",result=\"miss\"}",
              "sourcegate_cache_lookups_total{level=\"resolution\",result=\"hit\"}",
              "cache_gets_total{cache=\"sourcegate\"",
              "cache_evictions_total{cache=\"sourcegate\"",
              "sourcegate_cache_bytes{level=\"local\"}",
              "sourcegate_cache_bytes{level=\"resolution\"}",
              "sourcegate_coalesced_calls",
              "sourcegate_github_ratelimit_remaining",
              "sourcegate_circuit_breaker_state{host=",
              "sourcegate_upstream_paused_scopes{host=",
              "sourcegate_upstream_throttle_probability{host=",
              "sourcegate_inflight_requests",
              "jvm_memory_used_bytes{area=\"heap\"")) {
            assertTrue(text.contains(series), "missing " + series);
          }
          tc.completeNow();
        })));
  }
}
