package dev.sourcegate.fetch.graphql;

import dev.sourcegate.fetch.ssrf.UpstreamResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * GitHub's answer to a query, read: the data, the errors (each with GitHub's {@code type} and the alias
 * {@code path} it belongs to), the {@code rateLimit} asked for, and whether the query as a whole failed.
 * A query fails as a whole on the HTTP status (401, 403, 404/410, 5xx) or when errors come without data;
 * with data, errors belong to the aliases they name and the rest of the data stands (partial success).
 */
public final class GraphQlResponse {
  /** Why a whole query failed. UNAVAILABLE: the endpoint is not there (404/410): use REST instead. */
  public enum Failure { BAD_CREDENTIALS, RATE_LIMITED, FORBIDDEN, NOT_FOUND, UNAVAILABLE, INVALID_QUERY, UPSTREAM_ERROR }

  /** One entry of {@code errors}; type is "" when GitHub gave none (a validation error, say). */
  public record Error(String type, List<String> path, String message) {}

  /** The {@code rateLimit} object of an answer. */
  public record RateLimitReading(int cost, int remaining, Instant resetAt) {}

  private final Failure failure;
  private final String failureMessage;
  private final JsonObject data;
  private final List<Error> errors;
  private final RateLimitReading rateLimit;

  private GraphQlResponse(Failure failure, String failureMessage, JsonObject data, List<Error> errors) {
    this.failure = failure;
    this.failureMessage = failureMessage;
    this.data = data;
    this.errors = List.copyOf(errors);
    this.rateLimit = data == null ? null : rateLimit(data.getValue("rateLimit"));
  }

  public static GraphQlResponse read(UpstreamResponse res) {
    JsonObject body = null;
    try {
      Object parsed = res.body() == null || res.body().length() == 0 ? null : Json.decodeValue(res.body());
      body = parsed instanceof JsonObject o ? o : null;
    } catch (DecodeException e) {
      body = null;
    }
    List<Error> errors = body == null ? List.of() : errors(body.getValue("errors"));
    JsonObject data = body != null && body.getValue("data") instanceof JsonObject d ? d : null;
    String first = errors.isEmpty() ? "" : errors.get(0).message();
    int status = res.status();
    if (status == 401) {
      return new GraphQlResponse(Failure.BAD_CREDENTIALS, "GitHub refused the token (bad credentials)", null, errors);
    }
    if (status == 404 || status == 410) {
      return new GraphQlResponse(Failure.UNAVAILABLE, "GitHub's GraphQL API is not available here (HTTP " + status + ")", null, errors);
    }
    if (status == 403 || status == 429) {
      // a secondary limit comes as 403 with a REST-style message and no errors array
      String message = body != null && body.getValue("message") instanceof String m ? m : first;
      boolean limited = status == 429 || "0".equals(res.headers().get("x-ratelimit-remaining"))
          || hasType(errors, "RATE_LIMITED") || message.toLowerCase(Locale.ROOT).contains("rate limit");
      return new GraphQlResponse(limited ? Failure.RATE_LIMITED : Failure.FORBIDDEN, "GitHub answered HTTP " + status, null, errors);
    }
    if (status >= 500 || (status == 200 && body == null)) {
      return new GraphQlResponse(Failure.UPSTREAM_ERROR, "GitHub answered HTTP " + status + (body == null ? " without JSON" : ""), null, errors);
    }
    if (status != 200) {
      return new GraphQlResponse(Failure.INVALID_QUERY, "GitHub answered HTTP " + status, null, errors);
    }
    if (data != null) {
      return new GraphQlResponse(null, null, data, errors);
    }
    return new GraphQlResponse(classify(errors), first.isEmpty() ? "GitHub answered no data" : first, null, errors);
  }

  private static Failure classify(List<Error> errors) {
    String type = errors.isEmpty() ? "" : errors.get(0).type();
    return switch (type) {
      case "RATE_LIMITED" -> Failure.RATE_LIMITED;
      case "FORBIDDEN" -> Failure.FORBIDDEN;
      case "NOT_FOUND" -> Failure.NOT_FOUND;
      default -> Failure.INVALID_QUERY;
    };
  }

  private static boolean hasType(List<Error> errors, String type) {
    return errors.stream().anyMatch(e -> e.type().equals(type));
  }

  private static List<Error> errors(Object value) {
    List<Error> out = new ArrayList<>();
    if (!(value instanceof JsonArray array)) {
      return out;
    }
    for (Object o : array) {
      if (o instanceof JsonObject e) {
        List<String> path = new ArrayList<>();
        if (e.getValue("path") instanceof JsonArray p) {
          p.forEach(step -> path.add(String.valueOf(step)));
        }
        Object type = e.getValue("type");
        out.add(new Error(type instanceof String t ? t : "", path, e.getValue("message") instanceof String m ? m : ""));
      }
    }
    return out;
  }

  private static RateLimitReading rateLimit(Object value) {
    if (!(value instanceof JsonObject r) || !(r.getValue("remaining") instanceof Number remaining)
        || !(r.getValue("resetAt") instanceof String resetAt)) {
      return null;
    }
    try {
      int cost = r.getValue("cost") instanceof Number c ? c.intValue() : 1;
      return new RateLimitReading(cost, remaining.intValue(), Instant.parse(resetAt));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** null when the query as a whole was answered (some aliases may still carry errors). */
  public Failure failure() {
    return failure;
  }

  public String failureMessage() {
    return failureMessage;
  }

  public JsonObject data() {
    return data;
  }

  public List<Error> errors() {
    return errors;
  }

  /** The rateLimit the answer reported; null when it did not. */
  public RateLimitReading rateLimit() {
    return rateLimit;
  }

  /** The error GitHub filed under exactly this alias path (e.g. "r0", "f3"), if any. */
  public Error errorAt(String... path) {
    List<String> wanted = List.of(path);
    return errors.stream().filter(e -> e.path().equals(wanted)).findFirst().orElse(null);
  }
}
