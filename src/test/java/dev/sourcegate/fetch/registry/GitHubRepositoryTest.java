package dev.sourcegate.fetch.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sourcegate.source.RepoRef;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GitHubRepositoryTest {
  @ParameterizedTest
  @CsvSource(nullValues = "null", delimiter = '|', value = {
      "https://github.com/pallets/flask                  | pallets/flask",
      "https://github.com/pallets/flask/                 | pallets/flask",
      "http://www.github.com/pallets/flask.git           | pallets/flask",
      "git+https://github.com/expressjs/express.git      | expressjs/express",
      "git://github.com/o/r.git                          | o/r",
      "git+ssh://git@github.com/o/r.git                  | o/r",
      "git@github.com:o/r.git                            | o/r",
      "https://github.com/psf/requests/tree/main/src     | psf/requests",
      "https://github.com/o/r#readme                     | o/r",
      "https://gitlab.com/o/r                            | null",
      "https://github.com/pallets                        | null",
      "https://github.com/o/..                           | null",
      "https://notgithub.com/o/r                         | null",
      "https://flask.palletsprojects.com/                | null",
  })
  void fromUrl(String url, String expected) {
    assertEquals(Optional.ofNullable(expected), GitHubRepository.fromUrl(url).map(r -> r.owner() + "/" + r.repo()));
  }

  @ParameterizedTest
  @CsvSource(nullValues = "null", delimiter = '|', value = {
      "github:lodash/lodash                   | lodash/lodash",
      "lodash/lodash                          | lodash/lodash",
      "git+https://github.com/babel/babel.git | babel/babel",
      "gitlab:o/r                             | null",
      "bitbucket:o/r                          | null",
      "https://example.com/o/r                | null",
      "just-a-name                            | null",
  })
  void fromNpm(String repository, String expected) {
    assertEquals(Optional.ofNullable(expected), GitHubRepository.fromNpm(repository).map(r -> r.owner() + "/" + r.repo()));
    GitHubRepository.fromNpm(repository).ifPresent(r -> assertEquals(RepoRef.GITHUB, r.host()));
  }
}
