package dev.sourcegate.fetch;

import com.github.benmanes.caffeine.cache.Cache;
import dev.sourcegate.fetch.ssrf.HostNames;
import dev.sourcegate.fetch.ssrf.UpstreamResponse;
import dev.sourcegate.ops.Caches;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * Downloads a version's {@code .crate}: {@code GET <registry>/api/v1/crates/<name>/<version>/download},
 * which crates.io answers with a redirect to its static host (a mirror may answer the bytes at once).
 * At most three redirects are followed, by hand: a hop on the registry's own origin carries its
 * credentials; a hop anywhere else carries none and must be https to a DNS name (no address literal, no
 * localhost, no user-info, no port but 443), so the registry's answer cannot point the gateway inside
 * its own network. The body is capped.
 *
 * <p>A profile shows many files of one crate (tokio, say), and the cache in front of the providers keeps
 * files, not archives: so the last downloads are kept here for some minutes (bounded in bytes), and
 * concurrent downloads of one crate are made once. What is kept is what the registry sent; it is checked
 * against its checksum on every read ({@link CratesProvider}).
 */
final class CrateDownloads {
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  private static final int MAX_REDIRECTS = 3;
  private static final long KEPT_BYTES = 64L * 1024 * 1024;

  private final UpstreamClient http;
  private final RegistryAccess registry;
  private final int maxCrateBytes;
  private final MultiMap identity;
  private final Coalescer<String> inFlight = new Coalescer<>();
  private final Cache<String, byte[]> recent = Caches.builder()
      .maximumWeight(KEPT_BYTES)
      .weigher((String k, byte[] v) -> v.length + k.length())
      .expireAfterAccess(Duration.ofMinutes(5))
      .build();

  CrateDownloads(UpstreamClient http, RegistryAccess registry, int maxCrateBytes, MultiMap identity) {
    this.http = http;
    this.registry = registry;
    this.maxCrateBytes = maxCrateBytes;
    this.identity = identity;
  }

  Future<byte[]> crate(ProviderCall call, String name, String version, String what) {
    String key = name + "@" + version;
    byte[] kept = recent.getIfPresent(key);
    if (kept != null) {
      return Future.succeededFuture(kept);
    }
    String url = registry.base() + "/api/v1/crates/" + UrlPaths.encode(name) + "/" + UrlPaths.encode(version) + "/download";
    return inFlight.call(key, () -> follow(call, url, 0, what).map(bytes -> {
      recent.put(key, bytes);
      return bytes;
    }));
  }

  private Future<byte[]> follow(ProviderCall call, String url, int hops, String what) {
    MultiMap headers = registry.headersFor(url).addAll(identity);
    return http.get(url, headers, maxCrateBytes, hops == 0 ? "crate-download" : "crate-file", call.deadline(), call.scope())
        .recover(e -> Future.failedFuture(e instanceof CappedBuffer.Overflow
            ? new FileTooLargeException("the .crate of " + what, maxCrateBytes) : e))
        .compose(res -> {
          if (res.status() == 200) {
            return Future.succeededFuture(res.body().getBytes());
          }
          if (REDIRECTS.contains(res.status()) && hops < MAX_REDIRECTS) {
            return follow(call, next(url, res, what), hops + 1, what);
          }
          if (res.status() == 404) {
            return Future.failedFuture(RpcException.notFound(what + " is not in the crate registry"));
          }
          return Future.failedFuture(CratesProvider.statusFailure(res.status(), "the .crate of " + what));
        });
  }

  /** Where a redirect points, if the gateway may go there (see the class comment). */
  private String next(String from, UpstreamResponse res, String what) {
    String location = res.headers().get("Location");
    URI to;
    try {
      to = location == null ? null : URI.create(from).resolve(location.trim());
    } catch (IllegalArgumentException e) {
      to = null;
    }
    if (to == null || to.getHost() == null) {
      throw new RpcException(Code.UNKNOWN, "the crate registry redirected the download of " + what + " nowhere usable");
    }
    String url = to.toString();
    boolean own = registry.isOwn(url) && to.getRawUserInfo() == null;
    boolean publicHttps = "https".equalsIgnoreCase(to.getScheme()) && to.getRawUserInfo() == null
        && (to.getPort() < 0 || to.getPort() == 443) && HostNames.refusal(to.getHost()).isEmpty();
    if (!own && !publicHttps) {
      throw new RpcException(Code.UNKNOWN, "the crate registry redirected the download of " + what
          + " to a location that is not read (not https to a public name, not the registry's own)");
    }
    return url;
  }
}
