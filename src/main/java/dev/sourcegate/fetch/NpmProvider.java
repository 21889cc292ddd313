package dev.sourcegate.fetch;

import dev.sourcegate.fetch.registry.GitHubRepository;
import dev.sourcegate.fetch.registry.Integrity;
import dev.sourcegate.fetch.registry.RegistryOrigin;
import dev.sourcegate.fetch.registry.TarGzReader;
import dev.sourcegate.fetch.registry.TarLimits;
import dev.sourcegate.fetch.ssrf.UpstreamResponse;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.settings.GatewayConfig;
import dev.sourcegate.source.NpmNames;
import dev.sourcegate.source.PathGuard;
import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * An npm registry (registry.npmjs.org or a mirror: Verdaccio, Artifactory, Nexus) as a source host:
 * the repository is a package ({@link RepoRef#npm}), the ref an exact version, the path a file inside the
 * package. {@code GET <registry>/<name>/<version>} names the tarball and its integrity hash; the tarball
 * is downloaded up to a cap, checked against the hash and the one member is inflated off the event loop.
 * Published versions never change, so the generic layer caches every answer forever.
 *
 * <p>It lives in fetch (not fetch/registry, which holds what it reads archives with) because fetch
 * registers it: a provider in a subpackage would make the two packages depend on each other.
 *
 * <p>The tarball must live on the registry's own origin: the registry's answer is data, and a URL in it
 * must not send the gateway (with the registry's credentials) anywhere else.
 */
public final class NpmProvider implements SourceProvider {
  public static final String UPSTREAM = "the npm registry";

  private final Vertx vertx;
  private final UpstreamClient http;
  private final RegistryOrigin registry;
  private final int maxTarballBytes;
  private final TarLimits limits;
  private final GitHubTagLinks links;

  public NpmProvider(Vertx vertx, UpstreamClient http, GatewayConfig.NpmRegistry config, int maxFileBytes) {
    this(vertx, http, config, maxFileBytes, GitHubTagLinks.NONE);
  }

  NpmProvider(Vertx vertx, UpstreamClient http, GatewayConfig.NpmRegistry config, int maxFileBytes, GitHubTagLinks links) {
    this.links = links;
    this.vertx = vertx;
    this.http = http;
    this.registry = new RegistryOrigin(config.url(), config.token());
    this.maxTarballBytes = config.maxTarballBytes();
    this.limits = TarLimits.forMember(maxFileBytes, config.maxTarballBytes());
  }

  @Override
  public String host() {
    return RepoRef.NPM;
  }

  @Override
  public String upstreamName() {
    return UPSTREAM;
  }

  @Override
  public boolean fixedRef(String version) {
    // npm never lets a published version's bytes change (an unpublished version cannot be republished)
    return NpmNames.validVersion(version);
  }

  @Override
  public Future<SourceFile> file(ProviderCall call, RepoRef where, String version, String path) {
    String name = where.repo();
    if (!NpmNames.valid(name) || !NpmNames.validVersion(version)) {
      return Future.failedFuture(RpcException.invalidArgument("not an npm package at an exact version: " + name + "@" + version));
    }
    String what = "npm package " + name + "@" + version;
    String url = registry.base() + "/" + urlSegment(name) + "/" + UrlPaths.encode(version);
    MultiMap headers = registry.headers().add("Accept", "application/json");
    return http.get(url, headers, 4 * 1024 * 1024, "npm-version", call.deadline(), call.scope())
        .compose(res -> dist(res, what))
        .compose(dist -> {
          // the repository link is looked for while the tarball is read (a monorepo's package is in its directory)
          Future<Optional<String>> link = links.find(call,
              GitHubTagLinks.tagged(dist.repository(), name, version, dist.directory(), List.of(path)));
          return http.get(registry.sameOrigin(dist.tarball(), what), registry.headers(), maxTarballBytes,
                "npm-tarball", call.deadline(), call.scope())
            .compose(res -> {
              if (res.status() != 200) {
                return Future.failedFuture(status(res, "the tarball of " + what));
              }
              byte[] tgz = res.body().getBytes();
              return vertx.executeBlocking(() -> extract(tgz, dist, path, what), false);
            })
            .compose(found -> found
                .map(bytes -> link.map(l -> new SourceFile(bytes, l.orElseGet(() -> pageOf(name, version, path)))))
                .orElseGet(() -> Future.failedFuture(RpcException.notFound("file " + path + " not found in " + what))));
        });
  }

  /** The name as one URL path segment: {@code @scope%2fname}, as npm's own client sends it. */
  static String urlSegment(String name) {
    if (name.startsWith("@")) {
      int slash = name.indexOf('/');
      return "@" + UrlPaths.encode(name.substring(1, slash)) + "%2f" + UrlPaths.encode(name.substring(slash + 1));
    }
    return UrlPaths.encode(name);
  }

  /** A stable public page of the file: unpkg serves every version of every public package. */
  static String pageOf(String name, String version, String path) {
    return "https://unpkg.com/" + name + "@" + version + "/" + UrlPaths.encodePath(path);
  }

  /** What a version's document says: where its tarball is, its hashes, and the repository it names. */
  record Dist(String tarball, String integrity, String shasum, Optional<RepoRef> repository, String directory) {}

  private static Future<Dist> dist(UpstreamResponse res, String what) {
    if (res.status() == 404) {
      return Future.failedFuture(RpcException.notFound(what + " not found in the registry"));
    }
    if (res.status() != 200) {
      return Future.failedFuture(status(res, what));
    }
    try {
      JsonObject doc = new JsonObject(res.body());
      JsonObject dist = doc.getJsonObject("dist");
      String tarball = dist == null ? null : dist.getString("tarball");
      if (tarball == null || tarball.isEmpty()) {
        return Future.failedFuture(new RpcException(Code.UNKNOWN, "the registry names no tarball for " + what));
      }
      Object repo = doc.getValue("repository");
      Optional<RepoRef> repository = repo instanceof String r ? GitHubRepository.fromNpm(r)
          : repo instanceof JsonObject o && o.getValue("url") instanceof String u ? GitHubRepository.fromNpm(u) : Optional.empty();
      String directory = repo instanceof JsonObject o && o.getValue("directory") instanceof String d ? d : "";
      if (!safeDirectory(directory)) {
        // the registry's answer is data: a directory that climbs or holds control characters links nowhere
        repository = Optional.empty();
        directory = "";
      }
      return Future.succeededFuture(new Dist(tarball, dist.getString("integrity"), dist.getString("shasum"), repository, directory));
    } catch (DecodeException | ClassCastException e) {
      return Future.failedFuture(new RpcException(Code.UNKNOWN, "the registry's answer for " + what + " is not npm's JSON"));
    }
  }

  private static boolean safeDirectory(String directory) {
    try {
      PathGuard.check("repository.directory", directory);
      return !PathGuard.trimSlashes(directory).startsWith(".") && !directory.contains("/..") && !directory.contains("\\");
    } catch (RuntimeException e) {
      return false;
    }
  }

  private Optional<byte[]> extract(byte[] tgz, Dist dist, String path, String what) {
    return ArchiveMemberRead.read(() -> {
      Integrity.verify(tgz, dist.integrity(), dist.shasum(), "the tarball of " + what);
      return TarGzReader.member(tgz, path, limits);
    }, path, what, "the tarball", limits.maxMemberBytes());
  }

  private static RpcException status(UpstreamResponse res, String what) {
    int s = res.status();
    Code code = s == 401 || s == 403 ? Code.PERMISSION_DENIED : s == 429 ? Code.RESOURCE_EXHAUSTED
        : s >= 500 ? Code.UNAVAILABLE : Code.UNKNOWN;
    return new RpcException(code, UPSTREAM + " answered " + s + " for " + what);
  }

  /** For tests: where requests go (never shown in messages: it may be an internal name). */
  URI base() {
    return URI.create(registry.base());
  }
}
