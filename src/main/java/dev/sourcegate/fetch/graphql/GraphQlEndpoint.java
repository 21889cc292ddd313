package dev.sourcegate.fetch.graphql;

import java.net.URI;

/**
 * Where GitHub's GraphQL API is: SOURCEGATE_GITHUB_GRAPHQL_URL when set, else derived from the REST root
 * (SOURCEGATE_GITHUB_API_URL) as GitHub lays them out: {@code https://api.github.com} has it at {@code
 * /graphql}; a GitHub Enterprise Server's {@code https://HOST/api/v3} at {@code https://HOST/api/graphql}.
 * Any other root gets {@code /graphql} appended (the simulated GitHub's {@code .../api} answers at
 * {@code .../api/graphql}, like a GitHub Enterprise Server).
 */
public final class GraphQlEndpoint {
  private GraphQlEndpoint() {}

  /** override: the setting's URL, null when unset. */
  public static URI of(URI restApi, URI override) {
    if (override != null) {
      return override;
    }
    String path = restApi.getRawPath() == null ? "" : restApi.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.endsWith("/api/v3")) {
      path = path.substring(0, path.length() - "/v3".length());
    }
    String authority = restApi.getRawAuthority();
    return URI.create(restApi.getScheme() + "://" + authority + path + "/graphql");
  }
}
