package dev.sourcegate.fetch;

import dev.sourcegate.fetch.registry.ArchiveRefused;
import dev.sourcegate.rpc.RpcException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * {@code sourcegate_registry_requests_total{registry, outcome}}: every read of every provider (files,
 * commits, trees, pages), counted once in {@link CachingFetcher} so a provider added later is counted with
 * no code of its own. registry is the provider's {@link SourceProvider#host} (pypi, npm, github.com,
 * googlesource, go-import, ...). outcome: {@code hit} answered from the cache (this machine's or the
 * fleet's, a remembered miss included); otherwise one upstream call, coalesced calls counted once, ended
 * as {@code call} (content), {@code miss} (not found), {@code refused} (a refused archive or a file over
 * the size cap) or {@code error} (anything else: the host down, a rate limit, a permission).
 */
final class RegistryRequests {
  static final RegistryRequests NONE = new RegistryRequests(null);

  private final MeterRegistry meters;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  RegistryRequests(MeterRegistry meters) {
    this.meters = meters;
  }

  void hit(String registry) {
    count(registry, "hit");
  }

  /** Runs one upstream call and counts how it ended. */
  <T> Future<T> call(String registry, Supplier<Future<T>> upstream) {
    return upstream.get().andThen(ar -> count(registry, ar.succeeded() ? "call" : outcome(ar.cause())));
  }

  private static String outcome(Throwable failure) {
    if (RpcException.isNotFound(failure)) {
      return "miss";
    }
    return failure instanceof ArchiveRefused || failure instanceof FileTooLargeException ? "refused" : "error";
  }

  private void count(String registry, String outcome) {
    if (meters == null) {
      return;
    }
    counters.computeIfAbsent(registry + " " + outcome, k -> Counter.builder("sourcegate_registry_requests")
        .description("Reads per source provider: cache hits, and upstream calls by how they ended")
        .tag("registry", registry)
        .tag("outcome", outcome)
        .register(meters)).increment();
  }
}
