package dev.sourcegate.fetch;

import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.CommitSha;
import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * googlesource files: {base}/{project}/+/{ref}/{path}?format=TEXT answers the bytes in base64. Public:
 * every project may be read by anyone, so answers are shared and keyed by the ref as given.
 */
public final class GoogleSourceProvider implements SourceProvider {
  /** Go's release tags (v0.20.0, v1.2.3-rc.1) are never moved. */
  private static final Pattern VERSION_TAG = Pattern.compile("v\\d+\\.\\d+\\.\\d+.*");

  private final UpstreamClient http;
  private final String base;
  private final int maxFileBytes;

  public GoogleSourceProvider(UpstreamClient http, URI base, int maxFileBytes) {
    this.http = http;
    this.base = UrlPaths.base(base);
    this.maxFileBytes = maxFileBytes;
  }

  @Override
  public String host() {
    return RepoRef.GOOGLESOURCE;
  }

  @Override
  public String upstreamName() {
    return UpstreamScope.GO_SOURCE_HOST;
  }

  @Override
  public UpstreamScope scope(RepoRef where) {
    return UpstreamScope.googleSourceProject(where.repo());
  }

  @Override
  public boolean fixedRef(String ref) {
    return CommitSha.isFull(ref) || VERSION_TAG.matcher(ref).matches();
  }

  @Override
  public Future<SourceFile> file(ProviderCall call, RepoRef where, String ref, String path) {
    String project = where.repo();
    String url = base + "/" + UrlPaths.encodePath(project) + "/+/" + UrlPaths.encodePath(ref) + "/"
        + UrlPaths.encodePath(path) + "?format=TEXT";
    int maxBase64 = maxFileBytes / 3 * 4 + 1024;
    return http.get(url, MultiMap.caseInsensitiveMultiMap(), maxBase64, "googlesource", call.deadline(), call.scope())
        .compose(res -> {
          if (res.status() == 404) {
            return Future.failedFuture(RpcException.notFound("file " + path + " not found in " + project));
          }
          if (res.status() != 200) {
            return Future.failedFuture(new RpcException(res.status() >= 500 ? Code.UNAVAILABLE : Code.UNKNOWN,
                "googlesource answered " + res.status()));
          }
          try {
            byte[] bytes = Base64.getMimeDecoder().decode(res.body().toString(StandardCharsets.US_ASCII).trim());
            return Future.succeededFuture(new SourceFile(bytes, url));
          } catch (IllegalArgumentException e) {
            return Future.failedFuture(new RpcException(Code.UNKNOWN, "googlesource sent undecodable text"));
          }
        });
  }
}
