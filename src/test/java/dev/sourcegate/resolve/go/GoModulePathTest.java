package dev.sourcegate.resolve.go;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoModulePathTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      /home/u/go/pkg/mod/github.com/foo/bar@v1.2.3/baz/x.go          | github.com/foo/bar          | v1.2.3                             | baz/x.go
      github.com/foo/bar@v1.2.3/x.go                                  | github.com/foo/bar          | v1.2.3                             | x.go
      /build/src/github.com/foo/bar@v1.2.3/x.go                       | github.com/foo/bar          | v1.2.3                             | x.go
      /home/u/.gomodcache/github.com/foo/bar@v1.2.3/x.go              | github.com/foo/bar          | v1.2.3                             | x.go
      /go/pkg/mod/github.com/!burnt!sushi/toml@v1.3.2/decode.go       | github.com/BurntSushi/toml  | v1.3.2                             | decode.go
      /go/pkg/mod/github.com/foo/bar/v2@v2.1.0/a/b/c.go               | github.com/foo/bar/v2       | v2.1.0                             | a/b/c.go
      /go/pkg/mod/github.com/foo/bar@v0.0.0-20240101120000-abcdef123456/x.go | github.com/foo/bar   | v0.0.0-20240101120000-abcdef123456 | x.go
      /go/pkg/mod/github.com/docker/docker@v20.10.24+incompatible/x.go | github.com/docker/docker   | v20.10.24+incompatible             | x.go
      /go/pkg/mod/gopkg.in/yaml.v3@v3.0.1/decode.go                   | gopkg.in/yaml.v3            | v3.0.1                             | decode.go
      /go/pkg/mod/github.com/foo/bar@v1.0.0-!r!c1/x.go                | github.com/foo/bar          | v1.0.0-RC1                         | x.go
      """)
  void parsesModuleCachePaths(String path, String module, String version, String file) {
    assertEquals(Optional.of(new GoModulePath(module, version, file)), GoModulePath.parse(path));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "/app/main.go",
      "github.com/foo/bar/x.go",
      "/home/u/go/pkg/mod/cache/download/x.go",
      "/app/foo@very.go",
      "/app/users/me@v1/x.go",
      "github.com/foo/bar@v1.2.3",
      "github.com/foo/bar@v1.2.3/",
      "/pkg/mod/@v1.2.3/x.go"
  })
  void leavesOtherPathsAlone(String path) {
    assertTrue(GoModulePath.parse(path).isEmpty(), path);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
      v1.2.3                                              | v1.2.3
      v1.2.3+incompatible                                 | v1.2.3
      v20.10.24+incompatible                              | v20.10.24
      v1.2.3-rc.1                                         | v1.2.3-rc.1
      v1.2.3-beta.2+meta                                  | v1.2.3-beta.2
      v1.2                                                | v1.2.0
      v2                                                  | v2.0.0
      v0.0.0-20240101120000-abcdef123456                  | abcdef123456
      v1.2.4-0.20240101120000-abcdef123456                | abcdef123456
      v1.2.3-pre.0.20240101120000-abcdef123456            | abcdef123456
      v1.2.3-rc.1.0.20240101120000-abcdef123456           | abcdef123456
      v2.0.1-0.20190101000000-0123456789ab+incompatible   | 0123456789ab
      v0.0.0-2024010112000-abcdef123456                   | v0.0.0-2024010112000-abcdef123456
      weird+x                                             | weird
      null                                                | null
      ''                                                  | null
      """)
  void refOfVersion(String version, String ref) {
    assertEquals(ref, GoModulePath.refFor(version));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      !burnt!sushi      | BurntSushi
      github.com/foo    | github.com/foo
      !azure/!az!core   | Azure/AzCore
      a!                | a
      a!1               | a1
      """)
  void unescapes(String escaped, String plain) {
    assertEquals(plain, GoModulePath.unescape(escaped));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
      gopkg.in/yaml.v3              | github.com/go-yaml/yaml
      gopkg.in/check.v1             | github.com/go-check/check
      gopkg.in/src-d/go-git.v4      | github.com/src-d/go-git
      gopkg.in/src-d/go-git.v4/sub  | github.com/src-d/go-git/sub
      gopkg.in/yaml.v2/extra        | github.com/go-yaml/yaml/extra
      gopkg.in/foo                  | null
      github.com/foo/bar.v2         | null
      """)
  void gopkgIn(String module, String canonical) {
    assertEquals(Optional.ofNullable(canonical), GoModulePath.gopkgIn(module));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      github.com/foo/bar/v2          | 3 | github.com/foo/bar
      github.com/foo/bar/v11         | 3 | github.com/foo/bar
      github.com/foo/bar/sub/v3      | 3 | github.com/foo/bar/sub
      github.com/foo/bar/v1          | 3 | github.com/foo/bar/v1
      github.com/foo/bar/v0          | 3 | github.com/foo/bar/v0
      github.com/foo/v2              | 3 | github.com/foo/v2
      github.com/foo/bar/v2x         | 3 | github.com/foo/bar/v2x
      go.googlesource.com/net/v2     | 2 | go.googlesource.com/net
      """)
  void majorVersionSuffix(String path, int rootSegments, String expected) {
    assertEquals(expected, GoModulePath.withoutMajorVersionSuffix(path, rootSegments));
  }
}
