package dev.sourcegate.auth;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * What GitHub's token endpoint answered, whichever way it answered: JSON when asked for it,
 * form-encoded otherwise (and some proxies drop the Accept header). Values are kept as text.
 */
public record TokenGrant(Map<String, String> fields) {
  public static final String ACCESS_TOKEN = "access_token";
  public static final String EXPIRES_IN = "expires_in";
  public static final String REFRESH_TOKEN = "refresh_token";
  public static final String REFRESH_TOKEN_EXPIRES_IN = "refresh_token_expires_in";
  public static final String SCOPE = "scope";
  public static final String TOKEN_TYPE = "token_type";

  public TokenGrant {
    fields = Map.copyOf(fields);
  }

  /** Parses a body as JSON when it looks like JSON, else as application/x-www-form-urlencoded. */
  public static TokenGrant parse(Buffer body) {
    String text = body == null ? "" : body.toString(StandardCharsets.UTF_8).trim();
    Map<String, String> out = new HashMap<>();
    if (text.startsWith("{")) {
      try {
        JsonObject json = new JsonObject(text);
        for (Map.Entry<String, Object> e : json) {
          if (e.getValue() != null && !(e.getValue() instanceof JsonObject)) {
            out.put(e.getKey(), String.valueOf(e.getValue()));
          }
        }
      } catch (DecodeException e) {
        // not JSON after all: no fields, the caller reports the missing token
      }
    } else {
      QueryStringDecoder decoder = new QueryStringDecoder(text, StandardCharsets.UTF_8, false);
      decoder.parameters().forEach((k, v) -> {
        if (!v.isEmpty()) {
          out.put(k, v.get(0));
        }
      });
    }
    return new TokenGrant(out);
  }

  /** Whether the answer holds the field at all, even with an empty value. */
  public boolean has(String name) {
    return fields.containsKey(name);
  }

  public Optional<String> get(String name) {
    String v = fields.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
  }

  /** A positive number of seconds, if the field holds one. */
  public Optional<Long> seconds(String name) {
    return get(name).flatMap(v -> {
      try {
        long n = (long) Double.parseDouble(v);
        return n > 0 ? Optional.of(n) : Optional.empty();
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    });
  }

  /** GitHub's error code (bad_verification_code, bad_refresh_token, ...), if it sent one. */
  public Optional<String> error() {
    return get("error");
  }

  @Override
  public String toString() {
    return "TokenGrant" + fields.keySet();
  }

  static MultiMap form(Map<String, String> values) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap();
    values.forEach(form::add);
    return form;
  }
}
