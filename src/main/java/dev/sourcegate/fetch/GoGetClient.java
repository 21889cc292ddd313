package dev.sourcegate.fetch;

import dev.sourcegate.bus.Code;
import dev.sourcegate.bus.RpcException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Reads a Go vanity import path's page (?go-get=1), which names where the module's code lives. */
public final class GoGetClient {
  private static final int MAX_PAGE_BYTES = 512 * 1024;
  private final UpstreamClient http;
  private final String base;

  /** base is null to read https://P?go-get=1, or a URL whose path P is appended to. */
  public GoGetClient(UpstreamClient http, URI base) {
    this.http = http;
    this.base = base == null ? null : UrlPaths.base(base);
  }

  public Future<String> page(String importPath, long deadline) {
    String url;
    try {
      url = url(importPath);
    } catch (RpcException e) {
      return Future.failedFuture(e);
    }
    return http.get(url, MultiMap.caseInsensitiveMultiMap().add("Accept", "text/html"), MAX_PAGE_BYTES, "go-get", deadline)
        .compose(res -> res.status() == 200
            ? Future.succeededFuture(res.body().toString(StandardCharsets.UTF_8))
            : Future.failedFuture(RpcException.notFound("no Go import page for " + importPath)));
  }

  String url(String importPath) {
    if (!importPath.matches("[A-Za-z0-9.-]+(/[A-Za-z0-9._~!-]+)*")) {
      throw RpcException.invalidArgument("not a Go import path");
    }
    String host = importPath.split("/", 2)[0];
    if (!host.contains(".") || host.startsWith(".") || host.endsWith(".")) {
      throw new RpcException(Code.NOT_FOUND, "not a Go import path with a host");
    }
    String prefix = base == null ? "https://" + host : base + "/" + UrlPaths.encode(host);
    String rest = importPath.length() > host.length() ? "/" + UrlPaths.encodePath(importPath.substring(host.length() + 1)) : "";
    return prefix + rest + "?go-get=1";
  }
}
