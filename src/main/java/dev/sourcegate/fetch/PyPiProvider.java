package dev.sourcegate.fetch;

import dev.sourcegate.fetch.archive.ArchiveLimits;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Python distributions from PyPI or a mirror that speaks its JSON API (devpi, Artifactory, Nexus):
 * {@code RepoRef.pypi(name)}, the ref is the exact version and the path the member inside the release's
 * wheel, which is read with range requests ({@link RangedZipReader}). Public: a release's files never
 * change (PyPI refuses a second upload of a file name), so answers are shared and cached for good.
 */
public final class PyPiProvider implements SourceProvider {
  public static final String UPSTREAM_NAME = "the Python package registry";
  /** PEP 503 names and PEP 440 versions (local versions too): nothing else may reach a URL. */
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9._-]{0,200}[a-z0-9])?");
  private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.+!_-]{0,100}");
  /** The JSON of one release; real ones are some kilobytes, a release with hundreds of wheels some hundred. */
  static final int MAX_METADATA_BYTES = 4 * 1024 * 1024;

  private final UpstreamClient http;
  private final RangedZipReader zips;
  private final RegistryAccess access;
  private final GitHubTagLinks links;

  public PyPiProvider(Vertx vertx, UpstreamClient http, URI base, String token, ArchiveLimits limits) {
    this(vertx, http, base, token, limits, GitHubTagLinks.NONE);
  }

  PyPiProvider(Vertx vertx, UpstreamClient http, URI base, String token, ArchiveLimits limits, GitHubTagLinks links) {
    this.links = links;
    this.http = http;
    this.zips = new RangedZipReader(vertx, http, limits);
    this.access = RegistryAccess.of(base, token);
  }

  @Override
  public String host() {
    return RepoRef.PYPI;
  }

  @Override
  public String upstreamName() {
    return UPSTREAM_NAME;
  }

  @Override
  public UpstreamScope scope(RepoRef where) {
    return new UpstreamScope(UPSTREAM_NAME, "pypi:" + where.repo().toLowerCase(Locale.ROOT));
  }

  @Override
  public boolean fixedRef(String ref) {
    return true;
  }

  @Override
  public Future<SourceFile> file(ProviderCall call, RepoRef where, String version, String member) {
    String name = where.repo();
    if (!NAME.matcher(name).matches() || !VERSION.matcher(version).matches() || version.contains("..")) {
      return Future.failedFuture(RpcException.notFound("not a Python distribution name and version: "
          + name + " " + version));
    }
    String url = access.base() + "/pypi/" + UrlPaths.encode(name) + "/" + UrlPaths.encode(version) + "/json";
    return http.get(url, access.headersFor(url), MAX_METADATA_BYTES, "pypi_metadata", call.deadline(), call.scope())
        .compose(res -> {
          if (res.status() == 404) {
            return Future.failedFuture(RpcException.notFound("the Python package registry has no release " + version
                + " of " + name));
          }
          if (res.status() != 200) {
            return Future.failedFuture(access.refusal(res.status(), name + " " + version));
          }
          PyPiRelease release = PyPiRelease.parse(res.body().toString(StandardCharsets.UTF_8), name, version);
          PyPiRelease.Artifact wheel = release.wheel().orElseThrow(() -> RpcException.notFound(release.noWheel()));
          String wheelUrl = access.artifactUrl(wheel.url(), wheel.filename());
          // the repository link is looked for while the wheel is read: a package's files are under src/ or at the root
          Future<Optional<String>> link = links.find(call,
              GitHubTagLinks.tagged(release.repository(), name, version, "", List.of("src/" + member, member)));
          Future<byte[]> bytes = zips.member(call, wheelUrl, access.headersFor(wheelUrl), wheel.filename(), member);
          return bytes.compose(b -> link.map(l -> new SourceFile(b, l.orElseGet(() -> PyPiLinks.member(name, version, wheelUrl, member)))));
        });
  }

  /** How a registry's status other than 200 and 404 is told (never with its URL, which may hold credentials). */
  static RpcException statusFailure(int status, String what) {
    if (status == 401 || status == 403) {
      return new RpcException(Code.PERMISSION_DENIED, "the Python package registry refused to serve " + what
          + " (" + status + "): check SOURCEGATE_PYPI_TOKEN");
    }
    return new RpcException(status >= 500 ? Code.UNAVAILABLE : Code.UNKNOWN,
        "the Python package registry answered " + status + " for " + what);
  }
}
