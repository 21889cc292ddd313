package dev.sourcegate.resolve.go;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoModTest {
  private static final String GO_MOD = """
      // The service's dependencies.
      module github.com/acme/app

      go 1.22

      toolchain go1.22.3

      require github.com/single/line v1.0.0
      require "github.com/quoted/path" v1.1.0

      require (
      \tgithub.com/foo/bar v1.4.0
      \tgithub.com/BurntSushi/toml v1.3.2 // indirect
      \t// github.com/commented/out v9.9.9
      \tgolang.org/x/net v0.20.0 // indirect
      )

      require ()

      exclude github.com/foo/bar v1.3.0

      replace github.com/foo/bar => github.com/fork/bar v1.5.0

      replace (
      \tgithub.com/local/mod => ./third_party/mod
      \tgithub.com/outside/mod => ../outside
      \tgithub.com/absolute/mod => /opt/mod
      \tgithub.com/sneaky/mod => ./a/../../b
      \tgithub.com/dot/mod => ./x/./y/../z
      \tgithub.com/versioned/mod v1.0.0 => github.com/versioned/fork v1.0.1
      \tgithub.com/versioned/mod => github.com/versioned/any v2.0.0
      \tgithub.com/broken/replace =>
      )

      retract v0.1.0
      """;

  private static final GoMod MOD = GoMod.parse(GO_MOD);

  @ParameterizedTest(name = "{0}@{1}")
  @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
      github.com/single/line     | v0.9.0 | github.com/single/line     | v1.0.0  | null
      github.com/quoted/path     | v0.9.0 | github.com/quoted/path     | v1.1.0  | null
      github.com/BurntSushi/toml | v1.0.0 | github.com/BurntSushi/toml | v1.3.2  | null
      golang.org/x/net           | v0.1.0 | golang.org/x/net           | v0.20.0 | null
      github.com/commented/out   | v1.0.0 | github.com/commented/out   | v1.0.0  | null
      github.com/not/required    | v1.0.0 | github.com/not/required    | v1.0.0  | null
      github.com/foo/bar         | v1.2.3 | github.com/fork/bar        | v1.5.0  | null
      github.com/local/mod       | v1.0.0 | github.com/local/mod       | v1.0.0  | third_party/mod
      github.com/outside/mod     | v1.0.0 | github.com/outside/mod     | v1.0.0  | null
      github.com/absolute/mod    | v1.0.0 | github.com/absolute/mod    | v1.0.0  | null
      github.com/sneaky/mod      | v1.0.0 | github.com/sneaky/mod      | v1.0.0  | null
      github.com/dot/mod         | v1.0.0 | github.com/dot/mod         | v1.0.0  | x/z
      github.com/versioned/mod   | v1.0.0 | github.com/versioned/fork  | v1.0.1  | null
      github.com/versioned/mod   | v1.2.0 | github.com/versioned/any   | v2.0.0  | null
      github.com/broken/replace  | v1.0.0 | github.com/broken/replace  | v1.0.0  | null
      """)
  void resolves(String module, String cacheVersion, String path, String version, String localDir) {
    assertEquals(new GoMod.Target(path, version, localDir), MOD.resolve(module, cacheVersion));
  }

  @Test
  void requiredVersions() {
    assertEquals(Optional.of("v1.4.0"), MOD.required("github.com/foo/bar"));
    assertEquals(Optional.empty(), MOD.required("github.com/commented/out"));
  }

  @Test
  void emptyAndGarbageGoModChangeNothing() {
    for (GoMod m : new GoMod[] {GoMod.EMPTY, GoMod.parse(""), GoMod.parse("<html>not a go.mod</html>\n(\n")}) {
      assertEquals(new GoMod.Target("github.com/a/b", "v1.0.0", null), m.resolve("github.com/a/b", "v1.0.0"));
    }
  }

  @Test
  void windowsLineEndings() {
    GoMod m = GoMod.parse("module x\r\nrequire (\r\n\tgithub.com/a/b v1.2.0\r\n)\r\n");
    assertEquals(Optional.of("v1.2.0"), m.required("github.com/a/b"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
      ./dir        | dir
      ./a/b/       | a/b
      ./           | ''
      ./a/../b     | b
      ../x         | null
      ./a/../../x  | null
      /abs         | null
      """)
  void insideRepository(String relative, String expected) {
    assertEquals(Optional.ofNullable(expected), GoMod.insideRepository(relative));
  }
}
