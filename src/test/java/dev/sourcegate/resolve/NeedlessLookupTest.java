package dev.sourcegate.resolve;

import dev.sourcegate.resolve.rules.FileQuery;
import dev.sourcegate.resolve.go.GoStdPackages;
import dev.sourcegate.resolve.go.GoModulePath;

import dev.sourcegate.source.SourceFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Nothing is fetched that cannot change the answer, not even by the speculative reads a GetFile starts
 * up front: the resolver runs as the gateway runs it (prefetch, then resolve, over one
 * {@link PrefetchingReader}) and the in-memory fake counts every call it gets.
 */
class NeedlessLookupTest {
  private static final SourceResolver RESOLVER = new SourceResolver(GoStdPackages.load());
  private static final String CONFIG = "config acme/app@r1:";
  private static final String GO_MOD = "github acme/app@r1:go.mod";

  private static Future<SourceFile> getFile(FakeSourceReader fake, String localPath) {
    FileQuery q = new FileQuery("acme", "app", "r1", localPath, "", "");
    PrefetchingReader reader = new PrefetchingReader(fake);
    RESOLVER.prefetch(q, reader);
    return RESOLVER.resolve(q, reader);
  }

  private static String content(Future<SourceFile> f) {
    assertTrue(f.succeeded(), () -> "failed: " + f.cause());
    return new String(f.result().content(), StandardCharsets.UTF_8);
  }

  private static long goGets(FakeSourceReader fake) {
    return fake.calls().stream().filter(c -> c.startsWith("go-get ")).count();
  }

  @Test
  void toolchainModulePathIsTheStandardLibraryWithoutGoModOrVanityPage() {
    FakeSourceReader fake = new FakeSourceReader()
        .file("golang/go@go1.22.3:src/net/http/server.go")
        .goGetPage("golang.org/toolchain", SourceResolverTest.page(
            SourceResolverTest.goImport("golang.org/toolchain", "mod", "https://proxy.golang.org")));
    Future<SourceFile> f = getFile(fake,
        "/root/go/pkg/mod/golang.org/toolchain@v0.0.1-go1.22.3.linux-amd64/src/net/http/server.go");
    assertEquals("golang/go@go1.22.3:src/net/http/server.go", content(f));
    assertEquals(List.of(CONFIG, "github golang/go@go1.22.3:src/net/http/server.go"), fake.calls());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/usr/local/go/src/fmt/print.go", "fmt/print.go", "$GOROOT/src/fmt/print.go"})
  void standardLibraryPathsReadNothingElse(String localPath) {
    FakeSourceReader fake = new FakeSourceReader().file("golang/go@master:src/fmt/print.go");
    assertEquals("golang/go@master:src/fmt/print.go", content(getFile(fake, localPath)));
    assertEquals(List.of(CONFIG, "github golang/go@master:src/fmt/print.go"), fake.calls());
  }

  @Test
  void moduleReplacedByALocalDirectoryIsReadWithoutAVanityLookUp() {
    FakeSourceReader fake = new FakeSourceReader()
        .file("acme/app@r1:go.mod", "module github.com/acme/app\n\nreplace example.com/lib => ./third_party/lib\n")
        .file("acme/app@r1:third_party/lib/pkg/x.go")
        .goGetPage("example.com/lib", SourceResolverTest.page(
            SourceResolverTest.goImport("example.com/lib", "git", "https://github.com/ex/lib")));
    Future<SourceFile> f = getFile(fake, "/go/pkg/mod/example.com/lib@v1.0.0/pkg/x.go");
    assertEquals("acme/app@r1:third_party/lib/pkg/x.go", content(f));
    assertEquals(0, goGets(fake), fake.calls().toString());
  }

  @Test
  void aVanityModuleStillGetsExactlyOneLookUp() {
    FakeSourceReader fake = new FakeSourceReader()
        .file("acme/app@r1:go.mod", "module github.com/acme/app\n")
        .goGetPage("go.uber.org/zap", SourceResolverTest.page(
            SourceResolverTest.goImport("go.uber.org/zap", "git", "https://github.com/uber-go/zap")))
        .file("uber-go/zap@v1.27.0:logger.go");
    assertEquals("uber-go/zap@v1.27.0:logger.go", content(getFile(fake, "/go/pkg/mod/go.uber.org/zap@v1.27.0/logger.go")));
    assertEquals(1, goGets(fake), fake.calls().toString());
  }

  @Test
  void goModReplacingAModuleWithAVanityModuleLooksUpTheReplacementOnly() {
    FakeSourceReader fake = new FakeSourceReader()
        .file("acme/app@r1:go.mod", "replace example.com/old => example.com/new v0.3.0\n")
        .goGetPage("example.com/new", SourceResolverTest.page(
            SourceResolverTest.goImport("example.com/new", "git", "https://github.com/ex/new")))
        .file("ex/new@v0.3.0:x.go");
    assertEquals("ex/new@v0.3.0:x.go", content(getFile(fake, "/go/pkg/mod/example.com/old@v1.0.0/x.go")));
    assertEquals(List.of("go-get example.com/new"), fake.calls().stream().filter(c -> c.startsWith("go-get ")).toList());
  }

  /** Module hosts that are addresses, loopback names or carry a port: refused before any look-up. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "127.0.0.1", "127.1", "0x7f.0.0.1", "0177.0.0.1", "2130706433", "0x7f000001", "0.0.0.0", "10.0.0.1",
      "169.254.169.254", "[::1]", "[::ffff:127.0.0.1]", "[::]", "[fe80::1%25eth0]", "::1",
      "localhost", "localhost.", "LOCALHOST", "!l!o!c!a!l!h!o!s!t", "foo.localhost", "Foo.LocalHost.",
      "example.com:8080", "example.com:443", "[::1]:443", "127.0.0.1:80", "example.com."})
  void moduleHostsThatAreNotDnsNamesAreRefusedBeforeAnyLookUp(String host) {
    FakeSourceReader fake = new FakeSourceReader()
        .goGetPage(GoModulePath.unescape(host) + "/mod", SourceResolverTest.page(
            SourceResolverTest.goImport(GoModulePath.unescape(host) + "/mod", "git", "https://github.com/ex/mod")))
        .file("ex/mod@v1.0.0:x.go");
    Future<SourceFile> f = getFile(fake, "/root/go/pkg/mod/" + host + "/mod@v1.0.0/x.go");
    assertTrue(f.failed(), () -> "answered " + fake.calls());
    assertEquals(Code.NOT_FOUND, ((RpcException) f.cause()).code());
    assertEquals(0, goGets(fake), fake.calls().toString());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"127.0.0.1/mod", "localhost/mod", "[::1]/mod", "example.com:8443/mod", "LOCALHOST./mod"})
  void aGoModReplacementToSuchAHostIsRefusedToo(String replacement) {
    FakeSourceReader fake = new FakeSourceReader()
        .file("acme/app@r1:go.mod", "replace example.com/lib => " + replacement + " v1.0.0\n")
        .goGetPage(replacement, SourceResolverTest.page(
            SourceResolverTest.goImport(replacement, "git", "https://github.com/ex/mod")))
        .goGetPage("example.com/lib", SourceResolverTest.page(
            SourceResolverTest.goImport("example.com/lib", "git", "https://github.com/ex/lib")))
        .file("ex/mod@v1.0.0:x.go");
    Future<SourceFile> f = getFile(fake, "/go/pkg/mod/example.com/lib@v1.0.0/x.go");
    assertTrue(f.failed(), () -> "answered " + fake.calls());
    assertEquals(Code.NOT_FOUND, ((RpcException) f.cause()).code());
    assertEquals(0, goGets(fake), fake.calls().toString());
    assertTrue(fake.calls().contains(GO_MOD));
  }
}
