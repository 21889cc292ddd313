package dev.sourcegate.fetch;

import com.github.benmanes.caffeine.cache.Cache;
import dev.sourcegate.fetch.registry.ArchiveRefused;
import dev.sourcegate.fetch.registry.TarGzReader;
import dev.sourcegate.fetch.registry.TarLimits;
import dev.sourcegate.ops.Caches;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.settings.GatewayConfig;
import dev.sourcegate.source.CrateNames;
import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Rust crates from crates.io or a mirror that speaks its web API: {@link RepoRef#crates}, the ref the
 * version ({@link CrateNames#ref}: with the SHA-256 the repository's Cargo.lock recorded, when it did),
 * the path a file inside the crate. The {@code .crate} (a tar.gz whose members are
 * {@code <name>-<version>/<path>}) is downloaded up to a cap ({@link CrateDownloads}), checked against
 * the lock's SHA-256, else against the one the registry's metadata gives
 * ({@code GET <registry>/api/v1/crates/<name>/<version>}: {@code version.checksum}, asked at the same
 * time as the download), and the one member is inflated off the event loop under the hostile-archive
 * limits of fetch/registry. Published versions never change (crates.io never lets a version be
 * re-uploaded; a yanked one stays downloadable), so the generic layer caches every answer forever.
 *
 * <p>crates.io requires a User-Agent that says who is asking: every request sends one.
 */
public final class CratesProvider implements SourceProvider {
  public static final String UPSTREAM = "the crate registry";
  static final String USER_AGENT = "sourcegate (Pyroscope VCS gateway: source of profiled Rust frames)";
  private static final int MAX_METADATA_BYTES = 1024 * 1024;

  private final Vertx vertx;
  private final UpstreamClient http;
  private final RegistryAccess registry;
  private final CrateDownloads downloads;
  private final TarLimits limits;
  private final MultiMap identity = MultiMap.caseInsensitiveMultiMap().set("User-Agent", USER_AGENT);
  /** A frame's file, the crate's manifest and its VCS info are read together: one metadata look-up serves all. */
  private final Coalescer<String> metadataInFlight = new Coalescer<>();
  private final Cache<String, String> checksums = Caches.builder().maximumSize(10_000).<String, String>build();

  public CratesProvider(Vertx vertx, UpstreamClient http, GatewayConfig.Crates config, int maxFileBytes) {
    this.vertx = vertx;
    this.http = http;
    this.registry = RegistryAccess.withHeader(config.url(), config.token());
    this.downloads = new CrateDownloads(http, registry, config.maxCrateBytes(), identity);
    this.limits = TarLimits.forMember(maxFileBytes, config.maxCrateBytes());
  }

  @Override
  public String host() {
    return RepoRef.CRATES;
  }

  @Override
  public String upstreamName() {
    return UPSTREAM;
  }

  @Override
  public boolean fixedRef(String ref) {
    return CrateNames.parseRef(ref).isPresent();
  }

  @Override
  public Future<SourceFile> file(ProviderCall call, RepoRef where, String ref, String path) {
    String name = where.repo();
    Optional<CrateNames.Pinned> pinned = CrateNames.parseRef(ref);
    if (!CrateNames.valid(name) || pinned.isEmpty()) {
      return Future.failedFuture(RpcException.invalidArgument("not a Rust crate at an exact version: " + name + " " + ref));
    }
    String version = pinned.get().version();
    String what = "crate " + name + " " + version;
    boolean fromLock = pinned.get().sha256() != null;
    Future<String> checksum = fromLock ? Future.succeededFuture(pinned.get().sha256()) : metadataChecksum(call, name, version, what);
    Future<byte[]> crate = downloads.crate(call, name, version, what);
    return Future.all(checksum, crate)
        .compose(both -> vertx.executeBlocking(
            () -> extract(crate.result(), checksum.result(), fromLock, path, what), false))
        .compose(found -> found
            .map(bytes -> Future.succeededFuture(new SourceFile(bytes, docsRs(name, version, path))))
            .orElseGet(() -> Future.failedFuture(RpcException.notFound("file " + path + " not found in " + what
                + " (looked for " + name + "-" + version + "/" + path + " in its .crate)"))));
  }

  /** docs.rs shows the source of every version of every crate on crates.io, file by file. */
  static String docsRs(String name, String version, String path) {
    return "https://docs.rs/crate/" + UrlPaths.encode(name) + "/" + UrlPaths.encode(version) + "/source/"
        + UrlPaths.encodePath(path);
  }

  private Future<String> metadataChecksum(ProviderCall call, String name, String version, String what) {
    String key = name + "@" + version;
    String known = checksums.getIfPresent(key);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    return metadataInFlight.call(key, () -> askMetadata(call, name, version, what).map(sum -> {
      checksums.put(key, sum);
      return sum;
    }));
  }

  private Future<String> askMetadata(ProviderCall call, String name, String version, String what) {
    String url = registry.base() + "/api/v1/crates/" + UrlPaths.encode(name) + "/" + UrlPaths.encode(version);
    MultiMap headers = registry.headersFor(url).addAll(identity).set("Accept", "application/json");
    return http.get(url, headers, MAX_METADATA_BYTES, "crate-version", call.deadline(), call.scope()).compose(res -> {
      if (res.status() == 404) {
        return Future.failedFuture(RpcException.notFound("the crate registry has no version " + version + " of " + name));
      }
      if (res.status() != 200) {
        return Future.failedFuture(statusFailure(res.status(), what));
      }
      try {
        JsonObject v = new JsonObject(res.body()).getJsonObject("version");
        Optional<String> sha = CrateNames.sha256(v == null ? null : v.getString("checksum"));
        return sha.map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(
            new ArchiveRefused("the crate registry gives no SHA-256 checksum for " + what)));
      } catch (DecodeException | ClassCastException e) {
        return Future.failedFuture(new RpcException(Code.UNKNOWN, "the crate registry's answer for " + what
            + " is not crates.io's JSON"));
      }
    });
  }

  private Optional<byte[]> extract(byte[] crate, String sha256, boolean fromLock, String path, String what) {
    if (!MessageDigest.isEqual(sha256(crate), HexFormat.of().parseHex(sha256))) {
      throw new ArchiveRefused("the .crate of " + what + " does not match its SHA-256 checksum ("
          + (fromLock ? "Cargo.lock's" : "the registry's") + ")");
    }
    return ArchiveMemberRead.read(() -> TarGzReader.member(crate, path, limits), path, what, "the .crate",
        limits.maxMemberBytes());
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** How a status other than 200 and 404 is told (never with the registry's URL: it may be an internal name). */
  static RpcException statusFailure(int status, String what) {
    if (status == 401 || status == 403) {
      return new RpcException(Code.PERMISSION_DENIED, UPSTREAM + " refused to serve " + what + " (" + status
          + "): check SOURCEGATE_CRATES_TOKEN");
    }
    Code code = status == 429 ? Code.RESOURCE_EXHAUSTED : status >= 500 ? Code.UNAVAILABLE : Code.UNKNOWN;
    return new RpcException(code, UPSTREAM + " answered " + status + " for " + what);
  }
}
