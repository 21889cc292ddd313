package dev.sourcegate.demo;

import dev.sourcegate.api.ExtraRoutes;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The demo page next to the API: {@code GET /} (and {@code /index.html}), its script, style sheet and icon
 * under {@code /demo/}, and {@code GET /demo/config} (where the simulated GitHub's authorize page is, and the
 * presets). Every answer is built at start (classpath reads happen in {@link #load}, off the event loop);
 * {@link #handle} only copies bytes from memory, as an {@link ExtraRoutes} must.
 */
public final class DemoPage implements ExtraRoutes {
  static final String RESOURCES = "demo/page/";

  private record Asset(String contentType, byte[] body, Map<String, String> headers) {}

  private final Map<String, Asset> assets;

  private DemoPage(Map<String, Asset> assets) {
    this.assets = assets;
  }

  /**
   * Reads the page's files (blocking). githubBaseUrl is the simulated GitHub's web root: the page sends the
   * browser to its authorize page and shows the avatars it serves.
   */
  public static DemoPage load(String githubBaseUrl) {
    String csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: " + githubBaseUrl
        + "; connect-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'";
    Map<String, String> pageHeaders = Map.of(
        "Content-Security-Policy", csp,
        "X-Frame-Options", "DENY",
        "Referrer-Policy", "no-referrer");
    Map<String, Asset> assets = new LinkedHashMap<>();
    Asset index = new Asset("text/html; charset=utf-8", read("index.html"), pageHeaders);
    assets.put("/", index);
    assets.put("/index.html", index);
    assets.put("/demo/app.js", new Asset("text/javascript; charset=utf-8", read("app.js"), Map.of()));
    assets.put("/demo/app.css", new Asset("text/css; charset=utf-8", read("app.css"), Map.of()));
    assets.put("/demo/favicon.svg", new Asset("image/svg+xml", read("favicon.svg"), Map.of()));
    JsonObject config = new JsonObject()
        .put("authorizeUrl", githubBaseUrl + "/login/oauth/authorize")
        .put("githubUrl", githubBaseUrl)
        .put("presets", DemoPreset.allAsJson());
    assets.put("/demo/config", new Asset("application/json; charset=utf-8",
        config.encode().getBytes(StandardCharsets.UTF_8), Map.of()));
    return new DemoPage(Map.copyOf(assets));
  }

  @Override
  public boolean handle(HttpServerRequest req) {
    Asset asset = assets.get(req.path());
    if (asset == null) {
      return false;
    }
    HttpServerResponse res = req.response();
    if (req.method() != HttpMethod.GET && req.method() != HttpMethod.HEAD) {
      res.setStatusCode(405).putHeader("Allow", "GET, HEAD").putHeader("Content-Type", "text/plain; charset=utf-8")
          .end("method not allowed\n");
      return true;
    }
    res.putHeader("Content-Type", asset.contentType())
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Content-Type-Options", "nosniff");
    asset.headers().forEach(res::putHeader);
    if (req.method() == HttpMethod.HEAD) {
      res.putHeader("Content-Length", String.valueOf(asset.body().length)).end();
    } else {
      // a Buffer of its own per answer: one shared Buffer would be read by several event loops at once
      res.end(Buffer.buffer(asset.body()));
    }
    return true;
  }

  private static byte[] read(String name) {
    String resource = RESOURCES + name;
    try (InputStream in = DemoPage.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("demo page file missing from the classpath: " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
