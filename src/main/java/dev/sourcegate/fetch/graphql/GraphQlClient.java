package dev.sourcegate.fetch.graphql;

import dev.sourcegate.fetch.ssrf.UpstreamResponse;
import dev.sourcegate.source.TokenHash;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.function.LongSupplier;

/**
 * Sends built queries to GitHub's GraphQL endpoint with the caller's token and reads the answers,
 * keeping the {@link GraphQlBudget} up to date. It says {@link Unavailable} (use REST) instead of
 * calling when the endpoint answered 404/410 within the last {@link #REPROBE_MS} (a GitHub Enterprise
 * Server without GraphQL; asked again later, it may have been upgraded) or when the token's GraphQL
 * points are spent until their reset.
 *
 * <p>The POST goes through a {@link Transport}: the fetcher's guarded client (UpstreamClient, with its
 * timeouts, body cap, breakers and retry budget) sends only GETs today, so wiring GraphQL in means
 * giving it a POST and passing that here.
 */
public final class GraphQlClient {
  /** How long a missing endpoint is believed before it is asked again. */
  static final long REPROBE_MS = 10 * 60_000L;

  /** A POST of a JSON body to an absolute URL, answered in full up to maxBytes. */
  @FunctionalInterface
  public interface Transport {
    Future<UpstreamResponse> post(String url, MultiMap headers, Buffer body, int maxBytes, long deadlineMillis);
  }

  /** GraphQL cannot serve this call now; the same look-ups should go over REST. */
  public static final class Unavailable extends RuntimeException {
    Unavailable(String message) {
      super(message, null, false, false);
    }
  }

  private final Transport transport;
  private final String endpoint;
  private final GraphQlBudget budget;
  private final LongSupplier clock;
  private final int maxAnswerBytes;
  private volatile long missingUntil;

  /** maxAnswerBytes caps one answer (texts of up to {@link BlobQuery#MAX_OBJECTS} files). */
  public GraphQlClient(Transport transport, URI endpoint, GraphQlBudget budget, LongSupplier clock, int maxAnswerBytes) {
    this.transport = transport;
    this.endpoint = endpoint.toString();
    this.budget = budget;
    this.clock = clock;
    this.maxAnswerBytes = maxAnswerBytes;
  }

  public Future<QueryAnswers<GitBlob>> blobs(String token, BlobQuery query, long deadlineMillis) {
    return send(token, query.text(), deadlineMillis).map(res -> {
      QueryAnswers<GitBlob> answers = BlobAnswers.read(query, res);
      return observed(token, res, answers.response(), answers);
    });
  }

  public Future<QueryAnswers<CommitFacts>> commits(String token, CommitQuery query, long deadlineMillis) {
    return send(token, query.text(), deadlineMillis).map(res -> {
      QueryAnswers<CommitFacts> answers = CommitAnswers.read(query, res);
      return observed(token, res, answers.response(), answers);
    });
  }

  private <T> T observed(String token, UpstreamResponse res, GraphQlResponse response, T answers) {
    long now = clock.getAsLong();
    budget.observe(TokenHash.of(token), response, res, now);
    if (response.failure() == GraphQlResponse.Failure.UNAVAILABLE) {
      missingUntil = now + REPROBE_MS;
      throw new Unavailable(response.failureMessage());
    }
    return answers;
  }

  private Future<UpstreamResponse> send(String token, String query, long deadlineMillis) {
    long now = clock.getAsLong();
    if (now < missingUntil) {
      return Future.failedFuture(new Unavailable("GitHub's GraphQL API is not available here"));
    }
    if (budget.preferRest(TokenHash.of(token), 1, now)) {
      return Future.failedFuture(new Unavailable("GitHub GraphQL points are spent until " + budget.resetAt(TokenHash.of(token))));
    }
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .add("Content-Type", "application/json")
        .add("Accept", "application/json");
    if (token != null && !token.isEmpty()) {
      headers.add("Authorization", "Bearer " + token);
    }
    Buffer body = new JsonObject().put("query", query).toBuffer();
    return transport.post(endpoint, headers, body, maxAnswerBytes, deadlineMillis);
  }
}
