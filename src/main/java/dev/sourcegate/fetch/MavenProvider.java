package dev.sourcegate.fetch;

import dev.sourcegate.fetch.archive.ArchiveLimits;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.settings.GatewayConfig;
import dev.sourcegate.source.FileTree;
import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.regex.Pattern;

/**
 * Java artifacts in a Maven repository (Maven Central, or a mirror: Nexus, Artifactory), in the
 * repository layout {@code <base>/<group path>/<artifact>/<version>/<artifact>-<version>-sources.jar}:
 * {@code RepoRef.maven(groupId, artifactId)}, the ref an exact version. A file is a member of the
 * sources jar, read with range requests ({@link RangedZipReader}); the path
 * {@code META-INF/maven/<group>/<artifact>/pom.xml} (where a jar keeps its pom) is the artifact's
 * {@code .pom}, which BOM imports and parents are read from. A tree is the sources jar's list of source
 * files, from its central directory, which is how a class is matched to the artifact that holds it.
 *
 * <p>Public: a released version's files never change (Maven Central refuses a second upload), so answers
 * are shared by every caller and cached for good. SNAPSHOT versions move and are not read.
 */
public final class MavenProvider implements SourceProvider {
  public static final String UPSTREAM_NAME = "the Maven repository";
  /** Maven's own coordinate characters; "." separates a group's segments, never two in a row. */
  private static final Pattern COORDINATE = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
  private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._+-]{0,100}");
  /** A pom is some kilobytes; Spring Boot's BOM, one of the largest, about 150 KiB. */
  static final int MAX_POM_BYTES = 2 * 1024 * 1024;

  private final UpstreamClient http;
  private final RangedZipReader zips;
  private final RegistryAccess access;

  public MavenProvider(Vertx vertx, UpstreamClient http, GatewayConfig.Maven config, int maxFileBytes) {
    this(vertx, http, config, ArchiveLimits.forMemberCap(maxFileBytes).withWholeArchiveBytes(config.maxJarBytes()));
  }

  MavenProvider(Vertx vertx, UpstreamClient http, GatewayConfig.Maven config, ArchiveLimits limits) {
    this.http = http;
    this.zips = new RangedZipReader(vertx, http, limits);
    this.access = RegistryAccess.of(config.url(), config.token());
  }

  @Override
  public String host() {
    return RepoRef.MAVEN;
  }

  @Override
  public String upstreamName() {
    return UPSTREAM_NAME;
  }

  @Override
  public boolean fixedRef(String version) {
    return !version.endsWith("-SNAPSHOT");
  }

  @Override
  public Future<SourceFile> file(ProviderCall call, RepoRef where, String version, String path) {
    String dir;
    try {
      dir = versionDirectory(where, version);
    } catch (RpcException e) {
      return Future.failedFuture(e);
    }
    if (path.equals(pomPath(where))) {
      return pom(call, where, version, dir);
    }
    String jar = sourcesJar(where, version);
    String url = dir + "/" + UrlPaths.encode(jar);
    return permission(zips.member(call, url, access.headersFor(url), jar, path), coordinates(where, version))
        .map(bytes -> new SourceFile(bytes, url + "!/" + UrlPaths.encodePath(path)));
  }

  /** The sources jar's .java and .kt files: the class -> artifact check reads only this. */
  @Override
  public Future<FileTree> tree(ProviderCall call, RepoRef where, String version) {
    String dir;
    try {
      dir = versionDirectory(where, version);
    } catch (RpcException e) {
      return Future.failedFuture(e);
    }
    String jar = sourcesJar(where, version);
    String url = dir + "/" + UrlPaths.encode(jar);
    return permission(zips.names(call, url, access.headersFor(url), jar), coordinates(where, version))
        .map(names -> new FileTree(names.stream().filter(n -> n.endsWith(".java") || n.endsWith(".kt")).toList(), false));
  }

  /** The path that names an artifact's own pom (see RepoRef.MAVEN_POM_PATH). */
  public static String pomPath(RepoRef where) {
    return String.format(RepoRef.MAVEN_POM_PATH, where.owner(), where.repo());
  }

  private Future<SourceFile> pom(ProviderCall call, RepoRef where, String version, String dir) {
    String file = where.repo() + "-" + version + ".pom";
    String url = dir + "/" + UrlPaths.encode(file);
    return http.get(url, access.headersFor(url), MAX_POM_BYTES, "maven_pom", call.deadline(), call.scope())
        .compose(res -> {
          if (res.status() == 404 || res.status() == 410) {
            return Future.failedFuture(RpcException.notFound(UPSTREAM_NAME + " has no " + file));
          }
          if (res.status() != 200) {
            return Future.failedFuture(statusFailure(res.status(), file));
          }
          return Future.succeededFuture(new SourceFile(res.body().getBytes(), url));
        });
  }

  /** The version's directory URL; a name or version that could leave it (or a SNAPSHOT) is refused first. */
  private String versionDirectory(RepoRef where, String version) {
    String group = where.owner();
    String artifact = where.repo();
    if (!COORDINATE.matcher(group).matches() || !COORDINATE.matcher(artifact).matches()
        || !VERSION.matcher(version).matches() || version.contains("..")) {
      throw RpcException.notFound("not a Maven artifact at an exact version: " + coordinates(where, version));
    }
    if (!fixedRef(version)) {
      throw RpcException.notFound(coordinates(where, version) + " is a SNAPSHOT, whose files change: not read");
    }
    return access.base() + "/" + UrlPaths.encodePath(group.replace('.', '/')) + "/" + UrlPaths.encode(artifact)
        + "/" + UrlPaths.encode(version);
  }

  private static String sourcesJar(RepoRef where, String version) {
    return where.repo() + "-" + version + "-sources.jar";
  }

  private static String coordinates(RepoRef where, String version) {
    return where.owner() + ":" + where.repo() + ":" + version;
  }

  /** A refusal of the archive by the repository names the setting that holds its credentials. */
  private static <T> Future<T> permission(Future<T> read, String what) {
    return read.recover(t -> Future.failedFuture(t instanceof RpcException e && e.code() == Code.PERMISSION_DENIED
        ? statusFailure(401, what) : t));
  }

  /** A status other than 200 and 404, told without the URL (a mirror's may hold credentials). */
  static RpcException statusFailure(int status, String what) {
    if (status == 401 || status == 403) {
      return new RpcException(Code.PERMISSION_DENIED, UPSTREAM_NAME + " refused to serve " + what
          + ": check SOURCEGATE_MAVEN_TOKEN");
    }
    return new RpcException(status >= 500 ? Code.UNAVAILABLE : Code.UNKNOWN,
        UPSTREAM_NAME + " answered " + status + " for " + what);
  }
}
