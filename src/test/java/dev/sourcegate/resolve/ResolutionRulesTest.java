package dev.sourcegate.resolve;

import dev.sourcegate.resolve.rules.Lookups;
import dev.sourcegate.resolve.rules.MappingReader;
import dev.sourcegate.resolve.go.GoFinder;

import dev.sourcegate.source.SourceFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.Language;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The small pure pieces of the rules, table by table. */
class ResolutionRulesTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
      /usr/lib/python3.12/difflib.py                               | difflib.py            | 3.12
      /usr/local/lib/python3.11/json/decoder.py                    | json/decoder.py       | 3.11
      /usr/lib/python3/shutil.py                                   | shutil.py             | main
      python3.10/os.py                                             | os.py                 | 3.10
      /opt/python3.9/lib/python3.12/abc.py                         | abc.py                | 3.12
      /home/u/.pyenv/versions/3.12.1/lib/python3.12/asyncio/tasks.py | asyncio/tasks.py    | 3.12
      /usr/lib/python3.12/site-packages/requests/api.py            | null                  | null
      /usr/lib/python3/dist-packages/apt/cache.py                  | null                  | null
      /venv/lib/python3.12/site-packages/python3.12/x.py           | null                  | null
      /app/main.py                                                 | null                  | null
      /app/mypython3.12/x.py                                       | null                  | null
      /app/python/x.py                                             | null                  | null
      /usr/lib/python3.12/                                         | null                  | null
      """)
  void pythonStandardLibrary(String path, String file, String branch) {
    Optional<PythonFinder.StdFile> expected = file == null ? Optional.empty() : Optional.of(new PythonFinder.StdFile(file, branch));
    assertEquals(expected, PythonFinder.standardLibrary(path));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
      org/example/App$Inner.method               | org/example/App.java
      org/example/App.method                     | org/example/App.java
      org/example/App                            | org/example/App.java
      org/example/App$1.run                      | org/example/App.java
      org/example/App$$Lambda$12/0x1234.apply    | org/example/App.java
      org/example/App$$Lambda.0x0000000800c0b000.apply | org/example/App.java
      org/example/App.lambda$main$0              | org/example/App.java
      App.main                                   | App.java
      java/util/concurrent/ConcurrentHashMap.get | java/util/concurrent/ConcurrentHashMap.java
      org/example/.method                        | null
      ''                                         | null
      null                                       | null
      """)
  void javaSourceFile(String functionName, String file) {
    assertEquals(Optional.ofNullable(file), JavaFinder.sourceFileOf(functionName));
  }

  @ParameterizedTest(name = "{0} cut {1}")
  @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
      github.com/acme/lib/x.go  | 19 | x.go
      github.com/acme/lib/x.go  | 0  | github.com/acme/lib/x.go
      /app/src/x.py             | 8  | x.py
      /app/src//x.py            | 8  | x.py
      abc                       | 3  | null
      abc                       | 4  | null
      abc                       | -1 | null
      """)
  void mappingCut(String path, int score, String rest) {
    assertEquals(Optional.ofNullable(rest), MappingReader.relativeAfter(path, score));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
      main.go          | GO
      asm_amd64.s      | GO
      x.GO             | GO
      app.py           | PYTHON
      a.js             | JAVASCRIPT
      a.mjs            | JAVASCRIPT
      a.cjs            | JAVASCRIPT
      a.ts             | JAVASCRIPT
      a.jsx            | JAVASCRIPT
      a.tsx            | JAVASCRIPT
      App.java         | null
      a.d.ts.map       | null
      dir.go/README    | null
      Makefile         | null
      ''               | null
      """)
  void languageByExtension(String path, Language lang) {
    assertEquals(Optional.ofNullable(lang), SourceResolver.byExtension(path));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
      /build/app/vendor/github.com/x/y/z.go | vendor/github.com/x/y/z.go
      vendor/github.com/x/y/z.go            | vendor/github.com/x/y/z.go
      a/vendor/b/vendor/c.go                | vendor/b/vendor/c.go
      /app/vendors/x.go                     | null
      /app/vendor/                          | null
      """)
  void vendorPart(String path, String part) {
    assertEquals(Optional.ofNullable(part), GoFinder.vendorPart(path));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', textBlock = """
      /home/ci/github.com/acme/app/cmd/main.go | cmd/main.go
      github.com/ACME/App/cmd/main.go           | cmd/main.go
      github.com/acme/app2/cmd/main.go          | github.com/acme/app2/cmd/main.go
      /build/x/main.go                          | build/x/main.go
      github.com/acme/app//x.go                 | x.go
      """)
  void ownRepositoryPrefix(String path, String rest) {
    assertEquals(rest, GoFinder.withoutOwnRepository(path, "acme", "app"));
  }

  @Test
  void firstFoundStopsOnOtherFailuresAndSurvivesThrowingSteps() {
    List<String> tried = new ArrayList<>();
    Future<SourceFile> f = Lookups.firstFound(List.of("a", "b", "c"), s -> {
      tried.add(s);
      if (s.equals("a")) {
        throw new IllegalStateException("bug");
      }
      return Future.failedFuture(RpcException.notFound(s));
    }, () -> RpcException.notFound("none"));
    assertInstanceOf(IllegalStateException.class, f.cause());
    assertEquals(List.of("a"), tried);

    Future<SourceFile> none = Lookups.firstFound(List.of(), s -> Future.failedFuture(new RuntimeException()),
        () -> RpcException.notFound("none"));
    assertTrue(RpcException.isNotFound(none.cause()));
    assertEquals("none", none.cause().getMessage());
  }

  @Test
  void notFoundMessagesAreRewrittenOthersKept() {
    Future<String> nf = Lookups.notFoundAs(Future.failedFuture(RpcException.notFound("raw")), "nice");
    assertEquals("nice", nf.cause().getMessage());
    RpcException denied = new RpcException(Code.PERMISSION_DENIED, "denied");
    assertEquals(denied, Lookups.notFoundAs(Future.failedFuture(denied), "nice").cause());
  }

  @Test
  void shownTextIsBoundedAndOneLine() {
    String shown = Lookups.shown("a\nb" + "x".repeat(500));
    assertTrue(shown.length() <= 203);
    assertTrue(shown.startsWith("a?b"));
    assertEquals("", Lookups.shown(null));
  }
}
