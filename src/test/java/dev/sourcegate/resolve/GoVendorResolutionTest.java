package dev.sourcegate.resolve;

import static dev.sourcegate.resolve.SourceResolverTest.goImport;
import static dev.sourcegate.resolve.SourceResolverTest.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.resolve.go.GoStdPackages;
import dev.sourcegate.resolve.rules.FileQuery;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Go vendor paths whose file the repository does not commit (docs/resolution.md §4.3): read from the
 * module's own repository at the version vendor/modules.txt (else go.mod) gives, with the module cache
 * rules. The request is acme/app at r1; the fake's files hold their own keys.
 */
class GoVendorResolutionTest {
  private static final GoStdPackages STD = GoStdPackages.load();
  private static final String MODULES = "acme/app@r1:vendor/modules.txt";
  private static final String GO_MOD = "acme/app@r1:go.mod";

  record Case(String name, String localPath, String rootPath, Consumer<FakeSourceReader> setup, String expected,
      List<String> calls) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("committed vendor file wins, nothing else read", "/build/app/vendor/github.com/pkg/errors/errors.go", "",
            r -> r.file("acme/app@r1:vendor/github.com/pkg/errors/errors.go")
                .file(MODULES, "# github.com/pkg/errors v0.9.1\n").file("pkg/errors@v0.9.1:errors.go"),
            "acme/app@r1:vendor/github.com/pkg/errors/errors.go",
            List.of("config acme/app@r1:", "github acme/app@r1:vendor/github.com/pkg/errors/errors.go")),
        new Case("modules.txt gives the version", "/build/app/vendor/github.com/pkg/errors/errors.go", "",
            r -> r.file(MODULES, "# github.com/pkg/errors v0.9.1\n## explicit\ngithub.com/pkg/errors\n")
                .file("pkg/errors@v0.9.1:errors.go"),
            "pkg/errors@v0.9.1:errors.go",
            List.of("config acme/app@r1:", "github acme/app@r1:vendor/github.com/pkg/errors/errors.go",
                "github acme/app@r1:vendor/modules.txt", "github acme/app@r1:go.mod", "github pkg/errors@v0.9.1:errors.go")),
        new Case("modules.txt wins over go.mod", "/build/app/vendor/github.com/pkg/errors/errors.go", "",
            r -> r.file(MODULES, "# github.com/pkg/errors v0.9.1\n").file(GO_MOD, "require github.com/pkg/errors v0.8.0\n")
                .file("pkg/errors@v0.9.1:errors.go").file("pkg/errors@v0.8.0:errors.go"),
            "pkg/errors@v0.9.1:errors.go", null),
        new Case("golang.org/x through its vanity page to go.googlesource.com", "/go/src/app/vendor/golang.org/x/net/http2/frame.go", "",
            r -> r.file(MODULES, "# golang.org/x/net v0.20.0\n## explicit; go 1.18\ngolang.org/x/net/http2\n")
                .goGetPage("golang.org/x/net", page(goImport("golang.org/x/net", "git", "https://go.googlesource.com/net")))
                .googleSourceFile("net@v0.20.0:http2/frame.go"),
            "net@v0.20.0:http2/frame.go", null),
        new Case("the longest module path that prefixes the file", "/b/vendor/github.com/aws/aws-sdk-go-v2/service/s3/api.go", "",
            r -> r.file(MODULES, "# github.com/aws/aws-sdk-go-v2 v1.24.0\n# github.com/aws/aws-sdk-go-v2/service/s3 v1.40.0\n")
                .file("aws/aws-sdk-go-v2@v1.40.0:service/s3/api.go"),
            "aws/aws-sdk-go-v2@v1.40.0:service/s3/api.go", null),
        new Case("a /v2 module: the suffix is no directory", "/b/vendor/github.com/foo/bar/v2/x.go", "",
            r -> r.file(MODULES, "# github.com/foo/bar/v2 v2.1.0\n").file("foo/bar@v2.1.0:x.go"),
            "foo/bar@v2.1.0:x.go", null),
        new Case("+incompatible dropped", "/b/vendor/github.com/docker/docker/client/x.go", "",
            r -> r.file(MODULES, "# github.com/docker/docker v20.10.24+incompatible\n").file("docker/docker@v20.10.24:client/x.go"),
            "docker/docker@v20.10.24:client/x.go", null),
        new Case("pseudo-version: its commit", "/b/vendor/github.com/foo/bar/x.go", "",
            r -> r.file(MODULES, "# github.com/foo/bar v0.0.0-20240101120000-abcdef123456\n").file("foo/bar@abcdef123456:x.go"),
            "foo/bar@abcdef123456:x.go", null),
        new Case("modules.txt replacement by another module", "/b/vendor/github.com/foo/bar/x.go", "",
            r -> r.file(MODULES, "# github.com/foo/bar v1.2.3 => github.com/fork/bar v1.5.0\n").file("fork/bar@v1.5.0:x.go"),
            "fork/bar@v1.5.0:x.go", null),
        new Case("modules.txt replacement by a directory of the repository", "/b/vendor/github.com/foo/bar/pkg/x.go", "",
            r -> r.file(MODULES, "# github.com/foo/bar v1.2.3 => ./third_party/bar\n").file("acme/app@r1:third_party/bar/pkg/x.go"),
            "acme/app@r1:third_party/bar/pkg/x.go", null),
        new Case("no modules.txt: go.mod's require", "/b/vendor/github.com/pkg/errors/errors.go", "",
            r -> r.file(GO_MOD, "module github.com/acme/app\n\nrequire (\n\tgithub.com/pkg/errors v0.9.1 // indirect\n)\n")
                .file("pkg/errors@v0.9.1:errors.go"),
            "pkg/errors@v0.9.1:errors.go", null),
        new Case("no modules.txt: go.mod's replace", "/b/vendor/github.com/foo/bar/x.go", "",
            r -> r.file(GO_MOD, "require github.com/foo/bar v1.2.3\nreplace github.com/foo/bar => github.com/fork/bar v1.6.0\n")
                .file("fork/bar@v1.6.0:x.go"),
            "fork/bar@v1.6.0:x.go", null),
        new Case("no modules.txt: gopkg.in from go.mod", "/b/vendor/gopkg.in/yaml.v3/decode.go", "",
            r -> r.file(GO_MOD, "require gopkg.in/yaml.v3 v3.0.1\n").file("go-yaml/yaml@v3.0.1:decode.go"),
            "go-yaml/yaml@v3.0.1:decode.go", null),
        new Case("under rootPath: its own modules.txt first", "github.com/acme/app/svc/vendor/github.com/pkg/errors/errors.go", "svc",
            r -> r.file("acme/app@r1:svc/vendor/modules.txt", "# github.com/pkg/errors v0.9.1\n")
                .file(MODULES, "# github.com/pkg/errors v0.8.0\n")
                .file("pkg/errors@v0.9.1:errors.go").file("pkg/errors@v0.8.0:errors.go"),
            "pkg/errors@v0.9.1:errors.go", null),
        new Case("under rootPath with go.mod only at the root", "/b/svc/vendor/github.com/pkg/errors/errors.go", "svc",
            r -> r.file(GO_MOD, "require github.com/pkg/errors v0.8.0\n").file("pkg/errors@v0.8.0:errors.go"),
            "pkg/errors@v0.8.0:errors.go", null),
        new Case("module's file missing: NOT_FOUND", "/b/vendor/github.com/pkg/errors/gone.go", "",
            r -> r.file(MODULES, "# github.com/pkg/errors v0.9.1\n"), "!NOT_FOUND", null),
        new Case("a module not listed: NOT_FOUND", "/b/vendor/github.com/other/lib/x.go", "",
            r -> r.file(MODULES, "# github.com/pkg/errors v0.9.1\n").file("other/lib@main:x.go"), "!NOT_FOUND", null),
        new Case("a module's path is a whole-segment prefix only", "/b/vendor/github.com/pkg/errorsx/x.go", "",
            r -> r.file(MODULES, "# github.com/pkg/errors v0.9.1\n").file("pkg/errors@v0.9.1:x/x.go"), "!NOT_FOUND", null),
        new Case("modules.txt unreadable (not a miss): that failure", "/b/vendor/github.com/pkg/errors/errors.go", "",
            r -> r.fail("github " + MODULES, new RpcException(Code.PERMISSION_DENIED, "no")), "!PERMISSION_DENIED", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void resolves(Case c) {
    FakeSourceReader reader = new FakeSourceReader();
    c.setup().accept(reader);
    Future<SourceFile> answer = resolve(reader, c.localPath(), c.rootPath());
    assertTrue(answer.isComplete());
    if (c.expected().startsWith("!")) {
      assertTrue(answer.failed(), () -> "expected a failure, got " + text(answer) + "; calls " + reader.calls());
      assertEquals(c.expected().substring(1), ((RpcException) answer.cause()).code().name(), answer.cause().getMessage());
    } else {
      assertTrue(answer.succeeded(), () -> "failed: " + answer.cause() + "; calls " + reader.calls());
      assertEquals(c.expected(), text(answer), () -> "calls " + reader.calls());
    }
    if (c.calls() != null) {
      assertEquals(c.calls(), reader.calls());
    }
  }

  @Test
  void aModuleNotListedNamesWhatWasRead() {
    FakeSourceReader reader = new FakeSourceReader().file(GO_MOD, "require github.com/pkg/errors v0.9.1\n");
    Future<SourceFile> answer = resolve(reader, "/b/vendor/github.com/other/lib/x.go", "");
    String message = answer.cause().getMessage();
    assertEquals("vendored file not committed: vendor/github.com/other/lib/x.go, and no module go.mod lists contains it",
        message);
  }

  @Test
  void neitherListingNamesBothFilesLookedFor() {
    FakeSourceReader reader = new FakeSourceReader();
    Future<SourceFile> answer = resolve(reader, "/b/vendor/github.com/other/lib/x.go", "");
    assertEquals(Code.NOT_FOUND, ((RpcException) answer.cause()).code());
    assertEquals("vendored file not committed: vendor/github.com/other/lib/x.go, and neither vendor/modules.txt nor go.mod"
        + " says which module it belongs to", answer.cause().getMessage());
  }

  @Test
  void aMissingModuleFileSaysWhichModuleAndVersionAndWhereFrom() {
    FakeSourceReader reader = new FakeSourceReader().file(MODULES, "# github.com/pkg/errors v0.9.1\n");
    String message = resolve(reader, "/b/vendor/github.com/pkg/errors/gone.go", "").cause().getMessage();
    assertTrue(message.contains("module github.com/pkg/errors v0.9.1 (from vendor/modules.txt)"), message);
    assertTrue(message.contains("github.com/pkg/errors/gone.go at v0.9.1"), message);
  }

  private static Future<SourceFile> resolve(FakeSourceReader reader, String localPath, String rootPath) {
    return new SourceResolver(STD).resolve(new FileQuery("acme", "app", "r1", localPath, rootPath, ""), reader);
  }

  private static String text(Future<SourceFile> f) {
    return new String(f.result().content(), StandardCharsets.UTF_8);
  }
}
