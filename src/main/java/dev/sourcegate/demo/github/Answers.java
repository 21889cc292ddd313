package dev.sourcegate.demo.github;

import dev.sourcegate.source.GitBlobId;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** How the simulated GitHub writes its answers: GitHub's error bodies, conditional requests, encodings. */
public final class Answers {
  static final String DOCS = "https://docs.github.com/rest";

  private Answers() {}

  static JsonObject notFound() {
    return error("Not Found");
  }

  static JsonObject error(String message) {
    return new JsonObject().put("message", message).put("documentation_url", DOCS);
  }

  static void json(HttpServerResponse res, int status, JsonObject body) {
    res.setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8").end(body.encode());
  }

  static void html(HttpServerResponse res, int status, String html) {
    res.setStatusCode(status)
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'")
        .end(html);
  }

  /** Answers 304 when the client's If-None-Match holds the entity tag, else the body with the tag. */
  static void conditional(RoutingContext ctx, String etag, String contentType, Buffer body) {
    HttpServerResponse res = ctx.response().putHeader("ETag", etag).putHeader("Cache-Control", "private, max-age=60");
    String ifNoneMatch = ctx.request().getHeader("If-None-Match");
    if (ifNoneMatch != null) {
      for (String candidate : ifNoneMatch.split(",")) {
        String c = candidate.trim();
        if (c.startsWith("W/")) {
          c = c.substring(2);
        }
        if (c.equals(etag) || c.equals("*")) {
          res.setStatusCode(304).end();
          return;
        }
      }
    }
    res.putHeader("Content-Type", contentType).end(body);
  }

  /** A strong entity tag, readable so that a test can say which one a client sent back. */
  static String etag(String value) {
    return "\"" + value.replace("\"", "") + "\"";
  }

  /** The path's segments, percent-decoded one by one; null when a segment is not decodable. */
  public static List<String> segments(String rawPath) {
    List<String> out = new ArrayList<>();
    for (String s : rawPath.split("/")) {
      if (s.isEmpty()) {
        continue;
      }
      try {
        out.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return out;
  }

  /** A file's git blob id, as GitHub reports it. */
  public static String blobSha(byte[] content) {
    return GitBlobId.of(content);
  }

  static String sha1Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String withQuery(String url, String query) {
    return url + (url.contains("?") ? "&" : "?") + query;
  }

  public static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  public static String esc(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
