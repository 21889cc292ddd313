package dev.sourcegate.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Nested;

/** {@link CommitsSuite} over GitHub's GraphQL API, and over REST where GraphQL is not there (404). */
class CommitsPerProtocolTest {
  /** All refs of a GetCommit or GetCommits in one query, every spelling of a ref in it: no REST call. */
  @Nested
  class OverGraphQl extends CommitsSuite {
    @Override
    boolean graphQlAvailable() {
      return true;
    }

    @Override
    void calls(long graphQl, long restCommits, int refsAsked, int spellingsTried) {
      assertEquals(1, graphQl, "one query for " + refsAsked + " refs");
      assertEquals(0, restCommits);
    }
  }

  /** GraphQL answers 404 once; then every spelling is read over REST, one call each, as before. */
  @Nested
  class GraphQlUnavailable extends CommitsSuite {
    @Override
    boolean graphQlAvailable() {
      return false;
    }

    @Override
    void calls(long graphQl, long restCommits, int refsAsked, int spellingsTried) {
      assertEquals(1, graphQl, "the one 404 that says GraphQL is not there");
      assertEquals(spellingsTried, restCommits);
    }
  }
}
