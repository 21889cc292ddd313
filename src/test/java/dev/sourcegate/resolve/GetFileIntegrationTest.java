package dev.sourcegate.resolve;

import org.junit.jupiter.api.Nested;

/**
 * The GetFile suite ({@link GetFileSuite}) against a gateway that answers warm GetFiles on the spot, and
 * against one that sends every GetFile to the resolver: the two routes must pass the same tests.
 */
class GetFileIntegrationTest {
  @Nested
  class WarmAnswersOn extends GetFileSuite {
    @Override
    boolean warmAnswers() {
      return true;
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
