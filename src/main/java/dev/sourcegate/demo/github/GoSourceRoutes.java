package dev.sourcegate.demo.github;

import io.vertx.ext.web.Router;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Optional routes beside GitHub for the other hosts a Go import path can lead to: vanity pages
 * ({@code /goget/{import path}?go-get=1}) and googlesource ({@code /googlesource/{project}/+/{ref}/{path}
 * ?format=TEXT}, base64 as Gitiles answers). Mounted only when asked for; the demo leaves them out.
 */
public final class GoSourceRoutes {
  private final Map<String, String> goGetPages = new ConcurrentHashMap<>();
  private final Map<String, byte[]> googleSource = new ConcurrentHashMap<>();

  public GoSourceRoutes goGetPage(String importPath, String html) {
    goGetPages.put(importPath, html);
    return this;
  }

  public GoSourceRoutes googleSourceFile(String project, String ref, String path, String content) {
    googleSource.put(project + "/+/" + ref + "/" + path, content.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  void mount(Router router) {
    router.get("/goget/*").handler(ctx -> {
      String page = goGetPages.get(ctx.request().path().substring("/goget/".length()));
      if (page == null || !"1".equals(ctx.request().getParam("go-get"))) {
        ctx.response().setStatusCode(404).end("not found");
      } else {
        ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(page);
      }
    });
    router.get("/googlesource/*").handler(ctx -> {
      String p = ctx.request().path().substring("/googlesource/".length());
      byte[] f = googleSource.get(URLDecoder.decode(p.replace("+", "%2B"), StandardCharsets.UTF_8));
      if (f == null || !"TEXT".equals(ctx.request().getParam("format"))) {
        ctx.response().setStatusCode(404).end("not found");
      } else {
        ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(Base64.getEncoder().encodeToString(f));
      }
    });
  }
}
