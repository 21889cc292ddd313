package dev.sourcegate.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.testkit.FakeGitHub;
import dev.sourcegate.testkit.TestGateway;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * With tracing on, an RPC is a server span whose event-bus hops are its children, and every upstream
 * call is a client span.
 */
class TracingTest {
  /**
   * Completes when a server span ends. The RPC's server span ends just after the answer is written, so the
   * test waits for that event (30 s at most) rather than polling for a couple of seconds.
   */
  private static final class ServerSpanEnded implements SpanProcessor {
    final CompletableFuture<Void> ended = new CompletableFuture<>();

    @Override
    public void onStart(Context parent, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
      return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
      if (span.getKind() == SpanKind.SERVER && span.getName().equals("POST")) {
        ended.complete(null);
      }
    }

    @Override
    public boolean isEndRequired() {
      return true;
    }
  }

  /**
   * A cold GetFile reads GitHub through the resolver, the config-loader and the fetcher: every upstream
   * call it makes must sit under the RPC's server span, in its trace, not start a trace of its own.
   * The SDK here has no propagators (OpenTelemetrySdk's default, as with OTEL_PROPAGATORS=none): an
   * in-process hop must not depend on the format chosen for the wire.
   */
  @Test
  void upstreamCallsOfAColdGetFileAreDescendantsOfTheRpcSpan() throws Exception {
    assertUpstreamUnderTheRpc(spansOfOneColdGetFile(ContextPropagators.noop()));
  }

  /** With W3C propagation Vert.x links each hop itself; the hop's own span then stays in the chain. */
  @Test
  void upstreamCallsStayUnderTheRpcSpanWithW3cPropagation() throws Exception {
    assertUpstreamUnderTheRpc(spansOfOneColdGetFile(ContextPropagators.create(W3CTraceContextPropagator.getInstance())));
  }

  private static void assertUpstreamUnderTheRpc(List<SpanData> all) {
    SpanData rpc = all.stream().filter(TracingTest::isGetFileRpc).findFirst()
        .orElseThrow(() -> new AssertionError("no RPC span in " + all));
    List<SpanData> upstream = all.stream().filter(x -> x.getKind() == SpanKind.CLIENT && x.getName().equals("GET")).toList();
    // the file itself and the repository's .pyroscope.yaml, at least
    assertTrue(upstream.size() >= 2, "upstream calls are traced: " + all);
    Map<String, SpanData> byId = all.stream().collect(Collectors.toMap(SpanData::getSpanId, x -> x, (a, b) -> a));
    for (SpanData call : upstream) {
      assertEquals(rpc.getTraceId(), call.getTraceId(), "upstream call in the RPC's trace: " + call);
      assertTrue(hasAncestor(call, rpc, byId), "upstream call under the RPC's span: " + call);
    }
  }

  /** The spans of one cold GetFile through a gateway traced into memory, once its server span has ended. */
  private static List<SpanData> spansOfOneColdGetFile(ContextPropagators propagators) throws Exception {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    ServerSpanEnded serverSpan = new ServerSpanEnded();
    OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans))
            .addSpanProcessor(serverSpan).build())
        .setPropagators(propagators)
        .build();
    Vertx vertx = Tracing.createVertx(new VertxOptions(), otel);
    try {
      FakeGitHub fake = new FakeGitHub(vertx);
      fake.file("acme", "app", "main", "x.py", "print(1)");
      CompletableFuture<Integer> status = fake.start()
          .compose(f -> TestGateway.start(vertx, TestGateway.env(fake)))
          .compose(gw -> gw.call("GetFile", new JsonObject().put("repositoryURL", "https://github.com/acme/app")
                  .put("ref", "main").put("localPath", "x.py"), TestGateway.cookieFor("gho_t"))
              .compose(res -> gw.stop().map(res.statusCode())))
          .toCompletionStage().toCompletableFuture();
      assertEquals(200, status.get(30, TimeUnit.SECONDS));
      serverSpan.ended.get(30, TimeUnit.SECONDS);
      return spans.getFinishedSpanItems();
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static boolean isGetFileRpc(SpanData x) {
    return x.getKind() == SpanKind.SERVER && x.getName().equals("POST")
        && "/vcs.v1.VCSService/GetFile".equals(String.valueOf(
            x.getAttributes().asMap().entrySet().stream().filter(e -> e.getKey().getKey().equals("url.path"))
                .map(Map.Entry::getValue).findFirst().orElse("")));
  }

  private static boolean hasAncestor(SpanData span, SpanData ancestor, Map<String, SpanData> byId) {
    SpanData at = span;
    for (int depth = 0; at != null && depth < 64; depth++) {
      if (at.getParentSpanId().equals(ancestor.getSpanId())) {
        return true;
      }
      at = byId.get(at.getParentSpanId());
    }
    return false;
  }

  @Test
  void anRpcAndItsUpstreamCallsShareOneTrace() throws Exception {
    List<SpanData> all = spansOfOneColdGetFile(ContextPropagators.noop());
    SpanData rpc = all.stream()
        .filter(x -> x.getKind() == SpanKind.SERVER && x.getName().equals("POST")
            && "/vcs.v1.VCSService/GetFile".equals(x.getAttributes().asMap().entrySet().stream()
                .filter(e -> e.getKey().getKey().equals("url.path")).map(e -> String.valueOf(e.getValue())).findFirst().orElse("")))
        .findFirst().orElseThrow(() -> new AssertionError("no RPC span in " + all));
    List<String> hops = all.stream()
        .filter(x -> x.getKind() == SpanKind.CLIENT && x.getName().equals("send") && x.getTraceId().equals(rpc.getTraceId()))
        .map(x -> x.getAttributes().asMap().entrySet().stream()
            .filter(e -> e.getKey().getKey().equals("messaging.destination.name"))
            .map(e -> String.valueOf(e.getValue())).findFirst().orElse(""))
        // LoopAffinity sends to "address@<event loop>" when the sender's loop has its own consumer
        .map(address -> address.contains("@") ? address.substring(0, address.indexOf('@')) : address)
        .toList();
    assertTrue(hops.containsAll(List.of("sourcegate.auth.session", "sourcegate.resolver.rpc")), hops.toString());
    assertTrue(all.stream().anyMatch(x -> x.getKind() == SpanKind.CLIENT && x.getName().equals("GET")),
        "upstream calls are traced: " + all);
  }
}
