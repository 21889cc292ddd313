package dev.sourcegate.resolve.go;

import static dev.sourcegate.resolve.SourceResolverTest.goImport;
import static dev.sourcegate.resolve.SourceResolverTest.goSource;
import static dev.sourcegate.resolve.SourceResolverTest.page;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GoVanityTest {

  static Stream<Arguments> pages() {
    return Stream.of(
        Arguments.of("go-source on GitHub preferred", "golang.org/x/net",
            page(goImport("golang.org/x/net", "git", "https://go.googlesource.com/net"), goSource("golang.org/x/net", "https://github.com/golang/net/")),
            "github.com/golang/net"),
        Arguments.of("go-source not on GitHub: go-import", "golang.org/x/net",
            page(goImport("golang.org/x/net", "git", "https://go.googlesource.com/net"), goSource("golang.org/x/net", "https://cs.opensource.google/go/x/net/")),
            "go.googlesource.com/net"),
        Arguments.of("go-import only, .git stripped", "google.golang.org/grpc",
            page(goImport("google.golang.org/grpc", "git", "https://github.com/grpc/grpc-go.git")),
            "github.com/grpc/grpc-go"),
        Arguments.of("www. and trailing slash stripped", "example.com/a",
            page(goImport("example.com/a", "git", "https://www.github.com/ex/a/")),
            "github.com/ex/a"),
        Arguments.of("sub-directory kept", "go.opentelemetry.io/otel/sdk/metric",
            page(goImport("go.opentelemetry.io/otel", "git", "https://github.com/open-telemetry/opentelemetry-go")),
            "github.com/open-telemetry/opentelemetry-go/sdk/metric"),
        Arguments.of("go-source sub-directory kept", "golang.org/x/tools/gopls",
            page(goSource("golang.org/x/tools", "https://github.com/golang/tools")),
            "github.com/golang/tools/gopls"),
        Arguments.of("prefix must be whole segments", "example.com/foobar",
            page(goImport("example.com/foo", "git", "https://github.com/ex/foo")),
            null),
        Arguments.of("longest matching prefix wins", "example.com/foo/bar",
            page(goImport("example.com/foo", "git", "https://github.com/ex/foo"), goImport("example.com/foo/bar", "git", "https://github.com/ex/bar")),
            "github.com/ex/bar"),
        Arguments.of("go-import with a repository sub-directory field", "example.com/mod",
            page("<meta name=\"go-import\" content=\"example.com/mod git https://github.com/ex/mono sub/dir\">"),
            "github.com/ex/mono/sub/dir"),
        Arguments.of("vcs other than git is ignored", "example.com/hg",
            page(goImport("example.com/hg", "hg", "https://github.com/ex/hg")), null),
        Arguments.of("another host is kept as it is", "example.com/lib",
            page(goImport("example.com/lib", "git", "https://gitlab.com/ex/group/lib.git")), "gitlab.com/ex/group/lib"),
        Arguments.of("neither tag", "example.com/lib", page("<meta name=\"description\" content=\"x\">"), null),
        Arguments.of("empty page", "example.com/lib", "", null),
        Arguments.of("malformed content", "example.com/lib", page("<meta name=\"go-import\" content=\"example.com/lib\">"), null),
        Arguments.of("tags in the body, odd spacing and case", "example.com/lib",
            "<html><body><META NAME=\"go-import\" CONTENT=\"  example.com/lib   git\thttps://github.com/ex/lib  \"></body></html>",
            "github.com/ex/lib"),
        Arguments.of("several go-import tags: a mod proxy first, then git: git is used", "example.com/lib",
            page(goImport("example.com/lib", "mod", "https://proxy.example.com"), goImport("example.com/lib", "git", "https://github.com/ex/lib")),
            "github.com/ex/lib"),
        Arguments.of("several go-import tags: git first, then a mod proxy", "example.com/lib",
            page(goImport("example.com/lib", "git", "https://github.com/ex/lib"), goImport("example.com/lib", "mod", "https://proxy.example.com")),
            "github.com/ex/lib"),
        Arguments.of("a mod proxy with a longer prefix does not hide git", "example.com/lib/sub",
            page(goImport("example.com/lib", "git", "https://github.com/ex/lib"), goImport("example.com/lib/sub", "mod", "https://proxy.example.com")),
            "github.com/ex/lib/sub"),
        Arguments.of("only a mod proxy: nothing", "example.com/lib",
            page(goImport("example.com/lib", "mod", "https://proxy.example.com")), null),
        Arguments.of("go-source elsewhere with a longer prefix does not hide go-source on GitHub", "example.com/lib/sub",
            page(goSource("example.com/lib/sub", "https://src.example.com/lib/"), goSource("example.com/lib", "https://github.com/ex/lib/")),
            "github.com/ex/lib/sub"),
        Arguments.of("go-source after go-import, both for the module: go-source on GitHub wins", "example.com/lib",
            page(goImport("example.com/lib", "git", "https://gitlab.com/ex/lib"), goSource("example.com/lib", "https://github.com/ex/lib-mirror")),
            "github.com/ex/lib-mirror"),
        Arguments.of("go-source for another module only: go-import", "example.com/lib",
            page(goSource("example.com/other", "https://github.com/ex/other"), goImport("example.com/lib", "git", "https://github.com/ex/lib")),
            "github.com/ex/lib"),
        Arguments.of("unquoted attributes and entities", "example.com/lib",
            "<meta name=go-import content=\"example.com/lib git https://github.com/ex/l&#105;b\">",
            "github.com/ex/lib"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pages")
  void canonical(String name, String module, String html, String expected) {
    assertEquals(Optional.ofNullable(expected), GoVanity.canonical(html, module));
  }
}
