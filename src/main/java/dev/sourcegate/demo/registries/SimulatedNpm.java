package dev.sourcegate.demo.registries;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An npm registry in memory on 127.0.0.1 (a random port), for the demo and the tests: {@code GET
 * /<name>/<version>} answers the version's metadata (npm's shape: {@code dist.tarball},
 * {@code dist.integrity}, {@code dist.shasum}), {@code GET /<name>/-/<file>.tgz} the tarball, built in
 * memory. Test hooks: tarballs given as raw bytes (hostile archives), a wrong integrity, a required
 * Authorization header (a private mirror), a registry that is down, and the paths asked.
 */
public final class SimulatedNpm extends LoopbackRegistry<SimulatedNpm> {
  private final Map<String, JsonObject> versions = new ConcurrentHashMap<>();
  private final Map<String, byte[]> tarballs = new ConcurrentHashMap<>();

  public SimulatedNpm(Vertx vertx) {
    super(vertx);
  }

  /** A version whose tarball holds these files under {@code package/}. */
  public SimulatedNpm publish(String name, String version, Map<String, String> files) {
    TarWriter tar = new TarWriter().file("package/package.json",
        new JsonObject().put("name", name).put("version", version).encode());
    files.forEach((path, content) -> tar.file("package/" + path, content));
    return publishTarball(name, version, tar.tgz());
  }

  /** A version whose tarball is exactly these bytes, with their true integrity hash. */
  public SimulatedNpm publishTarball(String name, String version, byte[] tgz) {
    String file = "/" + name + "/-/" + name.substring(name.indexOf('/') + 1) + "-" + version + ".tgz";
    tarballs.put(file, tgz);
    JsonObject dist = new JsonObject().put("tarball", file).put("integrity", "sha512-" + digest("SHA-512", tgz, true))
        .put("shasum", digest("SHA-1", tgz, false));
    versions.put(name + "@" + version, new JsonObject().put("name", name).put("version", version).put("dist", dist));
    return this;
  }

  /** The version's repository field as npm serves it: a string ("github:o/r", "o/r", a URL) or an object. */
  public SimulatedNpm repository(String name, String version, Object repository) {
    versions.get(name + "@" + version).put("repository", repository);
    return this;
  }

  /** The version's metadata as served (tests change its dist to a wrong hash or a foreign tarball URL). */
  public JsonObject metadata(String name, String version) {
    return versions.get(name + "@" + version);
  }

  @Override
  protected SimulatedNpm self() {
    return this;
  }

  @Override
  protected void unauthorized(HttpServerRequest req) {
    req.response().setStatusCode(401).end("{\"error\":\"unauthorized\"}");
  }

  @Override
  protected void serve(HttpServerRequest req) {
    String path = req.path();
    if (path.contains("/-/")) {
      byte[] tgz = tarballs.get(URLDecoder.decode(path, StandardCharsets.UTF_8));
      send(req, tgz == null ? null : Buffer.buffer(tgz), "application/octet-stream");
    } else {
      send(req, version(path), "application/json");
    }
  }

  /** /name/version and /@scope%2fname/version; the tarball path in dist is made absolute here. */
  private Buffer version(String rawPath) {
    int slash = rawPath.lastIndexOf('/');
    if (slash <= 0) {
      return null;
    }
    String name = URLDecoder.decode(rawPath.substring(1, slash), StandardCharsets.UTF_8);
    JsonObject meta = versions.get(name + "@" + URLDecoder.decode(rawPath.substring(slash + 1), StandardCharsets.UTF_8));
    if (meta == null) {
      return null;
    }
    JsonObject copy = meta.copy();
    String tarball = copy.getJsonObject("dist").getString("tarball");
    if (tarball.startsWith("/")) {
      copy.getJsonObject("dist").put("tarball", baseUrl() + tarball);
    }
    return copy.toBuffer();
  }

  private static void send(HttpServerRequest req, Buffer body, String type) {
    if (body == null) {
      req.response().setStatusCode(404).end("{\"error\":\"Not found\"}");
    } else {
      req.response().putHeader("Content-Type", type).end(body);
    }
  }

  private static String digest(String algorithm, byte[] bytes, boolean base64) {
    try {
      byte[] d = MessageDigest.getInstance(algorithm).digest(bytes);
      return base64 ? Base64.getEncoder().encodeToString(d) : HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
