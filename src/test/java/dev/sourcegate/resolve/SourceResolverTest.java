package dev.sourcegate.resolve;

import dev.sourcegate.resolve.rules.FileQuery;
import dev.sourcegate.resolve.rules.SourceReader;
import dev.sourcegate.resolve.go.GoStdPackages;

import dev.sourcegate.source.SourceFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.Language;
import dev.sourcegate.source.Mapping;
import dev.sourcegate.source.MappingSource;
import dev.sourcegate.source.PyroscopeConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * GetFile resolution end to end over the in-memory reader. Each row: the request, what the reader holds,
 * the expected answer (the key of the file answered, since the fake's contents are their keys, or an error
 * code) and, when given, exactly which upstream calls were made, in order.
 *
 * <p>The request is acme/app at ref "r1" unless a row says otherwise.
 */
public class SourceResolverTest {
  private static final String CONFIG = "config acme/app@r1:";
  /** The Python lock files read (all at once) before an installed package goes to the path walk. */
  private static final String[] LOCKS = {"github acme/app@r1:uv.lock", "github acme/app@r1:poetry.lock",
      "github acme/app@r1:pdm.lock", "github acme/app@r1:Pipfile.lock", "github acme/app@r1:requirements.txt",
      "github acme/app@r1:requirements-lock.txt", "github acme/app@r1:requirements-prod.txt"};
  private static final String GO_MOD = "github acme/app@r1:go.mod";

  private static final GoStdPackages STD = GoStdPackages.load();

  /**
   * A resolver per case: its caches (runtime versions, lock files) are per commit, and every case reads
   * the same repository at the same ref with different files.
   */
  private static SourceResolver resolver() {
    return new SourceResolver(STD);
  }

  /** One row of the table. {@code expected} is a file key, or "!CODE" for a failure. */
  record Case(String name, FileQuery query, Consumer<FakeSourceReader> setup, String expected, List<String> calls) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    List<Case> c = new ArrayList<>();
    dispatch(c);
    mappings(c);
    goStdlib(c);
    goVendor(c);
    goModuleCache(c);
    goLastResort(c);
    python(c);
    java(c);
    javascript(c);
    return c.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void resolves(Case c) {
    FakeSourceReader reader = new FakeSourceReader();
    c.setup().accept(reader);

    Future<SourceFile> answer = resolver().resolve(c.query(), reader);

    assertTrue(answer.isComplete(), "resolution over completed futures completes at once");
    if (c.expected().startsWith("!")) {
      if (answer.succeeded()) {
        fail("expected " + c.expected() + " but got "
            + new String(answer.result().content(), StandardCharsets.UTF_8) + "; calls " + reader.calls());
      }
      RpcException e = assertInstanceOf(RpcException.class, answer.cause(), "failure is an RpcException");
      assertEquals(c.expected().substring(1), e.code().name(), () -> "code; message " + e.getMessage() + "; calls " + reader.calls());
      assertTrue(e.getMessage().length() < 400, "short message");
    } else {
      if (answer.failed()) {
        fail("expected " + c.expected() + " but failed: " + answer.cause() + "; calls " + reader.calls());
      }
      assertEquals(c.expected(), new String(answer.result().content(), StandardCharsets.UTF_8), () -> "calls " + reader.calls());
    }
    if (c.calls() != null) {
      assertEquals(c.calls(), reader.calls());
    }
  }

  /**
   * The same table with every answer arriving later (as over the event bus): the resolver must only
   * compose futures, never read one before it completes.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void resolvesWithLateAnswers(Case c) {
    FakeSourceReader fake = new FakeSourceReader();
    c.setup().accept(fake);
    LateReader late = new LateReader(fake);

    Future<SourceFile> answer = resolver().resolve(c.query(), late);
    assertFalse(answer.isComplete(), "nothing can be known before the first answer arrives");
    late.deliverAll();

    assertTrue(answer.isComplete());
    if (c.expected().startsWith("!")) {
      RpcException e = assertInstanceOf(RpcException.class, answer.cause());
      assertEquals(c.expected().substring(1), e.code().name());
    } else {
      assertEquals(c.expected(), new String(answer.result().content(), StandardCharsets.UTF_8));
    }
    if (c.calls() != null) {
      assertEquals(c.calls(), fake.calls());
    }
  }

  /** Answers each call only when {@link #deliverAll} runs, one at a time, in call order. */
  private static final class LateReader implements SourceReader {
    private final FakeSourceReader fake;
    private final Deque<Runnable> pending = new ArrayDeque<>();

    LateReader(FakeSourceReader fake) {
      this.fake = fake;
    }

    private <T> Future<T> later(Supplier<Future<T>> answer) {
      Promise<T> p = Promise.promise();
      pending.add(() -> answer.get().onComplete(p));
      return p.future();
    }

    void deliverAll() {
      for (int i = 0; !pending.isEmpty(); i++) {
        assertTrue(i < 1000, "resolution keeps asking");
        pending.poll().run();
      }
    }

    @Override
    public Future<SourceFile> githubFile(String owner, String repo, String ref, String path) {
      return later(() -> fake.githubFile(owner, repo, ref, path));
    }

    @Override
    public Future<SourceFile> googleSourceFile(String project, String ref, String path) {
      return later(() -> fake.googleSourceFile(project, ref, path));
    }

    @Override
    public Future<String> goGetPage(String importPath) {
      return later(() -> fake.goGetPage(importPath));
    }

    @Override
    public String callerKey() {
      return fake.callerKey();
    }

    @Override
    public Future<PyroscopeConfig> pyroscopeConfig(String owner, String repo, String ref, String rootPath) {
      return later(() -> fake.pyroscopeConfig(owner, repo, ref, rootPath));
    }
  }

  // ------------------------------------------------------------------ dispatch by language

  private static void dispatch(List<Case> c) {
    c.add(row("unknown extension: fetched as it is, leading / removed", q("/docs/readme.txt"),
        files("acme/app@r1:docs/readme.txt"), "acme/app@r1:docs/readme.txt",
        CONFIG, "github acme/app@r1:docs/readme.txt"));
    c.add(row("unknown extension under rootPath", q("conf/app.yaml", "svc"),
        files("acme/app@r1:svc/conf/app.yaml"), "acme/app@r1:svc/conf/app.yaml",
        "config acme/app@r1:svc", "github acme/app@r1:svc/conf/app.yaml"));
    c.add(row("unknown extension missing: the path walk, then NOT_FOUND", q("/a/b/c/readme.txt"),
        files(), "!NOT_FOUND", CONFIG, "github acme/app@r1:a/b/c/readme.txt", "github acme/app@r1:b/c/readme.txt",
        "github acme/app@r1:c/readme.txt", "github acme/app@r1:readme.txt"));
    c.add(row(".java without a mapping: fetched as it is", q("src/main/java/org/example/App.java", "", "org/example/App.main"),
        files("acme/app@r1:src/main/java/org/example/App.java"), "acme/app@r1:src/main/java/org/example/App.java",
        CONFIG, "github acme/app@r1:src/main/java/org/example/App.java"));
    c.add(row("no extension: fetched as it is", q("bin/tool"), files("acme/app@r1:bin/tool"), "acme/app@r1:bin/tool"));
    c.add(row(".s is Go (standard library assembly)", q("/usr/local/go/src/runtime/asm_amd64.s"),
        files("golang/go@master:src/runtime/asm_amd64.s"), "golang/go@master:src/runtime/asm_amd64.s"));
    c.add(row("upper-case extension .GO is Go", q("/usr/local/go/src/fmt/PRINT.GO"),
        files("golang/go@master:src/fmt/PRINT.GO"), "golang/go@master:src/fmt/PRINT.GO"));
    c.add(row("winning mapping's language decides over the extension", q("/usr/local/go/src/fmt/print.go"),
        cfg(local(Language.JAVASCRIPT, "web", "/usr/local/go/src/fmt")).andThen(files("golang/go@master:src/fmt/print.go")),
        "!NOT_FOUND", CONFIG, "github acme/app@r1:web/print.go", "github acme/app@r1:usr/local/go/src/fmt/print.go",
        "github acme/app@r1:local/go/src/fmt/print.go", "github acme/app@r1:go/src/fmt/print.go",
        "github acme/app@r1:src/fmt/print.go", "github acme/app@r1:fmt/print.go", "github acme/app@r1:print.go"));
    c.add(row("config read failing anyway: resolution goes on without mappings", q("/docs/readme.txt"),
        r -> r.failConfig(new RpcException(Code.UNAVAILABLE, "down")).file("acme/app@r1:docs/readme.txt"),
        "acme/app@r1:docs/readme.txt"));
  }

  // ------------------------------------------------------------------ mappings (section 2)

  private static void mappings(List<Case> c) {
    Mapping lib = local(Language.GO, "third_party/lib", "github.com/acme/lib");
    Mapping sub = github(Language.GO, "other", "sub", "v1", "src", "github.com/acme/lib/sub");
    c.add(row("longest prefix wins, the rest after the prefix is read", q("github.com/acme/lib/sub/x.go"),
        cfg(lib, sub).andThen(files("other/sub@v1:src/x.go", "acme/app@r1:third_party/lib/sub/x.go")),
        "other/sub@v1:src/x.go", CONFIG, "github other/sub@v1:src/x.go"));
    c.add(row("winner missing: the next mapping (its own score cut) is tried", q("github.com/acme/lib/sub/x.go"),
        cfg(lib, sub).andThen(files("acme/app@r1:third_party/lib/sub/x.go")),
        "acme/app@r1:third_party/lib/sub/x.go",
        CONFIG, "github other/sub@v1:src/x.go", "github acme/app@r1:third_party/lib/sub/x.go"));
    Mapping first = github(Language.GO, "one", "lib", "v1", "", "github.com/acme/lib");
    Mapping second = github(Language.GO, "two", "lib", "v2", "", "github.com/acme/lib");
    c.add(row("tie: first in file order wins", q("github.com/acme/lib/x.go"),
        cfg(first, second).andThen(files("one/lib@v1:x.go", "two/lib@v2:x.go")), "one/lib@v1:x.go",
        CONFIG, "github one/lib@v1:x.go"));
    c.add(row("tie: the second in file order is tried after NOT_FOUND", q("github.com/acme/lib/x.go"),
        cfg(first, second).andThen(files("two/lib@v2:x.go")), "two/lib@v2:x.go",
        CONFIG, "github one/lib@v1:x.go", "github two/lib@v2:x.go"));
    c.add(row("a failure other than NOT_FOUND stops and propagates", q("github.com/acme/lib/x.go"),
        cfg(first, second).andThen(r -> r.file("two/lib@v2:x.go")
            .fail("github one/lib@v1:x.go", new RpcException(Code.PERMISSION_DENIED, "denied"))),
        "!PERMISSION_DENIED", CONFIG, "github one/lib@v1:x.go"));
    c.add(row("score longer than localPath: mapping skipped, rules go on", q("main.go", "", "github.com/acme/app/internal/server.Handle"),
        cfg(new Mapping(List.of(), List.of("github.com/acme/app/internal"), Language.GO, new MappingSource.Local("internal")))
            .andThen(files("acme/app@r1:main.go")),
        "acme/app@r1:main.go", CONFIG, "github acme/app@r1:main.go"));
    c.add(row("function_name match cuts its score off localPath", q("/src/app/handler.go", "", "app.Handle"),
        cfg(new Mapping(List.of(), List.of("app."), Language.GO, new MappingSource.Local("code")))
            .andThen(files("acme/app@r1:code/app/handler.go")),
        "acme/app@r1:code/app/handler.go", CONFIG, "github acme/app@r1:code/app/handler.go"));
    c.add(row("local mapping reads under rootPath at the request's ref", q("/app/src/handlers/x.py", "services/api"),
        cfg(local(Language.PYTHON, "src", "/app/src")).andThen(files("acme/app@r1:services/api/src/handlers/x.py")),
        "acme/app@r1:services/api/src/handlers/x.py",
        "config acme/app@r1:services/api", "github acme/app@r1:services/api/src/handlers/x.py"));
    c.add(row("local mapping with ./ path", q("/app/src/x.py"),
        cfg(local(Language.PYTHON, "./src", "/app/src")).andThen(files("acme/app@r1:src/x.py")), "acme/app@r1:src/x.py",
        CONFIG, "github acme/app@r1:src/x.py"));
    c.add(row("docs: github mapping with empty path", q("github.com/prometheus/client_golang/prometheus/counter.go"),
        cfg(github(Language.GO, "prometheus", "client_golang", "v1.19.0", "", "github.com/prometheus/client_golang"))
            .andThen(files("prometheus/client_golang@v1.19.0:prometheus/counter.go")),
        "prometheus/client_golang@v1.19.0:prometheus/counter.go",
        CONFIG, "github prometheus/client_golang@v1.19.0:prometheus/counter.go"));
    c.add(row("docs: vendor/ local mapping", q("vendor/github.com/x/y/z.go"),
        cfg(local(Language.GO, "vendor", "vendor/")).andThen(files("acme/app@r1:vendor/github.com/x/y/z.go")),
        "acme/app@r1:vendor/github.com/x/y/z.go", CONFIG, "github acme/app@r1:vendor/github.com/x/y/z.go"));
    c.add(row("docs: $GOROOT/src mapping used by rule 1", q("$GOROOT/src/fmt/print.go"),
        cfg(goroot()).andThen(files("golang/go@go1.24.10:src/fmt/print.go")), "golang/go@go1.24.10:src/fmt/print.go",
        CONFIG, "github golang/go@go1.24.10:src/fmt/print.go"));
    c.add(row("empty prefix matches everything with score 0", q("cmd/main.go"),
        cfg(local(Language.GO, "svc", "")).andThen(files("acme/app@r1:svc/cmd/main.go")), "acme/app@r1:svc/cmd/main.go",
        CONFIG, "github acme/app@r1:svc/cmd/main.go"));
    c.add(row("prefix equal to the whole path leaves nothing to read: skipped", q("cmd/main.go"),
        cfg(local(Language.GO, "svc", "cmd/main.go")).andThen(files("acme/app@r1:cmd/main.go")), "acme/app@r1:cmd/main.go",
        CONFIG, "github acme/app@r1:cmd/main.go"));
  }

  // ------------------------------------------------------------------ Go rule 2: standard library

  private static void goStdlib(List<Case> c) {
    c.add(row("toolchain module path", q("/root/go/pkg/mod/golang.org/toolchain@v0.0.1-go1.22.3.linux-amd64/src/net/http/server.go"),
        files("golang/go@go1.22.3:src/net/http/server.go"), "golang/go@go1.22.3:src/net/http/server.go",
        CONFIG, "github golang/go@go1.22.3:src/net/http/server.go"));
    c.add(row("toolchain module path, rc kept", q("golang.org/toolchain@v0.0.1-go1.23rc1.darwin-arm64/src/runtime/proc.go"),
        files("golang/go@go1.23rc1:src/runtime/proc.go"), "golang/go@go1.23rc1:src/runtime/proc.go"));
    c.add(row("toolchain module path, beta kept", q("golang.org/toolchain@v0.0.1-go1.21beta1-linux-amd64/src/fmt/print.go"),
        files("golang/go@go1.21beta1:src/fmt/print.go"), "golang/go@go1.21beta1:src/fmt/print.go"));
    c.add(row("/go/goX.Y.Z/src", q("/usr/local/go/go1.24.10/src/fmt/print.go"),
        files("golang/go@go1.24.10:src/fmt/print.go"), "golang/go@go1.24.10:src/fmt/print.go",
        CONFIG, "github golang/go@go1.24.10:src/fmt/print.go"));
    c.add(row("/go/ then X.Y.Z somewhere then /src/ (hosted tool cache)", q("/opt/hostedtoolcache/go/1.22.3/x64/src/fmt/print.go"),
        files("golang/go@go1.22.3:src/fmt/print.go"), "golang/go@go1.22.3:src/fmt/print.go"));
    c.add(row("/usr/local/go/src std package: master", q("/usr/local/go/src/net/http/server.go"),
        files("golang/go@master:src/net/http/server.go"), "golang/go@master:src/net/http/server.go",
        CONFIG, "github golang/go@master:src/net/http/server.go"));
    c.add(row("$GOROOT/src std package, no mapping: master", q("$GOROOT/src/fmt/print.go"),
        files("golang/go@master:src/fmt/print.go"), "golang/go@master:src/fmt/print.go",
        CONFIG, "github golang/go@master:src/fmt/print.go"));
    c.add(row("$GOROOT/src/vendor/ is the standard library's vendor", q("$GOROOT/src/vendor/golang.org/x/net/http2/hpack/huffman.go"),
        files("golang/go@master:src/vendor/golang.org/x/net/http2/hpack/huffman.go"),
        "golang/go@master:src/vendor/golang.org/x/net/http2/hpack/huffman.go",
        CONFIG, "github golang/go@master:src/vendor/golang.org/x/net/http2/hpack/huffman.go"));
    c.add(row("/usr/local/go/src/vendor/ too", q("/usr/local/go/src/vendor/golang.org/x/crypto/chacha20/chacha_generic.go"),
        files("golang/go@master:src/vendor/golang.org/x/crypto/chacha20/chacha_generic.go"),
        "golang/go@master:src/vendor/golang.org/x/crypto/chacha20/chacha_generic.go"));
    c.add(row("internal package of another Go release (inside a std package)", q("/usr/local/go/src/runtime/internal/atomic/types.go"),
        files("golang/go@master:src/runtime/internal/atomic/types.go"), "golang/go@master:src/runtime/internal/atomic/types.go"));
    c.add(row("/usr/local/go/src/<std> with a $GOROOT/src mapping: read through it", q("/usr/local/go/src/fmt/print.go"),
        cfg(goroot()).andThen(files("golang/go@go1.24.10:src/fmt/print.go", "golang/go@master:src/fmt/print.go")),
        "golang/go@go1.24.10:src/fmt/print.go", CONFIG, "github golang/go@go1.24.10:src/fmt/print.go"));
    c.add(row("$GOROOT/src mapping with trailing slash matches too", q("/usr/local/go/src/fmt/print.go"),
        cfg(github(Language.GO, "golang", "go", "go1.21.0", "src", "$GOROOT/src/")).andThen(files("golang/go@go1.21.0:src/fmt/print.go")),
        "golang/go@go1.21.0:src/fmt/print.go", CONFIG, "github golang/go@go1.21.0:src/fmt/print.go"));
    // Rule 1 cuts the function_name score (3) off localPath, as docs/resolution.md §4.1 says; rule 2 ignores the mapping.
    c.add(row("$GOROOT/src mapping: function names do not count", q("/usr/local/go/src/fmt/print.go", "", "fmt.Println"),
        cfg(new Mapping(List.of(), List.of("fmt"), Language.GO, new MappingSource.GitHub("x", "y", "z", "")))
            .andThen(files("golang/go@master:src/fmt/print.go")),
        "golang/go@master:src/fmt/print.go",
        CONFIG, "github x/y@z:r/local/go/src/fmt/print.go", "github golang/go@master:src/fmt/print.go"));
    c.add(row("$GOROOT/src mapping missing the file: NOT_FOUND (final, no master)", q("/usr/local/go/src/fmt/print.go"),
        cfg(goroot()).andThen(files("golang/go@master:src/fmt/print.go")), "!NOT_FOUND",
        CONFIG, "github golang/go@go1.24.10:src/fmt/print.go"));
    c.add(row("versioned stdlib missing: NOT_FOUND, no last resort", q("/usr/local/go/go1.22.3/src/fmt/print.go"),
        files("acme/app@r1:fmt/print.go", "acme/app@r1:print.go"), "!NOT_FOUND",
        CONFIG, "github golang/go@go1.22.3:src/fmt/print.go"));
    c.add(row("unversioned stdlib missing: NOT_FOUND, no last resort", q("$GOROOT/src/fmt/gone.go"),
        files("acme/app@r1:gone.go"), "!NOT_FOUND", CONFIG, "github golang/go@master:src/fmt/gone.go"));
    c.add(row("/usr/local/go/src/<not std> is not the standard library", q("/usr/local/go/src/example/tool/main.go"),
        files("acme/app@r1:tool/main.go"), "acme/app@r1:tool/main.go",
        CONFIG, "github acme/app@r1:usr/local/go/src/example/tool/main.go", "github acme/app@r1:local/go/src/example/tool/main.go",
        "github acme/app@r1:go/src/example/tool/main.go", "github acme/app@r1:src/example/tool/main.go",
        "github acme/app@r1:example/tool/main.go", "github acme/app@r1:tool/main.go"));
    c.add(row("GOPATH=/go module cache with a src/ dir is not the standard library", q("/go/pkg/mod/github.com/foo/bar@v1.2.3/src/x.go"),
        files("foo/bar@v1.2.3:src/x.go"), "foo/bar@v1.2.3:src/x.go",
        CONFIG, GO_MOD, "github foo/bar@v1.2.3:src/x.go"));
    c.add(row("stdlib upstream error other than NOT_FOUND propagates", q("$GOROOT/src/fmt/print.go"),
        r -> r.fail("github golang/go@master:src/fmt/print.go", new RpcException(Code.RESOURCE_EXHAUSTED, "rate limited")),
        "!RESOURCE_EXHAUSTED"));
    // 4.2c: the GOROOT prefix is optional; -trimpath builds record the bare path of a standard package.
    c.add(row("bare std path (-trimpath) wins over the repository's own file", q("fmt/scan.go"),
        files("golang/go@master:src/fmt/scan.go", "acme/app@r1:fmt/scan.go"), "golang/go@master:src/fmt/scan.go",
        CONFIG, "github golang/go@master:src/fmt/scan.go"));
    c.add(row("bare nested std path", q("net/http/server.go"),
        files("golang/go@master:src/net/http/server.go", "acme/app@r1:net/http/server.go"),
        "golang/go@master:src/net/http/server.go", CONFIG, "github golang/go@master:src/net/http/server.go"));
    c.add(row("bare vendor/ path is the standard library's vendor tree", q("vendor/golang.org/x/net/http2/hpack/huffman.go"),
        files("golang/go@master:src/vendor/golang.org/x/net/http2/hpack/huffman.go",
            "acme/app@r1:vendor/golang.org/x/net/http2/hpack/huffman.go"),
        "golang/go@master:src/vendor/golang.org/x/net/http2/hpack/huffman.go",
        CONFIG, "github golang/go@master:src/vendor/golang.org/x/net/http2/hpack/huffman.go"));
    c.add(row("bare std path missing: NOT_FOUND, final (no last resort)", q("fmt/gone.go"),
        files("acme/app@r1:fmt/gone.go", "acme/app@r1:gone.go"), "!NOT_FOUND",
        CONFIG, "github golang/go@master:src/fmt/gone.go"));
    c.add(row("bare std path with a $GOROOT/src mapping: read through it", q("fmt/scan.go"),
        cfg(goroot()).andThen(files("golang/go@go1.24.10:src/fmt/scan.go")), "golang/go@go1.24.10:src/fmt/scan.go",
        CONFIG, "github golang/go@go1.24.10:src/fmt/scan.go"));
    c.add(row("own main.go is not the standard library", q("main.go"),
        files("golang/go@master:src/main.go", "acme/app@r1:main.go"), "acme/app@r1:main.go",
        CONFIG, "github acme/app@r1:main.go"));
    c.add(row("own internal/foo is not the standard library", q("internal/foo/bar.go"),
        files("golang/go@master:src/internal/foo/bar.go", "acme/app@r1:internal/foo/bar.go"), "acme/app@r1:internal/foo/bar.go",
        CONFIG, "github acme/app@r1:internal/foo/bar.go"));
    c.add(row("own directory inside a std package name is not the standard library", q("net/http/mine/x.go"),
        files("golang/go@master:src/net/http/mine/x.go", "acme/app@r1:net/http/mine/x.go"), "acme/app@r1:net/http/mine/x.go",
        CONFIG, "github acme/app@r1:net/http/mine/x.go"));
    // 4.2, no version: "a mapping matches the path $GOROOT/src" by prefix, so a shorter prefix counts too.
    c.add(row("no version: a $GOROOT mapping (shorter than $GOROOT/src) is used", q("/usr/local/go/src/fmt/print.go"),
        cfg(github(Language.GO, "golang", "go", "go1.21.0", "src", "$GOROOT"))
            .andThen(files("golang/go@go1.21.0:src/fmt/print.go", "golang/go@master:src/fmt/print.go")),
        "golang/go@go1.21.0:src/fmt/print.go", CONFIG, "github golang/go@go1.21.0:src/fmt/print.go"));
    c.add(row("no version: a $GOROOT mapping serves a bare std path", q("fmt/print.go"),
        cfg(github(Language.GO, "golang", "go", "go1.21.0", "src", "$GOROOT"))
            .andThen(files("golang/go@go1.21.0:src/fmt/print.go", "golang/go@master:src/fmt/print.go")),
        "golang/go@go1.21.0:src/fmt/print.go", CONFIG, "github golang/go@go1.21.0:src/fmt/print.go"));
    c.add(row("no version: a $GOROOT/src/net mapping does not match $GOROOT/src: master", q("/usr/local/go/src/fmt/print.go"),
        cfg(github(Language.GO, "x", "net", "v1", "", "$GOROOT/src/net"))
            .andThen(files("golang/go@master:src/fmt/print.go")),
        "golang/go@master:src/fmt/print.go", CONFIG, "github golang/go@master:src/fmt/print.go"));
  }

  // ------------------------------------------------------------------ Go rule 3: vendor

  private static void goVendor(List<Case> c) {
    c.add(row("vendor: from vendor/ on, at ref", q("/build/app/vendor/github.com/x/y/z.go"),
        files("acme/app@r1:vendor/github.com/x/y/z.go"), "acme/app@r1:vendor/github.com/x/y/z.go",
        CONFIG, "github acme/app@r1:vendor/github.com/x/y/z.go"));
    c.add(row("vendor under rootPath", q("github.com/acme/app/svc/vendor/golang.org/x/net/html/node.go", "svc"),
        files("acme/app@r1:svc/vendor/golang.org/x/net/html/node.go"), "acme/app@r1:svc/vendor/golang.org/x/net/html/node.go",
        "config acme/app@r1:svc", "github acme/app@r1:svc/vendor/golang.org/x/net/html/node.go"));
    c.add(row("vendor missing, no module lists it: NOT_FOUND, no last resort", q("/build/app/vendor/github.com/x/y/z.go"),
        files("acme/app@r1:z.go"), "!NOT_FOUND", CONFIG, "github acme/app@r1:vendor/github.com/x/y/z.go",
        "github acme/app@r1:vendor/modules.txt", GO_MOD));
  }

  // ------------------------------------------------------------------ Go rule 4: module cache

  private static void goModuleCache(List<Case> c) {
    c.add(row("module cache, no go.mod", q("/home/u/go/pkg/mod/github.com/foo/bar@v1.2.3/baz/x.go"),
        files("foo/bar@v1.2.3:baz/x.go"), "foo/bar@v1.2.3:baz/x.go",
        CONFIG, GO_MOD, "github foo/bar@v1.2.3:baz/x.go"));
    c.add(row("trimmed module path (no /pkg/mod/)", q("github.com/foo/bar@v1.2.3/x.go"),
        files("foo/bar@v1.2.3:x.go"), "foo/bar@v1.2.3:x.go", CONFIG, GO_MOD, "github foo/bar@v1.2.3:x.go"));
    c.add(row("module starts at the first dotted segment", q("/build/cache/github.com/foo/bar@v1.2.3/x.go"),
        files("foo/bar@v1.2.3:x.go"), "foo/bar@v1.2.3:x.go"));
    c.add(row("module sub-directory is a directory of the repository", q("/go/pkg/mod/github.com/aws/aws-sdk-go-v2/service/s3@v1.40.0/api.go"),
        files("aws/aws-sdk-go-v2@v1.40.0:service/s3/api.go"), "aws/aws-sdk-go-v2@v1.40.0:service/s3/api.go"));
    c.add(row("go.mod require sets the version", q("/go/pkg/mod/github.com/foo/bar@v1.2.3/x.go"),
        r -> r.file("acme/app@r1:go.mod", "module github.com/acme/app\n\nrequire github.com/foo/bar v1.4.0\n")
            .file("foo/bar@v1.4.0:x.go"),
        "foo/bar@v1.4.0:x.go", CONFIG, GO_MOD, "github foo/bar@v1.4.0:x.go"));
    c.add(row("go.mod require block with // indirect", q("/go/pkg/mod/github.com/foo/bar@v1.2.3/x.go"),
        r -> r.file("acme/app@r1:go.mod", """
            module github.com/acme/app

            go 1.22

            require (
            \tgithub.com/other/thing v0.1.0
            \tgithub.com/foo/bar v1.9.9 // indirect
            )
            """).file("foo/bar@v1.9.9:x.go"),
        "foo/bar@v1.9.9:x.go"));
    c.add(row("go.mod replace sets path and version", q("/go/pkg/mod/github.com/foo/bar@v1.2.3/x.go"),
        r -> r.file("acme/app@r1:go.mod", "require github.com/foo/bar v1.2.3\nreplace github.com/foo/bar => github.com/fork/bar v1.5.0-rc.1\n")
            .file("fork/bar@v1.5.0-rc.1:x.go"),
        "fork/bar@v1.5.0-rc.1:x.go", CONFIG, GO_MOD, "github fork/bar@v1.5.0-rc.1:x.go"));
    c.add(row("go.mod replace to a vanity module", q("/go/pkg/mod/github.com/foo/bar@v1.2.3/x.go"),
        r -> r.file("acme/app@r1:go.mod", "replace (\n  github.com/foo/bar v1.2.3 => example.com/bar v0.3.0\n)\n")
            .goGetPage("example.com/bar", page(goImport("example.com/bar", "git", "https://github.com/example/bar.git")))
            .file("example/bar@v0.3.0:x.go"),
        "example/bar@v0.3.0:x.go", CONFIG, GO_MOD, "go-get example.com/bar", "github example/bar@v0.3.0:x.go"));
    c.add(row("go.mod local replace ./dir: this repository at the request's ref", q("/go/pkg/mod/github.com/foo/bar@v1.2.3/pkg/x.go"),
        r -> r.file("acme/app@r1:go.mod", "replace github.com/foo/bar => ./third_party/bar\n")
            .file("acme/app@r1:third_party/bar/pkg/x.go"),
        "acme/app@r1:third_party/bar/pkg/x.go", CONFIG, GO_MOD, "github acme/app@r1:third_party/bar/pkg/x.go"));
    c.add(row("go.mod local replace missing: NOT_FOUND, no last resort", q("/go/pkg/mod/github.com/foo/bar@v1.2.3/pkg/x.go"),
        r -> r.file("acme/app@r1:go.mod", "replace github.com/foo/bar => ./third_party/bar\n").file("acme/app@r1:x.go"),
        "!NOT_FOUND", CONFIG, GO_MOD, "github acme/app@r1:third_party/bar/pkg/x.go"));
    c.add(row("go.mod ../ replace leaves the repository: ignored", q("/go/pkg/mod/github.com/foo/bar@v1.2.3/x.go"),
        r -> r.file("acme/app@r1:go.mod", "replace github.com/foo/bar => ../bar\n").file("foo/bar@v1.2.3:x.go"),
        "foo/bar@v1.2.3:x.go", CONFIG, GO_MOD, "github foo/bar@v1.2.3:x.go"));
    c.add(row("go.mod unreadable (any failure): go on without it", q("/go/pkg/mod/github.com/foo/bar@v1.2.3/x.go"),
        r -> r.fail(GO_MOD, new RpcException(Code.PERMISSION_DENIED, "no")).file("foo/bar@v1.2.3:x.go"),
        "foo/bar@v1.2.3:x.go", CONFIG, GO_MOD, "github foo/bar@v1.2.3:x.go"));
    c.add(row("capital-letter escapes: !x is X", q("/go/pkg/mod/github.com/!burnt!sushi/toml@v1.3.2/decode.go"),
        files("BurntSushi/toml@v1.3.2:decode.go"), "BurntSushi/toml@v1.3.2:decode.go",
        CONFIG, GO_MOD, "github BurntSushi/toml@v1.3.2:decode.go"));
    c.add(row("capital-letter escapes compared unescaped with go.mod", q("/go/pkg/mod/github.com/!burnt!sushi/toml@v1.3.2/decode.go"),
        r -> r.file("acme/app@r1:go.mod", "require github.com/BurntSushi/toml v1.4.0\n").file("BurntSushi/toml@v1.4.0:decode.go"),
        "BurntSushi/toml@v1.4.0:decode.go"));
    c.add(row("escaped sub-directory keeps its case", q("/go/pkg/mod/github.com/!azure/azure-sdk-for-go/sdk/!az!core@v1.9.0/policy.go"),
        files("Azure/azure-sdk-for-go@v1.9.0:sdk/AzCore/policy.go"), "Azure/azure-sdk-for-go@v1.9.0:sdk/AzCore/policy.go"));
    c.add(row("pseudo-version vX.0.0-T-C", q("github.com/foo/bar@v0.0.0-20240101120000-abcdef123456/x.go"),
        files("foo/bar@abcdef123456:x.go"), "foo/bar@abcdef123456:x.go"));
    c.add(row("pseudo-version vX.Y.(Z+1)-0.T-C", q("github.com/foo/bar@v1.2.4-0.20240101120000-abcdef123456/x.go"),
        files("foo/bar@abcdef123456:x.go"), "foo/bar@abcdef123456:x.go"));
    c.add(row("pseudo-version vX.Y.Z-pre.0.T-C", q("github.com/foo/bar@v1.2.3-pre.0.20240101120000-abcdef123456/x.go"),
        files("foo/bar@abcdef123456:x.go"), "foo/bar@abcdef123456:x.go"));
    c.add(row("pseudo-version with +incompatible", q("github.com/foo/bar@v2.0.1-0.20190101000000-0123456789ab+incompatible/x.go"),
        files("foo/bar@0123456789ab:x.go"), "foo/bar@0123456789ab:x.go"));
    c.add(row("+incompatible dropped from a release", q("/go/pkg/mod/github.com/docker/docker@v20.10.24+incompatible/client/x.go"),
        files("docker/docker@v20.10.24:client/x.go"), "docker/docker@v20.10.24:client/x.go"));
    c.add(row("prerelease kept", q("github.com/foo/bar@v1.0.0-rc.2/x.go"), files("foo/bar@v1.0.0-rc.2:x.go"), "foo/bar@v1.0.0-rc.2:x.go"));
    c.add(row("/v2 suffix removed", q("/go/pkg/mod/github.com/foo/bar/v2@v2.1.0/x.go"),
        files("foo/bar@v2.1.0:x.go"), "foo/bar@v2.1.0:x.go", CONFIG, GO_MOD, "github foo/bar@v2.1.0:x.go"));
    c.add(row("/v11 suffix removed", q("github.com/foo/bar/v11@v11.0.0/x.go"), files("foo/bar@v11.0.0:x.go"), "foo/bar@v11.0.0:x.go"));
    c.add(row("gopkg.in/pkg.vN -> github.com/go-pkg/pkg", q("/go/pkg/mod/gopkg.in/yaml.v3@v3.0.1/decode.go"),
        files("go-yaml/yaml@v3.0.1:decode.go"), "go-yaml/yaml@v3.0.1:decode.go",
        CONFIG, GO_MOD, "github go-yaml/yaml@v3.0.1:decode.go"));
    c.add(row("gopkg.in/user/pkg.vN -> github.com/user/pkg", q("/go/pkg/mod/gopkg.in/src-d/go-git.v4@v4.13.1/repository.go"),
        files("src-d/go-git@v4.13.1:repository.go"), "src-d/go-git@v4.13.1:repository.go",
        CONFIG, GO_MOD, "github src-d/go-git@v4.13.1:repository.go"));
    c.add(row("vanity: go-source on GitHub preferred over go-import", q("/go/pkg/mod/golang.org/x/net@v0.20.0/http2/frame.go"),
        r -> r.goGetPage("golang.org/x/net", page(
                goImport("golang.org/x/net", "git", "https://go.googlesource.com/net"),
                goSource("golang.org/x/net", "https://github.com/golang/net/")))
            .file("golang/net@v0.20.0:http2/frame.go"),
        "golang/net@v0.20.0:http2/frame.go", CONFIG, GO_MOD, "go-get golang.org/x/net", "github golang/net@v0.20.0:http2/frame.go"));
    c.add(row("vanity: go-import git on GitHub", q("/go/pkg/mod/google.golang.org/grpc@v1.60.0/server.go"),
        r -> r.goGetPage("google.golang.org/grpc", page(goImport("google.golang.org/grpc", "git", "https://github.com/grpc/grpc-go")))
            .file("grpc/grpc-go@v1.60.0:server.go"),
        "grpc/grpc-go@v1.60.0:server.go", CONFIG, GO_MOD, "go-get google.golang.org/grpc", "github grpc/grpc-go@v1.60.0:server.go"));
    c.add(row("vanity: prefix shorter than module path keeps a sub-directory", q("/go/pkg/mod/go.opentelemetry.io/otel/sdk@v1.21.0/trace/span.go"),
        r -> r.goGetPage("go.opentelemetry.io/otel/sdk", page(goImport("go.opentelemetry.io/otel", "git", "https://github.com/open-telemetry/opentelemetry-go")))
            .file("open-telemetry/opentelemetry-go@v1.21.0:sdk/trace/span.go"),
        "open-telemetry/opentelemetry-go@v1.21.0:sdk/trace/span.go"));
    c.add(row("vanity: /v2 module under the prefix", q("/go/pkg/mod/go.uber.org/zap/v2@v2.0.0/logger.go"),
        r -> r.goGetPage("go.uber.org/zap/v2", page(goImport("go.uber.org/zap", "git", "https://github.com/uber-go/zap")))
            .file("uber-go/zap@v2.0.0:logger.go"),
        "uber-go/zap@v2.0.0:logger.go"));
    c.add(row("vanity: go-import to go.googlesource.com", q("/go/pkg/mod/golang.org/x/tools@v0.1.0/go/ast/inspector/inspector.go"),
        r -> r.goGetPage("golang.org/x/tools", page(goImport("golang.org/x/tools", "git", "https://go.googlesource.com/tools")))
            .googleSourceFile("tools@v0.1.0:go/ast/inspector/inspector.go"),
        "tools@v0.1.0:go/ast/inspector/inspector.go",
        CONFIG, GO_MOD, "go-get golang.org/x/tools", "googlesource tools@v0.1.0:go/ast/inspector/inspector.go"));
    c.add(row("googlesource module at a pseudo-version", q("go.googlesource.com/proj@v0.0.0-20240101120000-abcdef123456/a/b.go"),
        r -> r.googleSourceFile("proj@abcdef123456:a/b.go"), "proj@abcdef123456:a/b.go",
        CONFIG, GO_MOD, "googlesource proj@abcdef123456:a/b.go"));
    c.add(row("vanity page with neither tag: NOT_FOUND", q("/go/pkg/mod/example.com/lib@v1.0.0/x.go"),
        r -> r.goGetPage("example.com/lib", "<html><head><title>lib</title></head><body>hi</body></html>"),
        "!NOT_FOUND", CONFIG, GO_MOD, "go-get example.com/lib"));
    c.add(row("vanity tag for another module only: NOT_FOUND", q("/go/pkg/mod/example.com/lib@v1.0.0/x.go"),
        r -> r.goGetPage("example.com/lib", page(goImport("example.com/library", "git", "https://github.com/ex/library"))),
        "!NOT_FOUND"));
    c.add(row("vanity go-import with vcs hg: NOT_FOUND", q("/go/pkg/mod/example.com/lib@v1.0.0/x.go"),
        r -> r.goGetPage("example.com/lib", page(goImport("example.com/lib", "hg", "https://hg.example.com/lib"))),
        "!NOT_FOUND"));
    c.add(row("vanity lookup failing: NOT_FOUND", q("/go/pkg/mod/example.com/lib@v1.0.0/x.go"),
        r -> r.fail("go-get example.com/lib", new RpcException(Code.UNAVAILABLE, "down")), "!NOT_FOUND"));
    c.add(row("vanity pointing to another host: UNKNOWN", q("/go/pkg/mod/example.com/lib@v1.0.0/x.go"),
        r -> r.goGetPage("example.com/lib", page(goImport("example.com/lib", "git", "https://gitlab.com/ex/lib.git"))),
        "!UNKNOWN", CONFIG, GO_MOD, "go-get example.com/lib"));
    c.add(row("module file missing: NOT_FOUND, no last resort", q("/go/pkg/mod/github.com/foo/bar@v1.2.3/x.go"),
        files("acme/app@r1:x.go"), "!NOT_FOUND", CONFIG, GO_MOD, "github foo/bar@v1.2.3:x.go"));
  }

  // ------------------------------------------------------------------ Go rule 5: last resort

  private static void goLastResort(List<Case> c) {
    c.add(row("last resort: own repository prefix removed", q("/home/ci/work/github.com/acme/app/cmd/server/main.go"),
        files("acme/app@r1:cmd/server/main.go"), "acme/app@r1:cmd/server/main.go",
        CONFIG, "github acme/app@r1:cmd/server/main.go"));
    c.add(row("last resort: repository compared case-insensitively", q("github.com/Acme/App/cmd/main.go"),
        files("acme/app@r1:cmd/main.go"), "acme/app@r1:cmd/main.go", CONFIG, "github acme/app@r1:cmd/main.go"));
    c.add(row("last resort with rootPath: drops directories until found", q("github.com/acme/app/services/api/cmd/main.go", "services/api"),
        files("acme/app@r1:services/api/cmd/main.go"), "acme/app@r1:services/api/cmd/main.go",
        "config acme/app@r1:services/api",
        "github acme/app@r1:services/api/services/api/cmd/main.go",
        "github acme/app@r1:services/api/api/cmd/main.go",
        "github acme/app@r1:services/api/cmd/main.go"));
    c.add(row("last resort without a repository prefix", q("/build/tmp/x/main.go"),
        files("acme/app@r1:main.go"), "acme/app@r1:main.go",
        CONFIG, "github acme/app@r1:build/tmp/x/main.go", "github acme/app@r1:tmp/x/main.go",
        "github acme/app@r1:x/main.go", "github acme/app@r1:main.go"));
    c.add(row("last resort: another repository's prefix is not removed", q("github.com/other/app/main.go"),
        files("acme/app@r1:main.go"), "acme/app@r1:main.go",
        CONFIG, "github acme/app@r1:github.com/other/app/main.go", "github acme/app@r1:other/app/main.go",
        "github acme/app@r1:app/main.go", "github acme/app@r1:main.go"));
    List<String> thirty = new ArrayList<>();
    thirty.add(CONFIG);
    String deep = deepPath(40);
    String p = deep.substring(1);
    for (int i = 0; i < 30; i++) {
      thirty.add("github acme/app@r1:" + p);
      p = p.substring(p.indexOf('/') + 1);
    }
    c.add(new Case("last resort: at most 30 tries", q(deep), files("acme/app@r1:main.go"), "!NOT_FOUND", thirty));
    c.add(row("last resort: an error other than NOT_FOUND stops", q("/a/b/main.go"),
        r -> r.file("acme/app@r1:main.go").fail("github acme/app@r1:b/main.go", new RpcException(Code.UNAUTHENTICATED, "expired")),
        "!UNAUTHENTICATED", CONFIG, "github acme/app@r1:a/b/main.go", "github acme/app@r1:b/main.go"));
  }

  // ------------------------------------------------------------------ Python (section 5)

  private static void python(List<Case> c) {
    c.add(row("python stdlib /usr/lib/python3.12", q("/usr/lib/python3.12/difflib.py"),
        files("python/cpython@3.12:Lib/difflib.py"), "python/cpython@3.12:Lib/difflib.py",
        CONFIG, "github python/cpython@3.12:Lib/difflib.py"));
    c.add(row("python stdlib package", q("/usr/local/lib/python3.11/json/decoder.py"),
        files("python/cpython@3.11:Lib/json/decoder.py"), "python/cpython@3.11:Lib/json/decoder.py"));
    c.add(row("python stdlib: the last pythonX.Y directory counts", q("/opt/python3.9/lib/python3.12/abc.py"),
        files("python/cpython@3.12:Lib/abc.py"), "python/cpython@3.12:Lib/abc.py"));
    c.add(row("python stdlib without minor version: main", q("/usr/lib/python3/shutil.py"),
        files("python/cpython@main:Lib/shutil.py"), "python/cpython@main:Lib/shutil.py"));
    c.add(row("python 2.7", q("/usr/lib/python2.7/os.py"), files("python/cpython@2.7:Lib/os.py"), "python/cpython@2.7:Lib/os.py"));
    c.add(row("python stdlib missing: NOT_FOUND without relative fallback", q("/usr/lib/python3.12/gone.py"),
        files("acme/app@r1:usr/lib/python3.12/gone.py"), "!NOT_FOUND", CONFIG, "github python/cpython@3.12:Lib/gone.py"));
    // an installed package no lock file pins (docs/resolution.md §13): the lock files, then the walk
    c.add(row("site-packages is not the standard library: the path walk, which keeps site-packages/",
        q("/opt/venv/lib/python3.12/site-packages/requests/api.py"),
        files("acme/app@r1:requests/api.py").andThen(ownLockCache("site-packages")), "!NOT_FOUND", CONFIG, LOCKS[0], LOCKS[1], LOCKS[2], LOCKS[3], LOCKS[4],
        LOCKS[5], LOCKS[6],
        "github acme/app@r1:opt/venv/lib/python3.12/site-packages/requests/api.py",
        "github acme/app@r1:venv/lib/python3.12/site-packages/requests/api.py",
        "github acme/app@r1:lib/python3.12/site-packages/requests/api.py",
        "github acme/app@r1:python3.12/site-packages/requests/api.py",
        "github acme/app@r1:site-packages/requests/api.py"));
    c.add(row("dist-packages is not the standard library", q("/usr/lib/python3/dist-packages/apt/cache.py"),
        files("acme/app@r1:usr/lib/python3/dist-packages/apt/cache.py").andThen(ownLockCache("dist-packages")),
        "acme/app@r1:usr/lib/python3/dist-packages/apt/cache.py", CONFIG, LOCKS[0], LOCKS[1], LOCKS[2], LOCKS[3], LOCKS[4], LOCKS[5], LOCKS[6],
        "github acme/app@r1:usr/lib/python3/dist-packages/apt/cache.py"));
    c.add(row("python relative fallback under rootPath", q("app/main.py", "svc"),
        files("acme/app@r1:svc/app/main.py"), "acme/app@r1:svc/app/main.py",
        "config acme/app@r1:svc", "github acme/app@r1:svc/app/main.py"));
    c.add(row("python path walk missing: NOT_FOUND", q("/app/main.py"), files(), "!NOT_FOUND",
        CONFIG, "github acme/app@r1:app/main.py", "github acme/app@r1:main.py"));
    Mapping cpython = github(Language.PYTHON, "python", "cpython", "v3.12.0", "Lib", "/usr/lib/python3.12", "/usr/local/lib/python3.12");
    Mapping requests = github(Language.PYTHON, "psf", "requests", "v2.31.0", "src/requests", "/usr/local/lib/python3.12/site-packages/requests");
    Mapping app = local(Language.PYTHON, "src", "/app/src");
    c.add(row("python mapping before stdlib (docs: site-packages package)", q("/usr/local/lib/python3.12/site-packages/requests/api.py"),
        cfg(app, cpython, requests).andThen(files("psf/requests@v2.31.0:src/requests/api.py")),
        "psf/requests@v2.31.0:src/requests/api.py", CONFIG, "github psf/requests@v2.31.0:src/requests/api.py"));
    c.add(row("python stdlib mapping wins over automatic stdlib", q("/usr/lib/python3.12/difflib.py"),
        cfg(app, cpython, requests).andThen(files("python/cpython@v3.12.0:Lib/difflib.py", "python/cpython@3.12:Lib/difflib.py")),
        "python/cpython@v3.12.0:Lib/difflib.py", CONFIG, "github python/cpython@v3.12.0:Lib/difflib.py"));
    c.add(row("python mapping misses: stdlib next", q("/usr/lib/python3.12/difflib.py"),
        cfg(cpython).andThen(files("python/cpython@3.12:Lib/difflib.py")), "python/cpython@3.12:Lib/difflib.py",
        CONFIG, "github python/cpython@v3.12.0:Lib/difflib.py", "github python/cpython@3.12:Lib/difflib.py"));
    c.add(row("python local mapping", q("/app/src/handlers/user.py"),
        cfg(app, cpython, requests).andThen(files("acme/app@r1:src/handlers/user.py")), "acme/app@r1:src/handlers/user.py"));
  }

  // ------------------------------------------------------------------ Java (section 6)

  private static void java(List<Case> c) {
    Mapping myapp = fnLocal(Language.JAVA, "src/main/java", "org/example/myapp");
    Mapping jdk = fnGithub(Language.JAVA, "openjdk", "jdk", "jdk-17+0", "src/java.base/share/classes", "java", "javax");
    Mapping webmvc = fnGithub(Language.JAVA, "spring-projects", "spring-framework", "v5.3.20", "spring-webmvc/src/main/java",
        "org/springframework/web/servlet");
    Mapping web = fnGithub(Language.JAVA, "spring-projects", "spring-framework", "v5.3.20", "spring-web/src/main/java",
        "org/springframework/web", "org/springframework/http");
    Consumer<FakeSourceReader> spring = cfg(myapp, jdk, webmvc, web);
    c.add(row("java: inner class and method", q("App.java", "", "org/example/myapp/App$Inner.method"),
        spring.andThen(files("acme/app@r1:src/main/java/org/example/myapp/App.java")),
        "acme/app@r1:src/main/java/org/example/myapp/App.java",
        CONFIG, "github acme/app@r1:src/main/java/org/example/myapp/App.java"));
    c.add(row("java: lambda in a nested package, local mapping under rootPath", q("", "backend", "org/example/myapp/service/UserService$$Lambda$12.apply"),
        spring.andThen(files("acme/app@r1:backend/src/main/java/org/example/myapp/service/UserService.java")),
        "acme/app@r1:backend/src/main/java/org/example/myapp/service/UserService.java",
        "config acme/app@r1:backend", "github acme/app@r1:backend/src/main/java/org/example/myapp/service/UserService.java"));
    c.add(row("java: JDK", q("HashMap.java", "", "java/util/HashMap.putVal"),
        spring.andThen(files("openjdk/jdk@jdk-17+0:src/java.base/share/classes/java/util/HashMap.java")),
        "openjdk/jdk@jdk-17+0:src/java.base/share/classes/java/util/HashMap.java",
        CONFIG, "github openjdk/jdk@jdk-17+0:src/java.base/share/classes/java/util/HashMap.java"));
    c.add(row("java: longest prefix (servlet -> webmvc)", q("", "", "org/springframework/web/servlet/DispatcherServlet.doDispatch"),
        spring.andThen(files("spring-projects/spring-framework@v5.3.20:spring-webmvc/src/main/java/org/springframework/web/servlet/DispatcherServlet.java")),
        "spring-projects/spring-framework@v5.3.20:spring-webmvc/src/main/java/org/springframework/web/servlet/DispatcherServlet.java"));
    c.add(row("java: shorter prefix (web/client -> web)", q("", "", "org/springframework/web/client/RestTemplate.execute"),
        spring.andThen(files("spring-projects/spring-framework@v5.3.20:spring-web/src/main/java/org/springframework/web/client/RestTemplate.java")),
        "spring-projects/spring-framework@v5.3.20:spring-web/src/main/java/org/springframework/web/client/RestTemplate.java",
        CONFIG, "github spring-projects/spring-framework@v5.3.20:spring-web/src/main/java/org/springframework/web/client/RestTemplate.java"));
    c.add(row("java: winner missing (as .java and .kt), next mapping tried with the whole path", q("", "", "org/springframework/web/servlet/View.render"),
        spring.andThen(files("spring-projects/spring-framework@v5.3.20:spring-web/src/main/java/org/springframework/web/servlet/View.java")),
        "spring-projects/spring-framework@v5.3.20:spring-web/src/main/java/org/springframework/web/servlet/View.java",
        CONFIG,
        "github spring-projects/spring-framework@v5.3.20:spring-webmvc/src/main/java/org/springframework/web/servlet/View.java",
        "github spring-projects/spring-framework@v5.3.20:spring-webmvc/src/main/java/org/springframework/web/servlet/View.kt",
        "github spring-projects/spring-framework@v5.3.20:spring-web/src/main/java/org/springframework/web/servlet/View.java"));
    c.add(row("java: mapped but missing everywhere: NOT_FOUND", q("", "", "org/example/myapp/Gone.run"),
        spring.andThen(files()), "!NOT_FOUND", CONFIG, "github acme/app@r1:src/main/java/org/example/myapp/Gone.java",
        "github acme/app@r1:src/main/java/org/example/myapp/Gone.kt", "github acme/app@r1:gradle.lockfile",
        "github acme/app@r1:pom.xml", "github acme/app@r1:gradle/libs.versions.toml", "github acme/app@r1:build.gradle.kts",
        "github acme/app@r1:build.gradle"));
    c.add(row("java: no mapping matches a .java path: the path walk", q("src/Foo.java", "", "com/other/Foo.bar"),
        spring.andThen(files()), "!NOT_FOUND", CONFIG, "github acme/app@r1:src/Foo.java", "github acme/app@r1:Foo.java"));
  }

  // ------------------------------------------------------------------ JavaScript (section 7)

  private static void javascript(List<Case> c) {
    for (String ext : List.of("js", "mjs", "cjs", "ts", "jsx", "tsx")) {
      c.add(row("js: ." + ext + " relative fallback", q("/src/index." + ext),
          files("acme/app@r1:src/index." + ext), "acme/app@r1:src/index." + ext,
          CONFIG, "github acme/app@r1:src/index." + ext));
    }
    c.add(row("js: mapping first", q("/app/node_modules/lodash/map.js"),
        cfg(github(Language.JAVASCRIPT, "lodash", "lodash", "4.17.21", "", "/app/node_modules/lodash"))
            .andThen(files("lodash/lodash@4.17.21:map.js")),
        "lodash/lodash@4.17.21:map.js", CONFIG, "github lodash/lodash@4.17.21:map.js"));
    c.add(row("js: mapping misses, relative fallback", q("/app/node_modules/lodash/map.js"),
        cfg(github(Language.JAVASCRIPT, "lodash", "lodash", "4.17.21", "", "/app/node_modules/lodash"))
            .andThen(files("acme/app@r1:app/node_modules/lodash/map.js")),
        "acme/app@r1:app/node_modules/lodash/map.js",
        CONFIG, "github lodash/lodash@4.17.21:map.js", "github acme/app@r1:npm-shrinkwrap.json",
        "github acme/app@r1:package-lock.json", "github acme/app@r1:pnpm-lock.yaml", "github acme/app@r1:yarn.lock",
        "github acme/app@r1:app/node_modules/lodash/map.js"));
    c.add(row("js: missing: NOT_FOUND after the path walk", q("/a/b/app.ts"), files(), "!NOT_FOUND", CONFIG,
        "github acme/app@r1:a/b/app.ts", "github acme/app@r1:b/app.ts", "github acme/app@r1:app.ts"));
  }

  // ------------------------------------------------------------------ helpers

  private static Case row(String name, FileQuery q, Consumer<FakeSourceReader> setup, String expected, String... calls) {
    return new Case(name, q, setup, expected, calls.length == 0 ? null : List.of(calls));
  }

  /**
   * A caller of the case's own: the resolver is shared by every case, and the lock files' answers are
   * cached per caller, so a case that counts the lock reads must not find another case's answer.
   */
  private static Consumer<FakeSourceReader> ownLockCache(String caseName) {
    return r -> r.caller("case " + caseName + " run " + RUNS.incrementAndGet());
  }

  private static final AtomicInteger RUNS = new AtomicInteger();

  private static FileQuery q(String localPath) {
    return q(localPath, "");
  }

  private static FileQuery q(String localPath, String rootPath) {
    return q(localPath, rootPath, "");
  }

  private static FileQuery q(String localPath, String rootPath, String functionName) {
    return new FileQuery("acme", "app", "r1", localPath, rootPath, functionName);
  }

  private static Consumer<FakeSourceReader> files(String... keys) {
    return r -> Arrays.stream(keys).forEach(r::file);
  }

  private static Consumer<FakeSourceReader> cfg(Mapping... mappings) {
    return r -> r.config(new PyroscopeConfig(List.of(mappings)));
  }

  private static Mapping local(Language lang, String path, String... pathPrefixes) {
    return new Mapping(List.of(pathPrefixes), List.of(), lang, new MappingSource.Local(path));
  }

  private static Mapping github(Language lang, String owner, String repo, String ref, String path, String... pathPrefixes) {
    return new Mapping(List.of(pathPrefixes), List.of(), lang, new MappingSource.GitHub(owner, repo, ref, path));
  }

  private static Mapping fnLocal(Language lang, String path, String... fnPrefixes) {
    return new Mapping(List.of(), List.of(fnPrefixes), lang, new MappingSource.Local(path));
  }

  private static Mapping fnGithub(Language lang, String owner, String repo, String ref, String path, String... fnPrefixes) {
    return new Mapping(List.of(), List.of(fnPrefixes), lang, new MappingSource.GitHub(owner, repo, ref, path));
  }

  /** The docs' Go standard library mapping. */
  private static Mapping goroot() {
    return github(Language.GO, "golang", "go", "go1.24.10", "src", "$GOROOT/src");
  }

  public static String page(String... metas) {
    return "<!DOCTYPE html><html><head>" + String.join("", metas) + "</head><body>Nothing to see here.</body></html>";
  }

  public static String goImport(String prefix, String vcs, String root) {
    return "<meta name=\"go-import\" content=\"" + prefix + " " + vcs + " " + root + "\">";
  }

  public static String goSource(String prefix, String home) {
    return "<meta name=\"go-source\" content=\"" + prefix + " " + home + " " + home + "tree/master{/dir} "
        + home + "blob/master{/dir}/{file}#L{line}\">";
  }

  private static String deepPath(int dirs) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < dirs; i++) {
      b.append("/d").append(i);
    }
    return b.append("/main.go").toString();
  }
}
