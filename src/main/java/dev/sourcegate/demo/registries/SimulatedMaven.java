package dev.sourcegate.demo.registries;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A Maven repository on loopback, mounted under a prefix of the simulated GitHub's server, in Maven's
 * repository layout: {@code <prefix>/<group path>/<artifact>/<version>/<artifact>-<version>-sources.jar}
 * and {@code ...-<version>.pom}, with single byte ranges (206, Content-Range) as Maven Central's CDN
 * answers them. A test may require credentials (a Nexus or Artifactory mirror), take the repository
 * down (503), or make it ignore Range (200 with the whole file).
 */
public final class SimulatedMaven {
  private final String prefix;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final AtomicInteger jarRequests = new AtomicInteger();
  private final AtomicInteger pomRequests = new AtomicInteger();
  private volatile String requiredAuthorization;
  private volatile boolean down;
  private volatile boolean ignoreRange;

  /** prefix: where the routes live on the server ("/maven2"); the gateway's SOURCEGATE_MAVEN_URL is base + prefix. */
  public SimulatedMaven(String prefix) {
    this.prefix = prefix;
  }

  public String prefix() {
    return prefix;
  }

  /** The sources jar of group:artifact:version, holding these members (path -> text). */
  public SimulatedMaven sources(String group, String artifact, String version, Map<String, String> members) {
    WheelBuilder zip = new WheelBuilder();
    members.forEach(zip::member);
    zip.member("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n");
    return sourcesJar(group, artifact, version, zip.zip());
  }

  /** A sources jar of exactly these bytes (a hostile one, say). */
  public SimulatedMaven sourcesJar(String group, String artifact, String version, byte[] jar) {
    files.put(path(group, artifact, version, artifact + "-" + version + "-sources.jar"), jar);
    return this;
  }

  /** The artifact's .pom (a BOM, a parent, or a library's pom). */
  public SimulatedMaven pom(String group, String artifact, String version, String xml) {
    files.put(path(group, artifact, version, artifact + "-" + version + ".pom"), xml.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** Only requests with this exact Authorization header are answered; others get 401. */
  public SimulatedMaven requireAuthorization(String header) {
    this.requiredAuthorization = header;
    return this;
  }

  public SimulatedMaven down(boolean down) {
    this.down = down;
    return this;
  }

  public SimulatedMaven ignoreRange(boolean ignore) {
    this.ignoreRange = ignore;
    return this;
  }

  /** Requests for sources jars so far (each range request counts). */
  public int jarRequests() {
    return jarRequests.get();
  }

  /** Requests for .pom files so far. */
  public int pomRequests() {
    return pomRequests.get();
  }

  public void mount(Router router, Supplier<String> baseUrl) {
    router.get(prefix + "/*").handler(this::serve);
  }

  private void serve(RoutingContext ctx) {
    String path = ctx.request().path();
    (path.endsWith(".pom") ? pomRequests : jarRequests).incrementAndGet();
    HttpServerResponse res = ctx.response();
    if (down) {
      res.setStatusCode(503).end("Service Unavailable");
      return;
    }
    if (requiredAuthorization != null && !requiredAuthorization.equals(ctx.request().getHeader("Authorization"))) {
      res.setStatusCode(401).putHeader("WWW-Authenticate", "Basic realm=\"maven\"").end("Unauthorized");
      return;
    }
    byte[] f = files.get(path);
    if (f == null) {
      res.setStatusCode(404).end("Not Found");
      return;
    }
    SimulatedPyPi.serve(res, f, ignoreRange ? null : ctx.request().getHeader("Range"));
  }

  private String path(String group, String artifact, String version, String file) {
    return prefix + "/" + group.replace('.', '/') + "/" + artifact + "/" + version + "/" + file;
  }
}
