package dev.sourcegate.demo.registries;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RubyGems on 127.0.0.1 (a random port), for the demo and the tests: {@code GET
 * /api/v2/rubygems/<gem>/versions/<version>.json[?platform=<platform>]} answers a build's metadata in
 * rubygems.org's shape ({@code sha}, {@code platform}, {@code gem_uri}, {@code source_code_uri},
 * {@code homepage_uri}, {@code metadata}), {@code GET /gems/<name>-<version>[-<platform>].gem} the .gem, a
 * plain tar of {@code metadata.gz}, {@code data.tar.gz} and {@code checksums.yaml.gz}, built in memory.
 * Test hooks: gems given as raw bytes (hostile archives), metadata a test can change (a wrong sha), a
 * required Authorization header (a private mirror), a registry that is down, and the paths asked.
 */
public final class SimulatedRubyGems extends LoopbackRegistry<SimulatedRubyGems> {
  private static final Pattern VERSION_JSON = Pattern.compile("/api/v2/rubygems/([^/]+)/versions/([^/]+)\\.json");

  private final Map<String, JsonObject> builds = new ConcurrentHashMap<>();
  private final Map<String, byte[]> gems = new ConcurrentHashMap<>();

  public SimulatedRubyGems(Vertx vertx) {
    super(vertx);
  }

  /** A plain (ruby platform) build whose gem holds these files, its source on sourceCodeUri (null: none). */
  public SimulatedRubyGems publish(String name, String version, Map<String, String> files, String sourceCodeUri) {
    return publish(name, version, "ruby", files, sourceCodeUri);
  }

  public SimulatedRubyGems publish(String name, String version, String platform, Map<String, String> files,
      String sourceCodeUri) {
    TarWriter data = new TarWriter();
    files.forEach(data::file);
    publishGem(name, version, platform, gem(data.tgz()));
    if (sourceCodeUri != null) {
      metadata(name, version, platform).put("source_code_uri", sourceCodeUri)
          .put("metadata", new JsonObject().put("source_code_uri", sourceCodeUri));
    }
    return this;
  }

  /** A build whose .gem is exactly these bytes, with their true SHA-256. */
  public SimulatedRubyGems publishGem(String name, String version, String platform, byte[] gem) {
    String fullName = name + "-" + version + (platform.equals("ruby") ? "" : "-" + platform);
    gems.put("/gems/" + fullName + ".gem", gem);
    builds.put(name + "@" + version + "@" + platform, new JsonObject()
        .put("name", name).put("version", version).put("platform", platform)
        .put("sha", Sha256.hex(gem)).put("gem_uri", "/gems/" + fullName + ".gem")
        .put("project_uri", "https://rubygems.org/gems/" + name).put("metadata", new JsonObject()));
    return this;
  }

  /** A .gem as {@code gem build} writes it around this data.tar.gz. */
  public static byte[] gem(byte[] dataTarGz) {
    return new TarWriter()
        .file("metadata.gz", TarWriter.gzip("--- !ruby/object:Gem::Specification\n".getBytes(StandardCharsets.UTF_8)))
        .file("data.tar.gz", dataTarGz)
        .file("checksums.yaml.gz", TarWriter.gzip(("---\nSHA256:\n  data.tar.gz: " + Sha256.hex(dataTarGz) + "\n")
            .getBytes(StandardCharsets.UTF_8)))
        .tar();
  }

  /** A build's metadata as served (tests change its sha or its source URIs). */
  public JsonObject metadata(String name, String version, String platform) {
    return builds.get(name + "@" + version + "@" + platform);
  }

  @Override
  protected SimulatedRubyGems self() {
    return this;
  }

  /** With its query: a platform build is asked with {@code ?platform=}. */
  @Override
  protected String asAsked(HttpServerRequest req) {
    return req.query() == null ? req.path() : req.path() + "?" + req.query();
  }

  @Override
  protected void unauthorized(HttpServerRequest req) {
    req.response().setStatusCode(401).end("HTTP Basic: Access denied.\n");
  }

  @Override
  protected void serve(HttpServerRequest req) {
    String path = req.path();
    Matcher json = VERSION_JSON.matcher(path);
    if (json.matches()) {
      String platform = req.getParam("platform") == null ? "ruby" : req.getParam("platform");
      JsonObject build = builds.get(decode(json.group(1)) + "@" + decode(json.group(2)) + "@" + platform);
      send(req, build == null ? null : withAbsoluteGemUri(build).toBuffer(), "application/json");
    } else if (path.startsWith("/gems/")) {
      byte[] gem = gems.get(decode(path));
      send(req, gem == null ? null : Buffer.buffer(gem), "application/octet-stream");
    } else {
      send(req, null, "text/plain");
    }
  }

  private JsonObject withAbsoluteGemUri(JsonObject build) {
    JsonObject copy = build.copy();
    String uri = copy.getString("gem_uri");
    return uri != null && uri.startsWith("/") ? copy.put("gem_uri", baseUrl() + uri) : copy;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static void send(HttpServerRequest req, Buffer body, String type) {
    if (body == null) {
      req.response().setStatusCode(404).end("This rubygem could not be found.");
    } else {
      req.response().putHeader("Content-Type", type).end(body);
    }
  }

}
