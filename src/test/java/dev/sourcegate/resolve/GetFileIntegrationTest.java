package dev.sourcegate.resolve;

import org.junit.jupiter.api.Nested;

/**
 * The GetFile suite ({@link GetFileSuite}) against a gateway that answers warm GetFiles on the spot, and
 * against one that sends every GetFile to the resolver: the two routes must pass the same tests; and
 * once more with GitHub's GraphQL API on, so both protocols give the same answers.
 */
class GetFileIntegrationTest {
  @Nested
  class WarmAnswersOn extends GetFileSuite {
    @Override
    boolean warmAnswers() {
      return true;
    }
  }

  /** The same suite with GitHub's GraphQL API on: every answer the same as over REST. */
  @Nested
  class OverGraphQl extends GetFileSuite {
    @Override
    boolean warmAnswers() {
      return true;
    }

    @Override
    boolean graphQl() {
      return true;
    }
  }

  /** GraphQL switched on but not there (404, a GitHub Enterprise Server without it): REST gives the same answers. */
  @Nested
  class GraphQlUnavailable extends GetFileSuite {
    @Override
    boolean warmAnswers() {
      return true;
    }

    @Override
    boolean graphQl() {
      return true;
    }

    @Override
    boolean graphQlAvailable() {
      return false;
    }
  }

  @Nested
  class WarmAnswersOff extends GetFileSuite {
    @Override
    boolean warmAnswers() {
      return false;
    }
  }
}
