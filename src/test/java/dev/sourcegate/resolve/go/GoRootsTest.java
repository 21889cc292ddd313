package dev.sourcegate.resolve.go;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every GOROOT form a real machine has (docs/resolution.md §4.2 c, d), with the release the path names. */
class GoRootsTest {
  private static final GoStdlib STDLIB = new GoStdlib(GoStdPackages.load());

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
      ~/sdk/go1.22.4/src/net/http/server.go                                  | net/http/server.go | 1.22.4 | go1.22.4
      /home/u/sdk/go1.22.4/src/fmt/print.go                                  | fmt/print.go       | 1.22.4 | go1.22.4
      /Users/u/sdk/go1.23rc1/src/fmt/print.go                                | fmt/print.go       | 1.23rc1 | go1.23rc1
      /home/u/.asdf/installs/golang/1.20.5/go/src/runtime/proc.go            | runtime/proc.go    | 1.20.5 | go1.20.5
      /opt/homebrew/Cellar/go/1.22.4/libexec/src/fmt/print.go                | fmt/print.go       | 1.22.4 | go1.22.4
      /usr/local/Cellar/go/1.21.6/libexec/src/os/file.go                     | os/file.go         | 1.21.6 | go1.21.6
      /opt/homebrew/Cellar/go@1.21/1.21.13_1/libexec/src/sync/mutex.go       | sync/mutex.go      | 1.21.13 | go1.21.13
      /usr/lib/go-1.22/src/fmt/print.go                                      | fmt/print.go       | 1.22   | release-branch.go1.22
      /usr/lib/go-1.19/src/net/http/server.go                                | net/http/server.go | 1.19   | release-branch.go1.19
      /snap/go/10585/src/fmt/print.go                                        | fmt/print.go       | null   | null
      /snap/go/current/src/fmt/print.go                                      | fmt/print.go       | null   | null
      /usr/lib/go/src/fmt/print.go                                           | fmt/print.go       | null   | null
      /usr/lib/golang/src/crypto/tls/conn.go                                 | crypto/tls/conn.go | null   | null
      /opt/homebrew/opt/go/libexec/src/fmt/print.go                          | fmt/print.go       | null   | null
      /usr/local/opt/go/libexec/src/fmt/print.go                             | fmt/print.go       | null   | null
      """)
  void recognises(String path, String file, String version, String ref) {
    assertEquals(Optional.of(new GoStdlib.StdFile(file, version, ref)), STDLIB.recognise(path));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "/snap/go/10585/src/github.com/acme/app/main.go",
      "/usr/lib/go/src/example.com/tool/main.go",
      "/home/u/sdk/go1.22.4/src/",
      "/usr/lib/go-1.22/src/",
      "/home/u/snap/go/10585/src/fmt/print.go",
      "/home/u/projects/sdk/gox/src/fmt/print.go",
      "/root/go/pkg/mod/github.com/acme/tools@v1.2.0/sdk/go1.22.4/src/fmt/print.go",
      "/root/go/pkg/mod/example.com/pkgs@v0.3.0/lib/go-1.22/src/fmt/print.go"
  })
  void notTheStandardLibrary(String path) {
    assertTrue(STDLIB.recognise(path).isEmpty(), path);
  }
}
