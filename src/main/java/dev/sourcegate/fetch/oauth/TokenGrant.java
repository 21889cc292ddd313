package dev.sourcegate.fetch.oauth;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
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
  /** A JSON number, also as the text a form-encoded answer carries (bounded: no huge exponents). */
  private static final Pattern JSON_NUMBER = Pattern.compile("-?[0-9]{1,31}(\\.[0-9]{1,30})?([eE][+-]?[0-9]{1,2})?");
  private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(Integer.MAX_VALUE);

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

  /**
   * A lifetime in seconds: empty when the field is absent or holds zero or less (no expiry, as Go's oauth2
   * reads it). A field that is present but not a number throws NotANumber: making up an expiry for it would
   * hand out a cookie whose lifetime nobody chose. Values beyond 2^31-1 are capped there, as Go's oauth2 does.
   */
  public Optional<Long> seconds(String name) {
    String v = fields.get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (!JSON_NUMBER.matcher(v).matches()) {
      throw new NotANumber(name);
    }
    BigDecimal n = new BigDecimal(v);
    if (n.signum() <= 0) {
      return Optional.empty();
    }
    long whole = n.compareTo(MAX_SECONDS) >= 0 ? Integer.MAX_VALUE : n.longValue();
    return whole > 0 ? Optional.of(whole) : Optional.empty();
  }

  /** A lifetime field that GitHub sent with something other than a number in it. */
  public static final class NotANumber extends RuntimeException {
    public NotANumber(String field) {
      super(field + " is not a number", null, false, false);
    }
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
