package dev.sourcegate.fetch.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The GraphQL endpoint follows from the REST root, as GitHub lays them out, unless set. */
class GraphQlEndpointTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "https://api.github.com, https://api.github.com/graphql",
      "https://api.github.com/, https://api.github.com/graphql",
      "https://ghe.example/api/v3, https://ghe.example/api/graphql",
      "https://ghe.example/api/v3/, https://ghe.example/api/graphql",
      "https://ghe.example:8443/git/api/v3, https://ghe.example:8443/git/api/graphql",
      "http://127.0.0.1:4711/api, http://127.0.0.1:4711/api/graphql"})
  void derivedFromTheRestRoot(String rest, String graphql) {
    assertEquals(URI.create(graphql), GraphQlEndpoint.of(URI.create(rest), null));
  }

  @Test
  void theSettingWins() {
    URI set = URI.create("https://proxy.example/github/graphql");
    assertEquals(set, GraphQlEndpoint.of(URI.create("https://ghe.example/api/v3"), set));
  }
}
