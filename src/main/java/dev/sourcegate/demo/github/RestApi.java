package dev.sourcegate.demo.github;

import static dev.sourcegate.demo.github.Answers.conditional;
import static dev.sourcegate.demo.github.Answers.enc;
import static dev.sourcegate.demo.github.Answers.error;
import static dev.sourcegate.demo.github.Answers.etag;
import static dev.sourcegate.demo.github.Answers.json;
import static dev.sourcegate.demo.github.Answers.notFound;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The part of GitHub's REST API the gateway reads, under {@code /api}: {@code /repos/{o}/{r}} (the access
 * check, with ETag and 304), {@code /repos/{o}/{r}/contents/{path}?ref=} (base64 JSON, empty with encoding
 * "none" over 1 MB as GitHub does, raw bytes for the raw media type, a listing for a directory) and
 * {@code /repos/{o}/{r}/commits/{ref}} (JSON, or the SHA for {@code application/vnd.github.sha}, with ETag
 * and 304), {@code /repos/{o}/{r}/git/trees/{sha}?recursive=1} ({@link GitTrees}) and {@code
 * /repos/{o}/{r}/git/blobs/{oid}} (raw bytes for the raw media type).
 */
final class RestApi {
  /** Above this GitHub's contents JSON leaves the content out: the raw media type has the bytes. */
  static final int LARGEST_INLINE_FILE = 1024 * 1024;
  private static final Pattern FULL_SHA = Pattern.compile("[0-9a-f]{40}");

  private final RepositoryStore repos;
  private final ApiAccess access;
  private final Supplier<String> baseUrl;

  RestApi(RepositoryStore repos, ApiAccess access, Supplier<String> baseUrl) {
    this.repos = repos;
    this.access = access;
    this.baseUrl = baseUrl;
  }

  private String apiUrl() {
    return baseUrl.get() + "/api";
  }

  void handle(RoutingContext ctx) {
    HttpServerResponse res = ctx.response()
        .putHeader("X-GitHub-Media-Type", "github.v3")
        .putHeader("X-GitHub-Api-Version-Selected", "2022-11-28");
    List<String> segs = Answers.segments(ctx.request().path().substring("/api".length()));
    if (segs == null) {
      json(res, 400, error("Bad request"));
      return;
    }
    String token = ApiAccess.bearer(ctx.request().getHeader("Authorization"));
    ApiAccess.Verdict verdict = access.check(token);
    if (!verdict.allowed()) {
      json(res, 401, error(verdict.message()));
      return;
    }
    access.count(token, res);
    if (segs.size() < 3 || !segs.get(0).equals("repos")) {
      json(res, 404, notFound());
      return;
    }
    Optional<SimRepository> repo = repos.find(segs.get(1), segs.get(2)).filter(r -> r.visibleTo(token));
    if (repo.isEmpty()) {
      json(res, 404, notFound());
      return;
    }
    List<String> rest = segs.subList(3, segs.size());
    if (rest.isEmpty()) {
      repository(ctx, repo.get());
    } else if (rest.get(0).equals("contents")) {
      contents(ctx, repo.get(), String.join("/", rest.subList(1, rest.size())));
    } else if (rest.get(0).equals("commits") && rest.size() > 1) {
      commit(ctx, repo.get(), String.join("/", rest.subList(1, rest.size())));
    } else if (rest.size() == 3 && rest.get(0).equals("git") && rest.get(1).equals("blobs")) {
      blob(ctx, repo.get(), rest.get(2));
    } else if (rest.size() > 2 && rest.get(0).equals("git") && rest.get(1).equals("trees")) {
      tree(ctx, repo.get(), String.join("/", rest.subList(2, rest.size())));
    } else {
      json(res, 404, notFound());
    }
  }

  private void repository(RoutingContext ctx, SimRepository repo) {
    JsonObject body = new JsonObject()
        .put("id", Math.abs((long) repo.fullName().hashCode()))
        .put("name", repo.name())
        .put("full_name", repo.fullName())
        .put("private", repo.isPrivate())
        .put("visibility", repo.isPrivate() ? "private" : "public")
        .put("owner", new JsonObject().put("login", repo.owner()).put("type", "Organization")
            .put("avatar_url", baseUrl.get() + "/avatars/" + repo.owner()))
        .put("html_url", "https://github.com/" + repo.fullName())
        .put("description", repo.description())
        .put("default_branch", repo.defaultBranch());
    conditional(ctx, etag("repo-" + repo.owner() + "-" + repo.name()), "application/json; charset=utf-8",
        Buffer.buffer(body.encode()));
  }

  private void contents(RoutingContext ctx, SimRepository repo, String path) {
    String ref = ctx.request().getParam("ref");
    Optional<Map<String, byte[]>> tree = repo.tree(ref);
    if (tree.isEmpty()) {
      json(ctx.response(), 404, error("No commit found for the ref " + ref));
      return;
    }
    String shownRef = ref != null && !ref.isEmpty() ? ref : repo.defaultBranch() != null ? repo.defaultBranch() : "HEAD";
    byte[] content = tree.get().get(path);
    if (content == null) {
      JsonArray listing = listing(repo, tree.get(), path, shownRef);
      if (listing.isEmpty()) {
        json(ctx.response(), 404, notFound());
      } else {
        conditional(ctx, etag(repo.resolve(ref).orElse("") + ":" + path + "/"), "application/json; charset=utf-8",
            Buffer.buffer(listing.encode()));
      }
      return;
    }
    String blobSha = repo.blobId(content);
    String accept = String.valueOf(ctx.request().getHeader("Accept"));
    if (accept.contains("vnd.github.raw") || accept.contains("vnd.github.v3.raw")) {
      conditional(ctx, etag(blobSha + ":raw"), "application/vnd.github.raw; charset=utf-8", Buffer.buffer(content));
      return;
    }
    boolean large = content.length > LARGEST_INLINE_FILE;
    String apiPath = apiUrl() + "/repos/" + repo.fullName() + "/contents/" + path;
    JsonObject body = new JsonObject()
        .put("type", "file")
        .put("encoding", large ? "none" : "base64")
        .put("size", content.length)
        .put("name", path.substring(path.lastIndexOf('/') + 1))
        .put("path", path)
        // GitHub wraps the base64 at 60 characters per line
        .put("content", large ? "" : Base64.getMimeEncoder(60, new byte[] {'\n'}).encodeToString(content) + "\n")
        .put("sha", blobSha)
        .put("url", apiPath + "?ref=" + enc(shownRef))
        .put("git_url", apiUrl() + "/repos/" + repo.fullName() + "/git/blobs/" + blobSha)
        .put("html_url", "https://github.com/" + repo.fullName() + "/blob/" + shownRef + "/" + path)
        .put("download_url", "https://raw.githubusercontent.com/" + repo.fullName() + "/" + shownRef + "/" + path);
    conditional(ctx, etag(blobSha), "application/json; charset=utf-8", Buffer.buffer(body.encode()));
  }

  /** A directory: its immediate entries (files and sub-directories); empty when there is no such directory. */
  private static JsonArray listing(SimRepository repo, Map<String, byte[]> tree, String dir, String ref) {
    String prefix = dir.isEmpty() ? "" : dir + "/";
    Map<String, String> entries = new TreeMap<>();
    for (String p : tree.keySet()) {
      if (!p.startsWith(prefix)) {
        continue;
      }
      String rest = p.substring(prefix.length());
      int slash = rest.indexOf('/');
      entries.putIfAbsent(slash < 0 ? rest : rest.substring(0, slash), slash < 0 ? "file" : "dir");
    }
    JsonArray out = new JsonArray();
    entries.forEach((name, type) -> out.add(new JsonObject().put("type", type).put("name", name).put("path", prefix + name)
        .put("html_url", "https://github.com/" + repo.fullName() + "/" + (type.equals("dir") ? "tree" : "blob") + "/" + ref
            + "/" + prefix + name)));
    return out;
  }

  /** A blob by its git id: raw bytes for the raw media type, else base64 JSON, as GitHub answers. */
  private void blob(RoutingContext ctx, SimRepository repo, String oid) {
    Optional<byte[]> content = FULL_SHA.matcher(oid).matches() ? repo.blob(oid) : Optional.empty();
    if (content.isEmpty()) {
      json(ctx.response(), 404, notFound());
      return;
    }
    String accept = String.valueOf(ctx.request().getHeader("Accept"));
    if (accept.contains("vnd.github.raw")) {
      conditional(ctx, etag(oid + ":raw"), "application/vnd.github.raw; charset=utf-8", Buffer.buffer(content.get()));
      return;
    }
    JsonObject body = new JsonObject().put("sha", oid).put("size", content.get().length)
        .put("url", apiUrl() + "/repos/" + repo.fullName() + "/git/blobs/" + oid)
        .put("content", Base64.getMimeEncoder(60, new byte[] {'\n'}).encodeToString(content.get()) + "\n")
        .put("encoding", "base64");
    conditional(ctx, etag(oid), "application/json; charset=utf-8", Buffer.buffer(body.encode()));
  }

  private void tree(RoutingContext ctx, SimRepository repo, String ref) {
    Optional<String> id = repo.snapshotOf(ref);
    Optional<Map<String, byte[]>> files = id.map(repo::files);
    if (files.isEmpty()) {
      json(ctx.response(), 404, notFound());
      return;
    }
    boolean recursive = ctx.request().getParam("recursive") != null;
    JsonObject body = GitTrees.answer(apiUrl(), repo, id.get(), files.get(), recursive);
    conditional(ctx, etag(body.getString("sha") + (recursive ? ":r" : "")), "application/json; charset=utf-8",
        Buffer.buffer(body.encode()));
  }

  private void commit(RoutingContext ctx, SimRepository repo, String ref) {
    Optional<JsonObject> found = repo.commitAt(ref);
    if (found.isEmpty()) {
      json(ctx.response(), 422, error("No commit found for SHA: " + ref));
      return;
    }
    String sha = found.get().getString("sha", "");
    String accept = String.valueOf(ctx.request().getHeader("Accept"));
    // one tag for both forms: they name the same commit
    if (accept.contains("vnd.github.sha")) {
      conditional(ctx, etag(sha), "application/vnd.github.sha; charset=utf-8", Buffer.buffer(sha));
      return;
    }
    conditional(ctx, etag(sha), "application/json; charset=utf-8", Buffer.buffer(found.get().encode()));
  }
}
