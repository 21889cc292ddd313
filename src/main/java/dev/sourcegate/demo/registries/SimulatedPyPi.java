package dev.sourcegate.demo.registries;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PyPI's public shapes on loopback, mounted under a prefix of the simulated GitHub's server: the JSON API
 * ({@code GET <prefix>/pypi/<name>/<version>/json}, "urls" listing each file) and the files themselves in
 * files.pythonhosted.org's layout ({@code <prefix>/packages/<2>/<2>/<60 hex>/<file>}) with single byte
 * ranges (206, Content-Range) as a CDN answers them. A test may require credentials (a mirror), take the
 * registry down (503), or make it ignore Range (200 with the whole file).
 */
public final class SimulatedPyPi {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

  private record Release(String filename, String packageType, byte[] bytes) {}

  private final String prefix;
  private final Map<String, Release> releases = new ConcurrentHashMap<>();
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final Map<String, JsonObject> projectUrls = new ConcurrentHashMap<>();
  private final AtomicInteger fileRequests = new AtomicInteger();
  private volatile String requiredAuthorization;
  private volatile boolean down;
  private volatile boolean ignoreRange;

  /** prefix: where the routes live on the server ("/pypi-registry"); the gateway's SOURCEGATE_PYPI_URL is base + prefix. */
  public SimulatedPyPi(String prefix) {
    this.prefix = prefix;
  }

  public String prefix() {
    return prefix;
  }

  /** A release whose one file is a wheel of these bytes (file name: name-version-py3-none-any.whl). */
  public SimulatedPyPi wheel(String name, String version, byte[] wheel) {
    return file(name, version, name.replace('-', '_') + "-" + version + "-py3-none-any.whl", "bdist_wheel", wheel);
  }

  /** A release with one file of the given PyPI packagetype (bdist_wheel, sdist). */
  public SimulatedPyPi file(String name, String version, String filename, String packageType, byte[] bytes) {
    releases.put(name + "/" + version, new Release(filename, packageType, bytes));
    files.put(path(filename, bytes), bytes);
    return this;
  }

  /** The release's info.project_urls, as PyPI shows a package's "Source", "Homepage", ... links. */
  public SimulatedPyPi projectUrls(String name, String version, Map<String, String> urls) {
    projectUrls.put(name + "/" + version, new JsonObject(new LinkedHashMap<>(urls)));
    return this;
  }

  /** Only requests with this exact Authorization header are answered; others get 401. */
  public SimulatedPyPi requireAuthorization(String header) {
    this.requiredAuthorization = header;
    return this;
  }

  public SimulatedPyPi down(boolean down) {
    this.down = down;
    return this;
  }

  public SimulatedPyPi ignoreRange(boolean ignore) {
    this.ignoreRange = ignore;
    return this;
  }

  /** Requests for files (artifacts) so far. */
  public int fileRequests() {
    return fileRequests.get();
  }

  /** baseUrl: the server's root, known once it listens; the JSON names files by absolute URL as PyPI does. */
  public void mount(Router router, Supplier<String> baseUrl) {
    router.get(prefix + "/pypi/:name/:version/json").handler(ctx -> {
      if (refused(ctx)) {
        return;
      }
      Release r = releases.get(ctx.pathParam("name") + "/" + ctx.pathParam("version"));
      if (r == null) {
        ctx.response().setStatusCode(404).putHeader("Content-Type", "application/json").end("{\"message\": \"Not Found\"}");
        return;
      }
      JsonObject file = new JsonObject().put("filename", r.filename()).put("packagetype", r.packageType())
          .put("size", r.bytes().length).put("url", baseUrl.get() + path(r.filename(), r.bytes()));
      JsonObject info = new JsonObject().put("name", ctx.pathParam("name")).put("version", ctx.pathParam("version"));
      JsonObject urls = projectUrls.get(ctx.pathParam("name") + "/" + ctx.pathParam("version"));
      if (urls != null) {
        info.put("project_urls", urls);
      }
      JsonObject body = new JsonObject()
          .put("info", info)
          .put("urls", new JsonArray().add(file));
      ctx.response().putHeader("Content-Type", "application/json").end(body.encode());
    });
    router.get(prefix + "/packages/*").handler(ctx -> {
      fileRequests.incrementAndGet();
      if (refused(ctx)) {
        return;
      }
      byte[] f = files.get(ctx.request().path());
      if (f == null) {
        ctx.response().setStatusCode(404).end("Not Found");
        return;
      }
      serve(ctx.response(), f, ignoreRange ? null : ctx.request().getHeader("Range"));
    });
  }

  private boolean refused(RoutingContext ctx) {
    if (down) {
      ctx.response().setStatusCode(503).end("Service Unavailable");
      return true;
    }
    if (requiredAuthorization != null && !requiredAuthorization.equals(ctx.request().getHeader("Authorization"))) {
      ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Basic realm=\"pypi\"").end("Unauthorized");
      return true;
    }
    return false;
  }

  /** One byte range (first-last, first- or -suffix), or the whole file when none is asked (SimulatedMaven too). */
  static void serve(HttpServerResponse res, byte[] f, String range) {
    Matcher m = range == null ? null : RANGE.matcher(range.trim());
    if (m == null || !m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
      res.putHeader("Accept-Ranges", "bytes").end(Buffer.buffer(f));
      return;
    }
    long first;
    long last;
    if (m.group(1).isEmpty()) {
      first = Math.max(0, f.length - Long.parseLong(m.group(2)));
      last = f.length - 1;
    } else {
      first = Long.parseLong(m.group(1));
      last = m.group(2).isEmpty() ? f.length - 1 : Math.min(Long.parseLong(m.group(2)), f.length - 1);
    }
    if (first >= f.length || first > last) {
      res.setStatusCode(416).putHeader("Content-Range", "bytes */" + f.length).end();
      return;
    }
    res.setStatusCode(206).putHeader("Content-Range", "bytes " + first + "-" + last + "/" + f.length)
        .end(Buffer.buffer(f).slice((int) first, (int) last + 1));
  }

  /** files.pythonhosted.org's layout: the blake2b digest's hex split 2/2/60; a SHA-256 here, same shape. */
  private String path(String filename, byte[] bytes) {
    String hex = Sha256.hex(bytes);
    return prefix + "/packages/" + hex.substring(0, 2) + "/" + hex.substring(2, 4) + "/" + hex.substring(4, 64)
        + "/" + filename;
  }
}
