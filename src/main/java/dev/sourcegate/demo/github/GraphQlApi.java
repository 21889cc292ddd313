package dev.sourcegate.demo.github;

import static dev.sourcegate.demo.github.Answers.json;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GitHub's GraphQL endpoint, POST {@code /api/graphql} (where GitHub Enterprise Server has it), executing
 * GitHub's real schema ({@link GitHubSchema}) over the {@link RepositoryStore}. GitHub's answers: 401
 * without a token or with a bad one; HTTP 200 with {@code errors} and no {@code data} for a query that
 * does not parse or validate; a repository the token cannot see is null with a NOT_FOUND error beside
 * the other fields' data; out of points, HTTP 200 with a RATE_LIMITED error. Points are counted apart
 * from REST's ({@link GraphQlPoints}) and reported in the {@code x-ratelimit-*} headers.
 */
final class GraphQlApi {
  private static final String DOCS = "https://docs.github.com/graphql";

  private final Vertx vertx;
  private final RepositoryStore repos;
  private final ApiAccess access;
  private final GraphQlPoints points;
  private volatile boolean available = true;
  private volatile GraphQL engine;

  GraphQlApi(Vertx vertx, RepositoryStore repos, ApiAccess access, GraphQlPoints points) {
    this.vertx = vertx;
    this.repos = repos;
    this.access = access;
    this.points = points;
  }

  /** Off: 404 at the endpoint, as a GitHub Enterprise Server without GraphQL answers. */
  void available(boolean on) {
    this.available = on;
  }

  void handle(RoutingContext ctx) {
    HttpServerResponse res = ctx.response();
    if (!available) {
      json(res, 404, Answers.notFound());
      return;
    }
    String token = ApiAccess.bearer(ctx.request().getHeader("Authorization"));
    if (token == null) {
      json(res, 401, new JsonObject().put("message", "This endpoint requires you to be authenticated.")
          .put("documentation_url", DOCS + "/guides/forming-calls-with-graphql#authenticating-with-graphql"));
      return;
    }
    ApiAccess.Verdict verdict = access.check(token);
    if (!verdict.allowed()) {
      json(res, 401, new JsonObject().put("message", verdict.message()).put("documentation_url", DOCS));
      return;
    }
    JsonObject request;
    try {
      request = new JsonObject(ctx.body().asString());
    } catch (DecodeException | ClassCastException e) {
      json(res, 400, new JsonObject().put("message", "Problems parsing JSON").put("documentation_url", DOCS));
      return;
    }
    if (!(request.getValue("query") instanceof String query)) {
      json(res, 200, errors(List.of(new JsonObject().put("message", "A query attribute must be specified and must be a string."))));
      return;
    }
    GraphQlPoints.Charge charge = points.charge(token);
    res.putHeader("x-ratelimit-limit", String.valueOf(charge.limit()))
        .putHeader("x-ratelimit-remaining", String.valueOf(charge.remaining()))
        .putHeader("x-ratelimit-used", String.valueOf(charge.used()))
        .putHeader("x-ratelimit-reset", String.valueOf(charge.resetEpochSeconds()))
        .putHeader("x-ratelimit-resource", "graphql");
    if (!charge.allowed()) {
      json(res, 200, errors(List.of(new JsonObject().put("type", "RATE_LIMITED")
          .put("message", "API rate limit already exceeded for user ID 1."))));
      return;
    }
    Map<String, Object> variables = request.getValue("variables") instanceof JsonObject v ? v.getMap() : Map.of();
    GitHubSchema.load(vertx).onComplete(schema -> {
      if (schema.failed()) {
        json(res, 500, new JsonObject().put("message", "Server Error"));
        return;
      }
      ExecutionInput input = ExecutionInput.newExecutionInput(query).variables(variables)
          .graphQLContext(Map.of(GraphQlWiring.Caller.class, new GraphQlWiring.Caller(token, repos, charge.rateLimit())))
          .build();
      // a query's first run loads much of graphql-java (over a second, cold): never on an event loop
      vertx.executeBlocking(() -> engine(schema.result()).execute(input), false).onComplete(done -> {
        if (done.failed()) {
          json(res, 500, new JsonObject().put("message", "Server Error"));
        } else {
          json(res, 200, answer(done.result()));
        }
      });
    });
  }

  private GraphQL engine(GraphQLSchema schema) {
    GraphQL e = engine;
    if (e == null) {
      e = GraphQL.newGraphQL(schema).build();
      engine = e;
    }
    return e;
  }

  /** graphql-java's answer in GitHub's shape: an error's type (NOT_FOUND, ...) beside its message. */
  static JsonObject answer(ExecutionResult result) {
    Map<String, Object> spec = result.toSpecification();
    JsonObject out = new JsonObject();
    if (spec.containsKey("data")) {
      out.put("data", spec.get("data"));
    }
    if (spec.get("errors") instanceof List<?> errors) {
      List<JsonObject> shaped = new ArrayList<>();
      for (Object e : errors) {
        Map<String, Object> error = new LinkedHashMap<>(castMap(e));
        if (error.get("extensions") instanceof Map<?, ?> ext && ext.get("type") instanceof String type) {
          error.put("type", type);
          error.remove("extensions");
        }
        shaped.add(new JsonObject(error));
      }
      out.put("errors", new JsonArray(shaped));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Object o) {
    return (Map<String, Object>) o;
  }

  private static JsonObject errors(List<JsonObject> errors) {
    return new JsonObject().put("errors", new JsonArray(errors));
  }
}
