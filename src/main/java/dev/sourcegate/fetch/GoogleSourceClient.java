package dev.sourcegate.fetch;

import dev.sourcegate.rpc.Code;
import dev.sourcegate.bus.Messages.FetchedFile;
import dev.sourcegate.rpc.RpcException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** go.googlesource.com files: {base}/{project}/+/{ref}/{path}?format=TEXT answers the bytes in base64. */
public final class GoogleSourceClient {
  private final UpstreamClient http;
  private final String base;
  private final int maxFileBytes;

  public GoogleSourceClient(UpstreamClient http, URI base, int maxFileBytes) {
    this.http = http;
    this.base = UrlPaths.base(base);
    this.maxFileBytes = maxFileBytes;
  }

  public Future<FetchedFile> file(String project, String ref, String path, long deadline) {
    String url = base + "/" + UrlPaths.encodePath(project) + "/+/" + UrlPaths.encodePath(ref) + "/"
        + UrlPaths.encodePath(path) + "?format=TEXT";
    int maxBase64 = maxFileBytes / 3 * 4 + 1024;
    return http.get(url, MultiMap.caseInsensitiveMultiMap(), maxBase64, "googlesource", deadline,
        UpstreamScope.googleSourceProject(project)).compose(res -> {
      if (res.status() == 404) {
        return Future.failedFuture(RpcException.notFound("file " + path + " not found in " + project));
      }
      if (res.status() != 200) {
        return Future.failedFuture(new RpcException(res.status() >= 500 ? Code.UNAVAILABLE : Code.UNKNOWN,
            "googlesource answered " + res.status()));
      }
      try {
        byte[] bytes = Base64.getMimeDecoder().decode(res.body().toString(StandardCharsets.US_ASCII).trim());
        return Future.succeededFuture(new FetchedFile(bytes, url));
      } catch (IllegalArgumentException e) {
        return Future.failedFuture(new RpcException(Code.UNKNOWN, "googlesource sent undecodable text"));
      }
    });
  }
}
