package dev.sourcegate.fetch;

import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.settings.GatewayConfig;
import dev.sourcegate.source.RepoRef;
import dev.sourcegate.fetch.ssrf.HostNames;
import dev.sourcegate.fetch.ssrf.Refused;
import dev.sourcegate.fetch.ssrf.SafeHttpsClient;
import dev.sourcegate.fetch.ssrf.SafeResolver;
import dev.sourcegate.ops.GatewayMetrics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Function;

/**
 * Reads a Go vanity import path's page (?go-get=1), which names where the module's code lives.
 *
 * <p>The import path comes from profile data, so by default (no SOURCEGATE_GO_GET_URL) the page is
 * read through {@link SafeHttpsClient}: https on port 443 only, the host a DNS name (IP literals of any
 * spelling, user-info and ports are refused before any DNS or TCP), every resolved address public,
 * the connection made to the checked address, at most 3 redirects, each checked the same way.
 * SOURCEGATE_GO_GET_ALLOW_PRIVATE=true (tests only) lifts the address check, nothing else. A refused
 * look-up is logged at INFO with its reason and answered not_found, with no address in the message.
 *
 * <p>With SOURCEGATE_GO_GET_URL set to a base B, the page is read at B/P?go-get=1 through the shared
 * {@link UpstreamClient}: B is the operator's and trusted, and each segment of P is percent-encoded. P's
 * host is judged as above all the same (B would relay it), and refused the same way.
 */
public final class GoGetClient implements SourceProvider {
  private static final System.Logger LOG = System.getLogger(GoGetClient.class.getName());
  private static final int MAX_PAGE_BYTES = 512 * 1024;
  private static final int DEFAULT_CONNECT_TIMEOUT_MS = 5000;
  private static final int DEFAULT_TIMEOUT_MS = 10000;

  private final UpstreamClient http;
  private final String base;
  private final GatewayMetrics metrics;
  private final SafeHttpsClient direct;

  /**
   * The gateway's constructor: base URL, timeouts and SOURCEGATE_GO_GET_ALLOW_PRIVATE from config.
   * metrics may be null.
   */
  public GoGetClient(Vertx vertx, UpstreamClient http, GatewayConfig config, GatewayMetrics metrics) {
    this(http, config.upstreams().goGetUrl(),
        config.upstreams().goGetUrl() != null ? null : new SafeHttpsClient(vertx,
            SafeResolver.system(vertx, config.resilience().goGetAllowPrivate()),
            SafeHttpsClient.Settings.production(config.upstreams().connectTimeoutMs(), config.upstreams().timeoutMs())),
        metrics);
  }

  /** Test seam: direct is the client used when base is null (its resolver, address check and port). */
  GoGetClient(UpstreamClient http, URI base, SafeHttpsClient direct, GatewayMetrics metrics) {
    this.http = http;
    this.base = base == null ? null : UrlPaths.base(base);
    this.direct = direct;
    this.metrics = metrics;
  }

  @Override
  public String host() {
    return RepoRef.GO_IMPORT;
  }

  @Override
  public String upstreamName() {
    return UpstreamScope.MODULE_HOST;
  }

  /** One server usually answers every path of its host, so a host's faults are counted together. */
  @Override
  public UpstreamScope scope(RepoRef where) {
    return UpstreamScope.goImport(where.repo());
  }

  @Override
  public Future<String> page(ProviderCall call, RepoRef where) {
    return page(where.repo(), call.deadline());
  }

  public Future<String> page(String importPath, long deadline) {
    return base != null ? viaBase(importPath, deadline) : direct(importPath, deadline);
  }

  // ---- SOURCEGATE_GO_GET_URL set: the operator's base, as before

  private Future<String> viaBase(String importPath, long deadline) {
    String url;
    try {
      url = url(importPath);
    } catch (Refused r) {
      return refused(importPath, r);
    }
    return http.get(url, accept(), MAX_PAGE_BYTES, "go-get", deadline, UpstreamScope.goImport(importPath))
        .compose(res -> res.status() == 200
            ? Future.succeededFuture(res.body().toString(StandardCharsets.UTF_8))
            : Future.failedFuture(notFound(importPath)));
  }

  /**
   * B/host/encoded/path?go-get=1. The mirror fetches whatever host it is handed, so the import path's
   * host must pass the same test as a direct look-up's (a DNS name: no address, port or localhost).
   */
  String url(String importPath) {
    ImportPath p = ImportPath.checked(importPath);
    return base + "/" + UrlPaths.encode(p.host()) + (p.rest().isEmpty() ? "" : "/" + UrlPaths.encodePath(p.rest())) + "?go-get=1";
  }

  // ---- default: https://P?go-get=1, guarded

  private Future<String> direct(String importPath, long deadline) {
    SafeHttpsClient client;
    String url;
    try {
      url = directUrl(importPath);
      client = directClient();
    } catch (Refused r) {
      return refused(importPath, r);
    }
    return client.get(url, accept(), MAX_PAGE_BYTES, deadline)
        .transform(ar -> {
          record(ar.succeeded() ? ar.result().status() : 0);
          if (ar.failed()) {
            return ar.cause() instanceof Refused r ? refused(importPath, r) : Future.failedFuture(ar.cause());
          }
          return ar.result().status() == 200
              ? Future.succeededFuture(ar.result().body().toString(StandardCharsets.UTF_8))
              : Future.failedFuture(notFound(importPath));
        });
  }

  /** https://HOST/encoded/path?go-get=1 for an import path whose host is a DNS name; else Refused. */
  static String directUrl(String importPath) {
    ImportPath p = ImportPath.checked(importPath);
    return "https://" + p.host().toLowerCase(Locale.ROOT) + "/" + UrlPaths.encodePath(p.rest()) + "?go-get=1";
  }

  /**
   * An import path split at its host, both checked: the host must be a DNS name (no address, port or
   * localhost) and the rest plain path segments, whether the page is read directly or through a mirror
   * (which fetches whatever host it is handed).
   */
  private record ImportPath(String host, String rest) {
    static ImportPath checked(String importPath) {
      int slash = importPath.indexOf('/');
      String host = slash < 0 ? importPath : importPath.substring(0, slash);
      HostNames.refusal(host).ifPresent(why -> {
        throw new Refused(why);
      });
      String rest = slash < 0 ? "" : importPath.substring(slash + 1);
      if (!rest.isEmpty() && !rest.matches("[A-Za-z0-9._~!-]+(/[A-Za-z0-9._~!-]+)*")) {
        throw new Refused("not a Go import path");
      }
      return new ImportPath(host, rest);
    }
  }

  private SafeHttpsClient directClient() {
    if (direct == null) {
      throw new Refused("no direct client: a base URL is configured");
    }
    return direct;
  }

  private static Future<String> refused(String importPath, Refused r) {
    LOG.log(Level.INFO, "Go vanity look-up refused for " + shown(importPath) + ": " + r.reason());
    return Future.failedFuture(notFound(importPath));
  }

  private static RpcException notFound(String importPath) {
    return RpcException.notFound("no Go import page for " + importPath);
  }

  private void record(int status) {
    if (metrics != null) {
      // A fixed host label: the vanity host comes from profile data and would make the metric unbounded.
      metrics.recordUpstream("go-vanity", "go-get", status);
    }
  }

  private static MultiMap accept() {
    return MultiMap.caseInsensitiveMultiMap().add("Accept", "text/html");
  }

  /** The import path for a log line: printable ASCII, bounded. */
  private static String shown(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length() && sb.length() < 200; i++) {
      char c = s.charAt(i);
      sb.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return "'" + sb + (s.length() > 200 ? "...'" : "'");
  }

  /** Closes the direct client (the base URL's client is the shared UpstreamClient, closed by its owner). */
  public Future<Void> close() {
    SafeHttpsClient c = direct;
    return c == null ? Future.succeededFuture() : c.close();
  }
}
