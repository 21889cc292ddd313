package dev.sourcegate.resolve.go;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoStdlibTest {
  private static final GoStdlib STDLIB = new GoStdlib(GoStdPackages.load());

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
      golang.org/toolchain@v0.0.1-go1.22.3.linux-amd64/src/net/http/server.go                   | net/http/server.go   | 1.22.3
      /root/go/pkg/mod/golang.org/toolchain@v0.0.1-go1.23rc1.linux-amd64/src/fmt/print.go       | fmt/print.go         | 1.23rc1
      golang.org/toolchain@v0.0.1-go1.21.0-linux-arm64/src/fmt/print.go                         | fmt/print.go         | 1.21.0
      golang.org/toolchain@v0.0.1-go1.21beta1.windows-amd64/src/os/file.go                      | os/file.go           | 1.21beta1
      /usr/local/go/go1.24.10/src/fmt/print.go                                                  | fmt/print.go         | 1.24.10
      /opt/hostedtoolcache/go/1.22.3/x64/src/runtime/proc.go                                    | runtime/proc.go      | 1.22.3
      go/1.21.5/src/sort/sort.go                                                                | sort/sort.go         | 1.21.5
      /usr/local/go/src/net/http/server.go                                                      | net/http/server.go   | null
      $GOROOT/src/fmt/print.go                                                                  | fmt/print.go         | null
      $GOROOT/src/vendor/golang.org/x/net/http2/hpack/huffman.go                                | vendor/golang.org/x/net/http2/hpack/huffman.go | null
      /usr/local/go/src/crypto/internal/fips140/aes/aes.go                                      | crypto/internal/fips140/aes/aes.go | null
      /usr/local/go/src/runtime/internal/atomic/types.go                                        | runtime/internal/atomic/types.go | null
      fmt/scan.go                                                                               | fmt/scan.go          | null
      net/http/server.go                                                                        | net/http/server.go   | null
      internal/abi/abi.go                                                                       | internal/abi/abi.go  | null
      vendor/golang.org/x/net/http2/hpack/huffman.go                                            | vendor/golang.org/x/net/http2/hpack/huffman.go | null
      vendor/x.go                                                                               | vendor/x.go          | null
      $GOROOT/src/vendor/x.go                                                                   | vendor/x.go          | null
      """)
  void recognises(String path, String file, String version) {
    assertEquals(Optional.of(new GoStdlib.StdFile(file, version)), STDLIB.recognise(path));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "/app/main.go",
      "github.com/acme/app/main.go",
      "/usr/local/go/src/github.com/foo/bar.go",
      "/usr/local/go/src/main.go",
      "$GOROOT/src/example/tool/main.go",
      "/go/pkg/mod/github.com/foo/bar@v1.2.3/src/x.go",
      "/home/u/go/src/github.com/foo/bar/x.go",
      "/usr/local/go/go1.24.10/src/",
      "golang.org/toolchain@v0.0.1-go1.22.3.linux-amd64/pkg/x.go",
      "/app/vendor/fmt/print.go",
      "usr/local/go/src/fmt/print.go",
      "main.go",
      "internal/foo/bar.go",
      "cmd/server/main.go",
      "net/http/mine/x.go",
      "fmt/",
      "vendor/",
      "/fmt/print.go",
      "./fmt/print.go"
  })
  void notTheStandardLibrary(String path) {
    assertTrue(STDLIB.recognise(path).isEmpty(), path);
  }

  @Test
  void tagKeepsSuffixes() {
    assertEquals("go1.23rc1", new GoStdlib.StdFile("x.go", "1.23rc1").tag());
  }
}
