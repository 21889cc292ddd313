package dev.sourcegate.fetch.graphql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.fetch.ssrf.UpstreamResponse;
import dev.sourcegate.source.GitBlobId;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The answer parsers on answers shaped as GitHub sends them, whole, partial and failed. */
class GraphQlAnswersTest {
  private static final String GO = "package a\n";
  private static final String GO_OID = GitBlobId.of(GO.getBytes(StandardCharsets.UTF_8));

  private static UpstreamResponse answer(int status, String body, String... headers) {
    MultiMap h = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < headers.length; i += 2) {
      h.add(headers[i], headers[i + 1]);
    }
    return new UpstreamResponse(status, h, Buffer.buffer(body));
  }

  private static BlobQuery threeFilesInTwoRepositories() {
    return BlobQuery.of(List.of(new FileLookup("acme", "app", "main", "a.go"), new FileLookup("acme", "secret", "main", "s.go"),
        new FileLookup("ACME", "App", "main", "dir")));
  }

  @Test
  void mapsEachAliasBackToItsLookupWithPartialDataAndErrors() {
    BlobQuery q = threeFilesInTwoRepositories();
    assertEquals("r0", q.repositoryAlias(0));
    assertEquals("r1", q.repositoryAlias(1));
    assertEquals("r0", q.repositoryAlias(2), "one block per repository, whatever the case of its name");
    String body = """
        {"data":{"r0":{"f0":{"oid":"%s","byteSize":10,"isBinary":false,"isTruncated":false,"text":"package a\\n"},"f2":{}},
         "r1":null,"rateLimit":{"cost":1,"remaining":4321,"resetAt":"2026-12-06T23:00:00Z"}},
         "errors":[{"type":"NOT_FOUND","path":["r1"],"locations":[{"line":1,"column":2}],
         "message":"Could not resolve to a Repository with the name 'acme/secret'."}]}""".formatted(GO_OID);
    QueryAnswers<GitBlob> a = BlobAnswers.read(q, answer(200, body));
    assertNull(a.failure());
    Answer.Found<GitBlob> found = (Answer.Found<GitBlob>) a.answers().get(0);
    assertEquals(new GitBlob(GO_OID, 10, false, false, GO), found.value());
    assertArrayEquals(GO.getBytes(StandardCharsets.UTF_8), found.value().exactBytes().orElseThrow());
    assertEquals(new Answer.Failed<>("NOT_FOUND", "Could not resolve to a Repository with the name 'acme/secret'."), a.answers().get(1));
    assertEquals(new Answer.Missing<>(), a.answers().get(2), "a directory (Tree) is not a file");
    assertEquals(4321, a.response().rateLimit().remaining());
  }

  @Test
  void aNullFileIsMissingAndAnErrorUnderItsAliasIsThatError() {
    BlobQuery q = BlobQuery.of(List.of(new FileLookup("a", "b", "main", "x"), new FileLookup("a", "b", "main", "y")));
    String body = """
        {"data":{"r0":{"f0":null,"f1":null}},"errors":[{"type":"FORBIDDEN","path":["r0","f1"],"message":"no"}]}""";
    QueryAnswers<GitBlob> a = BlobAnswers.read(q, answer(200, body));
    assertEquals(new Answer.Missing<>(), a.answers().get(0));
    assertEquals(new Answer.Failed<>("FORBIDDEN", "no"), a.answers().get(1));
    assertNull(a.response().rateLimit(), "not asked for, not made up");
  }

  @ParameterizedTest(name = "HTTP {0}: {2}")
  @CsvSource(delimiter = '|', value = {
      "401|{\"message\":\"Bad credentials\"}|BAD_CREDENTIALS",
      "404|{\"message\":\"Not Found\"}|UNAVAILABLE",
      "410|''|UNAVAILABLE",
      "403|{\"message\":\"You have exceeded a secondary rate limit.\"}|RATE_LIMITED",
      "403|{\"message\":\"Resource not accessible by integration\"}|FORBIDDEN",
      "200|{\"errors\":[{\"type\":\"RATE_LIMITED\",\"message\":\"API rate limit already exceeded for user ID 1.\"}]}|RATE_LIMITED",
      "200|{\"errors\":[{\"path\":[\"query\",\"x\"],\"extensions\":{\"code\":\"undefinedField\"},\"message\":\"Field 'x' doesn't exist\"}]}|INVALID_QUERY",
      "200|{\"data\":null,\"errors\":[{\"type\":\"FORBIDDEN\",\"message\":\"SAML enforcement\"}]}|FORBIDDEN",
      "200|<html>|UPSTREAM_ERROR",
      "502|{\"message\":\"Server Error\"}|UPSTREAM_ERROR"})
  void aWholeQueryFailsOnTheStatusOrOnErrorsWithoutData(int status, String body, GraphQlResponse.Failure failure) {
    QueryAnswers<GitBlob> a = BlobAnswers.read(BlobQuery.of(List.of(new FileLookup("a", "b", "main", "x"))), answer(status, body));
    assertEquals(failure, a.failure());
    assertEquals(List.of(), a.answers());
  }

  @Test
  void aForbiddenAnswerWithNoPointsLeftIsARateLimit() {
    GraphQlResponse r = GraphQlResponse.read(answer(403, "{\"message\":\"Forbidden\"}", "x-ratelimit-remaining", "0"));
    assertEquals(GraphQlResponse.Failure.RATE_LIMITED, r.failure());
  }

  @Test
  void bytesComeOnlyFromTextThatHashesToTheOid() {
    byte[] latin1 = "caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    // GitHub shows a Latin-1 file as text; its UTF-8 bytes are not the file's, so the oid does not match
    assertTrue(new GitBlob(GitBlobId.of(latin1), latin1.length, false, false, "caf\u00e9\n").exactBytes().isEmpty());
    assertTrue(new GitBlob(GO_OID, 10, false, true, GO).exactBytes().isEmpty(), "truncated");
    assertTrue(new GitBlob(GO_OID, 10, true, false, null).exactBytes().isEmpty(), "binary");
    assertTrue(new GitBlob(GO_OID, 10, false, false, GO).exactBytes().isPresent());
  }

  @Test
  void aCommitIsTheFirstSpellingThatNamesOneWithRestsFacts() {
    CommitQuery q = CommitQuery.plan("acme", "app", List.of("v1", "main", "gone", "0123456789abcdef0123456789abcdef01234567")).get(0);
    String commit = """
        {"oid":"%s","message":"Fix\\n\\nbody","committedDate":"2026-01-02T04:04:05Z","url":"https://github.com/acme/app/commit/%s",
         "author":{"name":"Ann","email":"a@example.com","date":"2026-01-02T04:04:05+01:00","avatarUrl":"https://x/ann",
         "user":{"login":"ann","avatarUrl":"https://avatars.example/ann"}}}""";
    String sha1 = "1111111111111111111111111111111111111111";
    String sha2 = "2222222222222222222222222222222222222222";
    String body = "{\"data\":{\"repository\":{"
        + "\"c0_0\":{\"target\":" + commit.formatted(sha1, sha1) + "},\"c0_1\":null,\"c0_2\":null,"
        + "\"c1_0\":null,\"c1_1\":" + commit.formatted(sha2, sha2).replace("\"user\":{\"login\":\"ann\",\"avatarUrl\":\"https://avatars.example/ann\"}", "\"user\":null") + ",\"c1_2\":null,"
        + "\"c2_0\":null,\"c2_1\":{},\"c2_2\":null,"
        + "\"c3_0\":null}}}";
    QueryAnswers<CommitFacts> a = CommitAnswers.read(q, answer(200, body));
    assertEquals(new Answer.Found<>(new CommitFacts(sha1, "Fix\n\nbody", "2026-01-02T03:04:05Z",
        "https://github.com/acme/app/commit/" + sha1, "ann", "https://avatars.example/ann")), a.answers().get(0), "an annotated tag's target, date in UTC");
    assertEquals(new Answer.Found<>(new CommitFacts(sha2, "Fix\n\nbody", "2026-01-02T03:04:05Z",
        "https://github.com/acme/app/commit/" + sha2, "", "")), a.answers().get(1), "the branch spelling; no user, no login");
    assertEquals(new Answer.Missing<>(), a.answers().get(2));
    assertEquals(new Answer.Missing<>(), a.answers().get(3));
  }

  @Test
  void aRepositoryTheTokenCannotReadFailsEveryRef() {
    CommitQuery q = CommitQuery.plan("acme", "secret", List.of("main", "dev")).get(0);
    QueryAnswers<CommitFacts> a = CommitAnswers.read(q, answer(200,
        "{\"data\":{\"repository\":null},\"errors\":[{\"type\":\"NOT_FOUND\",\"path\":[\"repository\"],\"message\":\"gone\"}]}"));
    assertEquals(List.of(new Answer.Failed<>("NOT_FOUND", "gone"), new Answer.Failed<>("NOT_FOUND", "gone")), a.answers());
  }
}
