package dev.sourcegate.fetch;

import dev.sourcegate.fetch.ssrf.UpstreamResponse;

import dev.sourcegate.source.CommitSha;
import dev.sourcegate.source.TokenHash;

import dev.sourcegate.rpc.Code;
import dev.sourcegate.bus.Messages.CommitOutcome;
import dev.sourcegate.bus.Messages.FetchedCommit;
import dev.sourcegate.bus.Messages.FileAt;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.FileTree;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Base64;
import java.util.List;

/** GitHub's REST API: file contents, commits, refs, file trees and repository visibility, with the caller's token. */
public final class GitHubProvider implements SourceProvider {
  /** A contents answer is base64 inside JSON: a 1 MB file makes a ~1.4 MB answer. */
  private static final int MAX_JSON_BYTES = 4 * 1024 * 1024;
  private static final int MAX_COMMIT_BYTES = 2 * 1024 * 1024;

  private final UpstreamClient http;
  private final String api;
  private final int maxFileBytes;
  private final RateLimits rateLimits;
  private final GitHubGraphQl graphQl;

  /** REST only. */
  public GitHubProvider(UpstreamClient http, URI apiUrl, int maxFileBytes, RateLimits rateLimits) {
    this(http, apiUrl, maxFileBytes, rateLimits, null);
  }

  /** graphQl: batched look-ups first (REST serves what it cannot); null for REST only. */
  GitHubProvider(UpstreamClient http, URI apiUrl, int maxFileBytes, RateLimits rateLimits, GitHubGraphQl graphQl) {
    this.http = http;
    this.api = UrlPaths.base(apiUrl);
    this.maxFileBytes = maxFileBytes;
    this.rateLimits = rateLimits;
    this.graphQl = graphQl;
  }

  @Override
  public String host() {
    return RepoRef.GITHUB;
  }

  @Override
  public String upstreamName() {
    return UpstreamScope.GITHUB;
  }

  @Override
  public UpstreamScope scope(RepoRef where) {
    return UpstreamScope.githubRepository(where.owner(), where.repo());
  }

  /** Every GitHub call goes through here: a token known to be rate limited is not used before its reset. */
  private Future<UpstreamResponse> get(ProviderCall call, String url, MultiMap headers, int maxBytes, String route) {
    String token = call.token();
    String tokenHash = TokenHash.of(token);
    try {
      rateLimits.check(tokenHash, System.currentTimeMillis());
    } catch (RpcException e) {
      return Future.failedFuture(e);
    }
    return http.get(url, headers, maxBytes, route, call.deadline(), call.scope()).onSuccess(res -> rateLimits.observe(tokenHash, res, System.currentTimeMillis()));
  }

  @Override
  public Future<RefAnswer> resolveRef(ProviderCall call, RepoRef where, String ref, String etag) {
    String url = repoUrl(where) + "/commits/" + UrlPaths.encodePath(ref);
    MultiMap h = headers(call.token(), "application/vnd.github.sha");
    if (etag != null) {
      h.add("If-None-Match", etag);
    }
    return get(call, url, h, 64 * 1024, "ref").compose(res -> {
      if (res.status() == 304) {
        return Future.succeededFuture(new RefAnswer(null, etag, true));
      }
      if (res.status() != 200) {
        return Future.failedFuture(GitHubStatus.toRpc(res, "ref " + ref));
      }
      String body = res.body().toString().trim();
      String sha = body;
      if (body.startsWith("{")) {
        // some servers ignore the sha media type and answer the full commit
        JsonObject json = object(res, "ref " + ref);
        sha = json == null ? "" : json.getString("sha", "");
      }
      if (!CommitSha.isFull(sha)) {
        return Future.failedFuture(new RpcException(Code.UNKNOWN, "GitHub answered no commit for ref " + ref));
      }
      return Future.succeededFuture(new RefAnswer(sha.toLowerCase(java.util.Locale.ROOT), res.headers().get("ETag"), false));
    });
  }

  /** GitHub does not count a 304 against the rate limit, so a re-check with the last ETag is cheap. */
  @Override
  public Future<RepoAnswer> repository(ProviderCall call, RepoRef where, String etag) {
    MultiMap h = headers(call.token(), "application/vnd.github+json");
    if (etag != null) {
      h.add("If-None-Match", etag);
    }
    return get(call, repoUrl(where), h, 256 * 1024, "repo").compose(res -> {
      if (res.status() == 304) {
        return Future.succeededFuture(new RepoAnswer(false, etag, true));
      }
      if (res.status() != 200) {
        return Future.failedFuture(GitHubStatus.toRpc(res, "repository " + where.owner() + "/" + where.repo()));
      }
      JsonObject json = object(res, "repository");
      boolean isPrivate = json == null || !Boolean.FALSE.equals(json.getValue("private"));
      return Future.succeededFuture(new RepoAnswer(!isPrivate, res.headers().get("ETag"), false));
    });
  }

  /** Not found also for a directory. */
  @Override
  public Future<SourceFile> file(ProviderCall call, RepoRef where, String ref, String path) {
    String url = repoUrl(where) + "/contents/" + UrlPaths.encodePath(path) + "?ref=" + UrlPaths.encode(ref);
    String what = "file " + path;
    return get(call, url, headers(call.token(), "application/vnd.github+json"), MAX_JSON_BYTES, "contents")
        .compose(res -> {
          if (res.status() != 200) {
            return Future.failedFuture(GitHubStatus.toRpc(res, what));
          }
          JsonObject json = object(res, what);
          if (json == null || !"file".equals(json.getString("type"))) {
            return Future.failedFuture(RpcException.notFound(what + " not found (not a file)"));
          }
          String htmlUrl = json.getString("html_url", "");
          String encoding = json.getString("encoding", "");
          String content = json.getString("content", "");
          long size = json.getValue("size") instanceof Number n ? n.longValue() : 0L;
          if (size > maxFileBytes) {
            return Future.failedFuture(tooLarge(what));
          }
          if ("base64".equals(encoding)) {
            byte[] bytes;
            try {
              bytes = Base64.getMimeDecoder().decode(content);
            } catch (IllegalArgumentException e) {
              return Future.failedFuture(new RpcException(Code.UNKNOWN, "GitHub sent an undecodable " + what));
            }
            return bytes.length > maxFileBytes ? Future.failedFuture(tooLarge(what))
                : Future.succeededFuture(new SourceFile(bytes, htmlUrl));
          }
          // over 1 MB GitHub leaves content empty (encoding "none"): the raw media type has the bytes
          return raw(call, url, what).map(bytes -> new SourceFile(bytes, htmlUrl));
        });
  }

  /** Over GraphQL, one query for all files; REST has no batched way. */
  @Override
  public Future<List<BatchedFile>> files(ProviderCall call, List<FileAt> files) {
    return graphQl == null ? SourceProvider.super.files(call, files) : graphQl.files(call, files, maxFileBytes, this::blob);
  }

  /** Extras ride along GraphQL file queries only; REST sends one file per call, so none there. */
  @Override
  public int prefetchLimit() {
    return graphQl == null ? 0 : graphQl.prefetchLimit();
  }

  @Override
  public boolean prefetchable(RepoRef where, String path) {
    return graphQl != null && graphQl.prefetchable(where, path);
  }

  @Override
  public Future<List<BatchedFile>> files(ProviderCall call, List<FileAt> files, List<FileAt> extras) {
    return graphQl == null ? SourceProvider.super.files(call, files, extras)
        : graphQl.files(call, files, extras, maxFileBytes, this::blob);
  }

  /** A blob's exact bytes by oid (GraphQL's text is not them: binary, cut or not UTF-8), up to maxFileBytes. */
  private Future<byte[]> blob(ProviderCall call, RepoRef where, String oid, String path) {
    ProviderCall own = new ProviderCall(call.token(), call.deadline(), scope(where));
    return raw(own, repoUrl(where) + "/git/blobs/" + UrlPaths.encode(oid), "file " + path, "blob-raw");
  }

  private Future<byte[]> raw(ProviderCall call, String url, String what) {
    return raw(call, url, what, "contents-raw");
  }

  private Future<byte[]> raw(ProviderCall call, String url, String what, String route) {
    return get(call, url, headers(call.token(), "application/vnd.github.raw+json"), maxFileBytes, route)
        .recover(e -> Future.failedFuture(e instanceof CappedBuffer.Overflow ? tooLarge(what) : e))
        .compose(res -> res.status() == 200
            ? Future.succeededFuture(res.body().getBytes())
            : Future.failedFuture(GitHubStatus.toRpc(res, what)));
  }

  private RpcException tooLarge(String what) {
    return new FileTooLargeException(what, maxFileBytes);
  }

  /**
   * The recursive tree of a commit (or a ref GitHub resolves itself). An answer past the byte cap is read
   * as a truncated tree with no paths: the rules then fall back to conventional layouts.
   */
  @Override
  public Future<FileTree> tree(ProviderCall call, RepoRef where, String ref) {
    String url = repoUrl(where) + "/git/trees/" + UrlPaths.encode(ref) + "?recursive=1";
    return get(call, url, headers(call.token(), "application/vnd.github+json"), GitHubTrees.MAX_TREE_BYTES, "tree")
        .map(res -> {
          if (res.status() != 200) {
            // 409: an empty repository has no tree
            throw res.status() == 409 ? RpcException.notFound("tree " + ref + " not found") : GitHubStatus.toRpc(res, "tree " + ref);
          }
          return GitHubTrees.parse(res.body(), GitHubTrees.MAX_PATHS);
        })
        .recover(e -> e instanceof CappedBuffer.Overflow
            ? Future.succeededFuture(new FileTree(List.of(), true)) : Future.failedFuture(e));
  }

  /** ref may hold slashes (heads/main), each segment is encoded on its own. */
  @Override
  public Future<FetchedCommit> commit(ProviderCall call, RepoRef where, String ref) {
    String url = repoUrl(where) + "/commits/" + UrlPaths.encodePath(ref);
    String what = "commit " + ref;
    return get(call, url, headers(call.token(), "application/vnd.github+json"), MAX_COMMIT_BYTES, "commit")
        .compose(res -> {
          if (res.status() != 200) {
            return Future.failedFuture(GitHubStatus.toRpc(res, what));
          }
          JsonObject json = object(res, what);
          if (json == null) {
            return Future.failedFuture(new RpcException(Code.INTERNAL, "GitHub sent an unreadable " + what));
          }
          return Future.succeededFuture(commitOf(json));
        });
  }

  /** Over GraphQL, one query for all refs; REST has no batched way. */
  @Override
  public Future<List<CommitOutcome>> commits(ProviderCall call, RepoRef where, List<String> refs) {
    return graphQl == null ? SourceProvider.super.commits(call, where, refs) : graphQl.commits(call, where, refs);
  }

  static FetchedCommit commitOf(JsonObject json) {
    JsonObject commit = json.getValue("commit") instanceof JsonObject c ? c : new JsonObject();
    JsonObject gitAuthor = commit.getValue("author") instanceof JsonObject a ? a : new JsonObject();
    String message = commit.getValue("message") instanceof String m ? m : "";
    String date = gitAuthor.getValue("date") instanceof String d ? d : "";
    if (message.isEmpty() || date.isEmpty()) {
      throw new RpcException(Code.INTERNAL, "commit has no message or date");
    }
    JsonObject user = json.getValue("author") instanceof JsonObject u ? u : new JsonObject();
    String login = user.getValue("login") instanceof String l ? l : "";
    String avatar = user.getValue("avatar_url") instanceof String a ? a : "";
    if (login.isEmpty() || avatar.isEmpty()) {
      login = "";
      avatar = "";
    }
    return new FetchedCommit(json.getString("sha", ""), message, date, json.getString("html_url", ""), login, avatar);
  }

  private String repoUrl(RepoRef where) {
    return api + "/repos/" + UrlPaths.encode(where.owner()) + "/" + UrlPaths.encode(where.repo());
  }

  private static MultiMap headers(String token, String accept) {
    MultiMap h = MultiMap.caseInsensitiveMultiMap()
        .add("Accept", accept)
        .add("X-GitHub-Api-Version", "2022-11-28");
    if (token != null && !token.isEmpty()) {
      h.add("Authorization", "Bearer " + token);
    }
    return h;
  }

  private static JsonObject object(UpstreamResponse res, String what) {
    try {
      Object parsed = io.vertx.core.json.Json.decodeValue(res.body());
      return parsed instanceof JsonObject o ? o : null;
    } catch (DecodeException e) {
      throw new RpcException(Code.UNKNOWN, "GitHub sent invalid JSON for " + what);
    }
  }
}
