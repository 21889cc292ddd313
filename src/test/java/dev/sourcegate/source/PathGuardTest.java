package dev.sourcegate.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.rpc.Code;
import dev.sourcegate.resolve.CheckedInput;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathGuardTest {

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {
        "",
        "a",
        "a/b.go",
        "/usr/local/go/src/fmt/print.go",
        "a/./b",
        "a//b",
        "a/../b",
        "a/b/../../c",
        "a/b/..",
        "./a",
        "..a/b",
        "a../b",
        "a..b",
        "...",
        "a/.../b",
        ".hidden/x",
        "%2e%2e%2e",
        "a/%2e%2e",
        "a\\..",
        "a%2fb",
        "$GOROOT/src/fmt/print.go",
        "golang.org/toolchain@v0.0.1-go1.22.3.linux-amd64/src/net/http/server.go",
        "caf\u00e9/\u00fc.go",
        "a b/c d.py",
        "a\u00a0b",
        "C:\\Users\\x.py",
      })
  void safePathsAreReturnedUnchanged(String path) {
    assertSame(path, PathGuard.check("localPath", path));
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {
        "..",
        "../a",
        "/..",
        "/../etc/passwd",
        "a/../..",
        "a/../../b",
        "./../x",
        "a/./../../x",
        "//..//x",
        "%2e%2e/x",
        "%2E%2e/x",
        "%2e%2E",
        ".%2e/x",
        "%2e./x",
        "a/.%2E/.%2e/x",
        "..\\x",
        "a\\..\\..\\x",
        "..%2fx",
        "..%2Fx",
        "a%2f..%2f..",
        "..%5cx",
        "%2e%2e%5cx",
      })
  void climbingOutIsRefused(String path) {
    InvalidSourceInput e = assertThrows(InvalidSourceInput.class, () -> PathGuard.check("localPath", path));
    assertEquals(Code.INVALID_ARGUMENT, CheckedInput.asRpc(e).code());
    assertEquals("localPath must not climb out of its root (\"..\")", e.getMessage());
  }

  static Stream<Arguments> controlCharacters() {
    return Stream.of(0x00, 0x01, 0x09, 0x0A, 0x0D, 0x1B, 0x1F, 0x7F, 0x80, 0x85, 0x9F)
        .map(c -> Arguments.of(String.format("U+%04X", c), "a" + (char) (int) c + "b"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("controlCharacters")
  void controlCharactersAreRefused(String name, String path) {
    InvalidSourceInput e = assertThrows(InvalidSourceInput.class, () -> PathGuard.check("rootPath", path));
    assertEquals(Code.INVALID_ARGUMENT, CheckedInput.asRpc(e).code());
    assertEquals("rootPath contains a control character", e.getMessage());
  }

  @ParameterizedTest(name = "U+{0}")
  @ValueSource(ints = {0x20, 0x7E, 0xA0, 0xFF, 0x2028, 0xFEFF})
  void neighboursOfControlCharactersAreAllowed(int c) {
    String path = "a" + (char) c + "b";
    assertSame(path, PathGuard.check("rootPath", path));
  }

  @Test
  void nullIsAnEmptyPath() {
    assertNull(PathGuard.check("rootPath", null));
    assertNull(PathGuard.checkControl("rootPath", null));
    assertNull(PathGuard.checkRef(null));
  }

  @Test
  void checkControlAllowsClimbing() {
    assertEquals("../common", PathGuard.checkControl("local.path", "../common"));
    assertThrows(InvalidSourceInput.class, () -> PathGuard.checkControl("local.path", "../\u0000"));
  }

  @Test
  void messagesDoNotRepeatTheValue() {
    String value = "../" + "secret".repeat(100);
    InvalidSourceInput e = assertThrows(InvalidSourceInput.class, () -> PathGuard.check("localPath", value));
    assertFalse(e.getMessage().contains("secret"));
  }

  // ---- join ----

  static Stream<Arguments> joins() {
    return Stream.of(
        Arguments.of(new String[] {"a", "b"}, "a/b"),
        Arguments.of(new String[] {"/a/", "/b/"}, "a/b"),
        Arguments.of(new String[] {"//a//", "b//c/"}, "a/b//c"),
        Arguments.of(new String[] {"", "a", "", "b"}, "a/b"),
        Arguments.of(new String[] {null, "a", null}, "a"),
        Arguments.of(new String[] {"/", "/", ""}, ""),
        Arguments.of(new String[] {}, ""),
        Arguments.of(new String[] {"a"}, "a"),
        Arguments.of(new String[] {"/a"}, "a"),
        Arguments.of(new String[] {"services/api", "src/main/java", "org/example/App.java"},
            "services/api/src/main/java/org/example/App.java"),
        Arguments.of(new String[] {"", "vendor/github.com/x/y.go"}, "vendor/github.com/x/y.go"));
  }

  @ParameterizedTest(name = "{index}: [{1}]")
  @MethodSource("joins")
  void join(String[] parts, String expected) {
    assertEquals(expected, PathGuard.join(parts));
  }

  @ParameterizedTest(name = "[{0}] -> [{1}]")
  @CsvSource({"'', ''", "/, ''", "///, ''", "/a/, a", "a, a", "//a/b//, a/b", "a//b, a//b"})
  void trimSlashes(String in, String out) {
    assertEquals(out, PathGuard.trimSlashes(in));
  }

  // ---- refs ----

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {
        "",
        "main",
        "HEAD",
        "v1.2.3",
        "v1.0.0-rc.1",
        "go1.24.10",
        "jdk-17+0",
        "feature/x-y_z",
        "refs/heads/main",
        "heads/main",
        "tags/v1.0.0",
        "abcdef123456",
        "0123456789abcdef0123456789abcdef01234567",
        "release@2024",
        "@foo",
        "caf\u00e9",
        "a.b/c.d",
      })
  void acceptedRefs(String ref) {
    assertSame(ref, PathGuard.checkRef(ref));
  }

  @Test
  void refLengthLimit() {
    String max = "r".repeat(PathGuard.MAX_REF_LENGTH);
    assertSame(max, PathGuard.checkRef(max));
    InvalidSourceInput e = assertThrows(InvalidSourceInput.class, () -> PathGuard.checkRef(max + "r"));
    assertEquals("ref is longer than 255 characters", e.getMessage());
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(
      delimiter = '|',
      value = {
        "'a b'               | ref contains whitespace",
        "' main'             | ref contains whitespace",
        "'main '             | ref contains whitespace",
        "a\tb                | ref contains a control character",
        "main..dev           | ref contains \"..\"",
        "..                  | ref contains \"..\"",
        "../../etc           | ref contains \"..\"",
        "HEAD~1              | ref contains '~', which git does not allow in ref names",
        "HEAD^               | ref contains '^', which git does not allow in ref names",
        "a:b                 | ref contains ':', which git does not allow in ref names",
        "a?b                 | ref contains '?', which git does not allow in ref names",
        "a*b                 | ref contains '*', which git does not allow in ref names",
        "a[b                 | ref contains '[', which git does not allow in ref names",
        "a\\b                | ref contains '\\', which git does not allow in ref names",
        "/main               | ref must not start with '/'",
        "-main               | ref must not start with '-'",
        "--upload-pack=x     | ref must not start with '-'",
        "main/               | ref must not end with \"/\", \".\" or \".lock\"",
        "main.               | ref must not end with \"/\", \".\" or \".lock\"",
        "main.lock           | ref must not end with \"/\", \".\" or \".lock\"",
        "a.lock/b            | ref has a component that starts with \".\" or ends with \".lock\"",
        "a//b                | ref must not contain \"//\"",
        "a/.hidden           | ref has a component that starts with \".\" or ends with \".lock\"",
        ".hidden             | ref has a component that starts with \".\" or ends with \".lock\"",
        "main@{1}            | ref contains \"@{\", which git does not allow in ref names",
        "@                   | ref must not be \"@\"",
      })
  void refusedRefs(String ref, String message) {
    InvalidSourceInput e = assertThrows(InvalidSourceInput.class, () -> PathGuard.checkRef(ref));
    assertEquals(Code.INVALID_ARGUMENT, CheckedInput.asRpc(e).code());
    assertEquals(message, e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("controlCharacters")
  void refsWithControlCharactersAreRefused(String name, String ref) {
    InvalidSourceInput e = assertThrows(InvalidSourceInput.class, () -> PathGuard.checkRef(ref));
    assertEquals("ref contains a control character", e.getMessage());
  }

  @ParameterizedTest(name = "U+{0}")
  @ValueSource(ints = {0x00A0, 0x2003, 0x3000, 0x2028})
  void refsWithUnicodeSpacesAreRefused(int c) {
    InvalidSourceInput e = assertThrows(InvalidSourceInput.class, () -> PathGuard.checkRef("a" + (char) c + "b"));
    assertEquals("ref contains whitespace", e.getMessage());
  }

  @Test
  void refFieldNameCanBeGiven() {
    InvalidSourceInput e = assertThrows(InvalidSourceInput.class, () -> PathGuard.checkRef("github.ref", "a~b"));
    assertTrue(e.getMessage().startsWith("github.ref contains '~'"));
  }
}
