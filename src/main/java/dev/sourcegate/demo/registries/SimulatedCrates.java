package dev.sourcegate.demo.registries;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * crates.io's web API in memory on 127.0.0.1 (a random port), for the demo and the tests:
 * {@code GET /api/v1/crates/<name>/<version>} answers the version's metadata ({@code version.checksum},
 * the SHA-256 of the .crate), {@code GET /api/v1/crates/<name>/<version>/download} redirects (302) to
 * {@code /crates/<name>/<name>-<version>.crate}, which answers the .crate, built in memory as
 * {@code cargo package} does (members under {@code <name>-<version>/}, a Cargo.toml naming the
 * repository, a {@code .cargo_vcs_info.json}). Test hooks: crates given as raw bytes (hostile archives),
 * a wrong checksum, a required Authorization header (a private mirror), a registry that is down, and the
 * paths and User-Agents asked with.
 */
public final class SimulatedCrates extends LoopbackRegistry<SimulatedCrates> {
  private static final String API = "/api/v1/crates/";
  private final Map<String, JsonObject> versions = new ConcurrentHashMap<>();
  private final Map<String, byte[]> crates = new ConcurrentHashMap<>();
  private final Map<String, String> redirects = new ConcurrentHashMap<>();
  private final List<String> userAgents = new CopyOnWriteArrayList<>();

  public SimulatedCrates(Vertx vertx) {
    super(vertx);
  }

  /**
   * A version whose .crate holds these files; repository (may be null) goes in its Cargo.toml, and
   * pathInVcs (may be null: no .cargo_vcs_info.json) is where the crate lives in that repository.
   */
  public SimulatedCrates publish(String name, String version, Map<String, String> files, String repository,
      String pathInVcs) {
    String top = name + "-" + version + "/";
    TarWriter tar = new TarWriter().file(top + "Cargo.toml", "[package]\nname = \"" + name + "\"\nversion = \""
        + version + "\"\n" + (repository == null ? "" : "repository = \"" + repository + "\"\n"));
    if (pathInVcs != null) {
      tar.file(top + ".cargo_vcs_info.json", new JsonObject().put("git", new JsonObject()
          .put("sha1", "0123456789abcdef0123456789abcdef01234567")).put("path_in_vcs", pathInVcs).encode());
    }
    new TreeMap<>(files).forEach((path, content) -> tar.file(top + path, content));
    return publishCrate(name, version, tar.tgz());
  }

  /** A version whose .crate is exactly these bytes, with their true checksum in the metadata. */
  public SimulatedCrates publishCrate(String name, String version, byte[] crate) {
    crates.put(name + "/" + name + "-" + version + ".crate", crate);
    versions.put(name + "@" + version, new JsonObject().put("version", new JsonObject().put("crate", name)
        .put("num", version).put("checksum", Sha256.hex(crate))
        .put("dl_path", API + name + "/" + version + "/download")));
    return this;
  }

  /** The version's metadata as served (tests set a wrong checksum in it). */
  public JsonObject metadata(String name, String version) {
    return versions.get(name + "@" + version);
  }

  /** The version's download redirects to this Location instead of the registry's own file. */
  public SimulatedCrates redirect(String name, String version, String location) {
    redirects.put(name + "@" + version, location);
    return this;
  }

  /** The SHA-256 of the .crate served for this version, as Cargo.lock records it. */
  public String checksum(String name, String version) {
    return Sha256.hex(crates.get(name + "/" + name + "-" + version + ".crate"));
  }

  /** The User-Agent of every request so far, in order (crates.io refuses requests without one). */
  public List<String> userAgents() {
    return List.copyOf(userAgents);
  }

  @Override
  protected SimulatedCrates self() {
    return this;
  }

  /** Decoded, and its User-Agent noted beside it. */
  @Override
  protected String asAsked(HttpServerRequest req) {
    userAgents.add(String.valueOf(req.getHeader("User-Agent")));
    return URLDecoder.decode(req.path(), StandardCharsets.UTF_8);
  }

  /** crates.io refuses every request without a User-Agent. */
  @Override
  protected boolean refusedFirst(HttpServerRequest req) {
    if (req.getHeader("User-Agent") != null) {
      return false;
    }
    req.response().setStatusCode(403).end("{\"errors\":[{\"detail\":\"We require that all requests include a User-Agent\"}]}");
    return true;
  }

  @Override
  protected void unauthorized(HttpServerRequest req) {
    req.response().setStatusCode(403).end("{\"errors\":[{\"detail\":\"forbidden\"}]}");
  }

  @Override
  protected void serve(HttpServerRequest req) {
    String path = URLDecoder.decode(req.path(), StandardCharsets.UTF_8);
    if (path.startsWith("/crates/")) {
      byte[] crate = crates.get(path.substring("/crates/".length()));
      send(req, crate == null ? null : Buffer.buffer(crate), "application/gzip");
    } else if (path.startsWith(API) && path.endsWith("/download")) {
      String[] nv = path.substring(API.length(), path.length() - "/download".length()).split("/");
      if (nv.length == 2 && versions.containsKey(nv[0] + "@" + nv[1])) {
        String location = redirects.getOrDefault(nv[0] + "@" + nv[1], "/crates/" + nv[0] + "/" + nv[0] + "-" + nv[1] + ".crate");
        req.response().setStatusCode(302).putHeader("Location", location).end();
      } else {
        send(req, null, "application/json");
      }
    } else if (path.startsWith(API)) {
      String[] nv = path.substring(API.length()).split("/");
      JsonObject meta = nv.length == 2 ? versions.get(nv[0] + "@" + nv[1]) : null;
      send(req, meta == null ? null : meta.toBuffer(), "application/json");
    } else {
      send(req, null, "application/json");
    }
  }

  private static void send(HttpServerRequest req, Buffer body, String type) {
    if (body == null) {
      req.response().setStatusCode(404).end("{\"errors\":[{\"detail\":\"Not Found\"}]}");
    } else {
      req.response().putHeader("Content-Type", type).end(body);
    }
  }

}
