package dev.sourcegate.configloader;

import dev.sourcegate.source.Language;
import dev.sourcegate.source.Mapping;
import dev.sourcegate.source.PyroscopeConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.source.MappingSource.GitHub;
import dev.sourcegate.source.MappingSource.Local;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PyroscopeYamlParserTest {

  // ---- the examples of the Pyroscope documentation (seed/pyroscope-source-code-integration.txt) ----

  static final String GO_STDLIB =
      """
      version: v1
      source_code:
        mappings:
          - path:
              - prefix: $GOROOT/src
            language: go
            source:
              github:
                owner: golang
                repo: go
                ref: go1.24.10
                path: src
      """;

  static final String JAVA_SPRING =
      """
      version: v1
      source_code:
        mappings:
          # Local application code
          - function_name:
              - prefix: org/example/myapp
            language: java
            source:
              local:
                path: src/main/java

          # JDK standard library
          - function_name:
              - prefix: java
              - prefix: javax
            language: java
            source:
              github:
                owner: openjdk
                repo: jdk
                ref: jdk-17+0
                path: src/java.base/share/classes

          # Spring Framework dependencies
          - function_name:
              - prefix: org/springframework/web/servlet
            language: java
            source:
              github:
                owner: spring-projects
                repo: spring-framework
                ref: v5.3.20
                path: spring-webmvc/src/main/java

          - function_name:
              - prefix: org/springframework/web
              - prefix: org/springframework/http
            language: java
            source:
              github:
                owner: spring-projects
                repo: spring-framework
                ref: v5.3.20
                path: spring-web/src/main/java
      """;

  static final String GO_VENDOR =
      """
      version: v1
      source_code:
        mappings:
          # Vendor directory (for dependencies copied into your repo)
          - path:
              - prefix: vendor/
            language: go
            source:
              local:
                path: vendor

          # External dependency at specific version
          - path:
              - prefix: github.com/prometheus/client_golang
            language: go
            source:
              github:
                owner: prometheus
                repo: client_golang
                ref: v1.19.0
                path: ""
      """;

  static final String PYTHON =
      """
      version: v1
      source_code:
        mappings:
          # Local application code
          - path:
              - prefix: /app/src
            language: python
            source:
              local:
                path: src

          # Python standard library
          - path:
              - prefix: /usr/lib/python3.12
              - prefix: /usr/local/lib/python3.12
            language: python
            source:
              github:
                owner: python
                repo: cpython
                ref: v3.12.0
                path: Lib

          # External package (requests)
          - path:
              - prefix: /usr/local/lib/python3.12/site-packages/requests
            language: python
            source:
              github:
                owner: psf
                repo: requests
                ref: v2.31.0
                path: src/requests
      """;

  /** The format description of the documentation gives both sources ("# OR"), so as written it is invalid. */
  static final String DOCUMENTED_TEMPLATE =
      """
      version: v1                    # Config format version (currently only v1 is supported)
      source_code:
        mappings:                    # Array of source-to-repository mappings
          - path:                    # Match files by path prefix (optional if function_name is specified)
              - prefix: path/to/match
              - prefix: another/path
            function_name:           # Match by function name prefix (optional if path is specified)
              - prefix: function/prefix
            language: go             # Required: "go", "java", or "python"
            source:                  # Define where to fetch the source code
              local:
                path: src/main/java  # Path relative to the location of the .pyroscope.yaml file
              # OR
              github:
                owner: organization  # GitHub repository owner
                repo: repository     # GitHub repository name
                ref: v1.0.0         # Branch, tag, or commit SHA
                path: src            # Path within the external repository
      """;

  static Stream<Arguments> documentedExamples() {
    return Stream.of(
        Arguments.of(
            "Go standard library",
            GO_STDLIB,
            List.of(
                new Mapping(
                    List.of("$GOROOT/src"),
                    List.of(),
                    Language.GO,
                    new GitHub("golang", "go", "go1.24.10", "src")))),
        Arguments.of(
            "Java Spring",
            JAVA_SPRING,
            List.of(
                new Mapping(
                    List.of(), List.of("org/example/myapp"), Language.JAVA, new Local("src/main/java")),
                new Mapping(
                    List.of(),
                    List.of("java", "javax"),
                    Language.JAVA,
                    new GitHub("openjdk", "jdk", "jdk-17+0", "src/java.base/share/classes")),
                new Mapping(
                    List.of(),
                    List.of("org/springframework/web/servlet"),
                    Language.JAVA,
                    new GitHub("spring-projects", "spring-framework", "v5.3.20", "spring-webmvc/src/main/java")),
                new Mapping(
                    List.of(),
                    List.of("org/springframework/web", "org/springframework/http"),
                    Language.JAVA,
                    new GitHub("spring-projects", "spring-framework", "v5.3.20", "spring-web/src/main/java")))),
        Arguments.of(
            "Go vendor",
            GO_VENDOR,
            List.of(
                new Mapping(List.of("vendor/"), List.of(), Language.GO, new Local("vendor")),
                new Mapping(
                    List.of("github.com/prometheus/client_golang"),
                    List.of(),
                    Language.GO,
                    new GitHub("prometheus", "client_golang", "v1.19.0", "")))),
        Arguments.of(
            "Python",
            PYTHON,
            List.of(
                new Mapping(List.of("/app/src"), List.of(), Language.PYTHON, new Local("src")),
                new Mapping(
                    List.of("/usr/lib/python3.12", "/usr/local/lib/python3.12"),
                    List.of(),
                    Language.PYTHON,
                    new GitHub("python", "cpython", "v3.12.0", "Lib")),
                new Mapping(
                    List.of("/usr/local/lib/python3.12/site-packages/requests"),
                    List.of(),
                    Language.PYTHON,
                    new GitHub("psf", "requests", "v2.31.0", "src/requests")))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documentedExamples")
  void documentedExamplesParse(String name, String yaml, List<Mapping> expected) {
    ParseResult r = PyroscopeYamlParser.parse(yaml);
    assertEquals(List.of(), r.errors());
    assertTrue(r.valid());
    assertEquals(expected, r.config().mappings());
  }

  @Test
  void documentedTemplateGivesBothSourcesSoItIsInvalid() {
    ParseResult r = PyroscopeYamlParser.parse(DOCUMENTED_TEMPLATE);
    assertEquals(
        List.of("source_code.mappings[0].source: has both local and github; give exactly one"), r.errors());
    assertSame(PyroscopeConfig.EMPTY, r.config());
  }

  // ---- valid files ----

  static Stream<Arguments> validFiles() {
    return Stream.of(
        Arguments.of("empty", "", 0),
        Arguments.of("blank lines", "\n\n   \n", 0),
        Arguments.of("comments only", "# nothing here\n# still nothing\n", 0),
        Arguments.of("empty document", "---\n", 0),
        Arguments.of("explicit null document", "~\n", 0),
        Arguments.of("version only", "version: v1\n", 0),
        Arguments.of("version null means v1", "version:\nsource_code:\n", 0),
        Arguments.of("source_code null", "source_code:\n", 0),
        Arguments.of("source_code empty mapping", "source_code: {}\n", 0),
        Arguments.of("mappings null", "source_code:\n  mappings:\n", 0),
        Arguments.of("mappings empty list", "source_code:\n  mappings: []\n", 0),
        Arguments.of("version missing", GO_STDLIB.replace("version: v1\n", ""), 1),
        Arguments.of("quoted version", GO_STDLIB.replace("version: v1", "version: \"v1\""), 1),
        Arguments.of("byte order mark", "\uFEFF" + GO_STDLIB, 1),
        Arguments.of("flow style", "source_code: {mappings: [{path: [{prefix: a}], language: go,"
            + " source: {local: {path: x}}}]}", 1),
        Arguments.of(
            "unknown keys at every level",
            """
            version: v1
            owner_team: profiling
            source_code:
              extra: true
              mappings:
                - path:
                    - prefix: a/
                      note: first
                  language: go
                  comment: unknown keys are ignored
                  source:
                    kind: whatever
                    github:
                      owner: o
                      repo: r
                      ref: main
                      token: not-used
            """,
            1),
        Arguments.of(
            "second document is not read",
            "source_code:\n  mappings: []\n---\nversion: v9\n",
            0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validFiles")
  void validFiles(String name, String yaml, int mappings) {
    ParseResult r = PyroscopeYamlParser.parse(yaml);
    assertEquals(List.of(), r.errors());
    assertTrue(r.valid());
    assertEquals(mappings, r.config().mappings().size());
  }

  private static String oneMapping(String prefixes, String language, String source) {
    return "version: v1\nsource_code:\n  mappings:\n    - " + prefixes + "\n      language: " + language
        + "\n      source:\n" + source;
  }

  private static String local(String path) {
    return "        local:\n          path: " + path + "\n";
  }

  private static String github(String owner, String repo, String ref, String path) {
    return "        github:\n          owner: " + owner + "\n          repo: " + repo + "\n          ref: "
        + ref + "\n" + (path == null ? "" : "          path: " + path + "\n");
  }

  private static Mapping single(String yaml) {
    ParseResult r = PyroscopeYamlParser.parse(yaml);
    assertEquals(List.of(), r.errors());
    return r.config().mappings().get(0);
  }

  static Stream<Arguments> sourcePaths() {
    return Stream.of(
        Arguments.of("src", "src"),
        Arguments.of("/src", "src"),
        Arguments.of("src/", "src"),
        Arguments.of("//src/main//", "src/main"),
        Arguments.of("/", ""),
        Arguments.of("\"\"", ""),
        Arguments.of("", ""), // "path:" with no value
        Arguments.of("'a b/c'", "a b/c"));
  }

  @ParameterizedTest(name = "local path {0} -> \"{1}\"")
  @MethodSource("sourcePaths")
  void localPathsLoseOuterSlashes(String written, String expected) {
    Mapping m = single(oneMapping("path: [{prefix: a}]", "go", local(written)));
    assertEquals(new Local(expected), m.source());
  }

  @ParameterizedTest(name = "github path {0} -> \"{1}\"")
  @MethodSource("sourcePaths")
  void githubPathsLoseOuterSlashes(String written, String expected) {
    Mapping m = single(oneMapping("path: [{prefix: a}]", "go", github("o", "r", "main", written)));
    assertEquals(new GitHub("o", "r", "main", expected), m.source());
  }

  @Test
  void missingGithubPathIsTheRepositoryRoot() {
    Mapping m = single(oneMapping("path: [{prefix: a}]", "go", github("o", "r", "main", null)));
    assertEquals(new GitHub("o", "r", "main", ""), m.source());
  }

  @Test
  void localSourceMayClimbSinceOnlyTheResolverKnowsRootPath() {
    Mapping m = single(oneMapping("path: [{prefix: a}]", "go", local("../common/lib")));
    assertEquals(new Local("../common/lib"), m.source());
  }

  @Test
  void emptyLocalMappingIsTheDirectoryOfTheFile() {
    Mapping m = single(oneMapping("path: [{prefix: a}]", "go", "        local: {}\n"));
    assertEquals(new Local(""), m.source());
  }

  /** Scalars are the text of the file; YAML's numbers and booleans would change refs and prefixes. */
  @ParameterizedTest(name = "ref {0}")
  @ValueSource(strings = {"1.10", "010", "0x1f", "1e3", "2024", "yes", "true", "v1.0.0", "'1.10'"})
  void scalarsKeepTheirWrittenText(String ref) {
    Mapping m = single(oneMapping("path: [{prefix: " + ref + "}]", "go", github("o", "r", ref, "src")));
    String text = ref.replace("'", "");
    assertEquals(new GitHub("o", "r", text, "src"), m.source());
    assertEquals(List.of(text), m.pathPrefixes());
  }

  @Test
  void prefixesAreKeptAsWritten() {
    Mapping m =
        single(
            oneMapping(
                "path: [{prefix: \"\"}, {prefix: \"/abs/\"}, {prefix: 'a//b'}]\n      function_name:"
                    + " [{prefix: \"java\"}, {prefix: \" spaced \"}]",
                "java",
                local("src")));
    assertEquals(List.of("", "/abs/", "a//b"), m.pathPrefixes());
    assertEquals(List.of("java", " spaced "), m.functionNamePrefixes());
  }

  @Test
  void mappingsKeepFileOrder() {
    ParseResult r = PyroscopeYamlParser.parse(JAVA_SPRING);
    assertEquals(
        List.of("org/example/myapp", "java", "org/springframework/web/servlet", "org/springframework/web"),
        r.config().mappings().stream().map(m -> m.functionNamePrefixes().get(0)).toList());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ruby", "rust"})
  void rubyAndRustAreLanguages(String language) {
    ParseResult r = PyroscopeYamlParser.parse(GO_STDLIB.replace("language: go", "language: " + language));
    assertEquals(List.of(), r.errors());
    assertEquals(Language.fromYaml(language).orElseThrow(), r.config().mappings().get(0).language());
  }

  // ---- invalid files ----

  static final String BASE = GO_STDLIB;

  /** BASE with one edit; fails loudly when the edit does not apply, so no case tests the unedited file. */
  static String edit(String from, String to) {
    if (!BASE.contains(from)) {
      throw new IllegalArgumentException("not in BASE: " + from);
    }
    return BASE.replace(from, to);
  }

  static Stream<Arguments> invalidFiles() {
    return Stream.of(
        Arguments.of("version v2", edit("version: v1", "version: v2"),
            "version \"v2\" is not supported (only v1)"),
        Arguments.of("version 1", edit("version: v1", "version: 1"),
            "version \"1\" is not supported (only v1)"),
        Arguments.of("version V1", edit("version: v1", "version: V1"),
            "version \"V1\" is not supported (only v1)"),
        Arguments.of("version empty string", edit("version: v1", "version: \"\""),
            "version \"\" is not supported (only v1)"),
        Arguments.of("version a list", edit("version: v1", "version: [v1]"),
            "version: expected a string"),
        Arguments.of("unknown language", edit("language: go", "language: elixir"),
            "source_code.mappings[0].language: language \"elixir\" is not one of go, java, python, javascript, kotlin, ruby, rust"),
        Arguments.of("language not lower case", edit("language: go", "language: Go"),
            "source_code.mappings[0].language: language \"Go\" is not one of go, java, python, javascript, kotlin, ruby, rust"),
        Arguments.of("language typescript", edit("language: go", "language: typescript"),
            "language \"typescript\" is not one of"),
        Arguments.of("missing language", edit("      language: go\n", ""),
            "source_code.mappings[0].language: missing (one of go, java, python, javascript, kotlin, ruby, rust)"),
        Arguments.of("language null", edit("language: go", "language:"),
            "source_code.mappings[0].language: missing"),
        Arguments.of("language a list", edit("language: go", "language: [go]"),
            "source_code.mappings[0].language: expected a string"),
        Arguments.of("both local and github", DOCUMENTED_TEMPLATE,
            "source_code.mappings[0].source: has both local and github; give exactly one"),
        Arguments.of("neither local nor github", oneMapping("path: [{prefix: a}]", "go", "        other: {}\n"),
            "source_code.mappings[0].source: needs one of local or github"),
        Arguments.of("source missing",
            "source_code:\n  mappings:\n    - path: [{prefix: a}]\n      language: go\n",
            "source_code.mappings[0].source: needs one of local or github"),
        Arguments.of("source a string", oneMapping("path: [{prefix: a}]", "go", "        github\n"),
            "source_code.mappings[0].source: expected a mapping"),
        Arguments.of("local a string", oneMapping("path: [{prefix: a}]", "go", "        local: src\n"),
            "source_code.mappings[0].source.local: expected a mapping"),
        Arguments.of("local null", oneMapping("path: [{prefix: a}]", "go", "        local:\n"),
            "source_code.mappings[0].source: needs one of local or github"),
        Arguments.of("no prefixes at all",
            "source_code:\n  mappings:\n    - language: go\n      source: {local: {path: x}}\n",
            "source_code.mappings[0]: needs at least one path or function_name prefix"),
        Arguments.of("empty prefix lists", oneMapping("path: []\n      function_name: []", "go", local("x")),
            "source_code.mappings[0]: needs at least one path or function_name prefix"),
        Arguments.of("github without owner", oneMapping("path: [{prefix: a}]", "go",
                "        github: {repo: r, ref: main}\n"),
            "source_code.mappings[0].source.github.owner: missing or empty"),
        Arguments.of("github without repo", oneMapping("path: [{prefix: a}]", "go",
                "        github: {owner: o, ref: main}\n"),
            "source_code.mappings[0].source.github.repo: missing or empty"),
        Arguments.of("github without ref", oneMapping("path: [{prefix: a}]", "go",
                "        github: {owner: o, repo: r}\n"),
            "source_code.mappings[0].source.github.ref: missing or empty"),
        Arguments.of("github with empty ref", oneMapping("path: [{prefix: a}]", "go", github("o", "r", "\"\"", "x")),
            "source_code.mappings[0].source.github.ref: missing or empty"),
        Arguments.of("github with blank owner", oneMapping("path: [{prefix: a}]", "go",
                github("\"  \"", "r", "main", "x")),
            "source_code.mappings[0].source.github.owner: missing or empty"),
        Arguments.of("github owner with a slash", oneMapping("path: [{prefix: a}]", "go",
                github("a/b", "r", "main", "x")),
            "source_code.mappings[0].source.github.owner: \"a/b\" is not a valid GitHub owner name"),
        Arguments.of("github repo ..", oneMapping("path: [{prefix: a}]", "go", github("o", "..", "main", "x")),
            "source_code.mappings[0].source.github.repo: \"..\" is not a valid GitHub repository name"),
        Arguments.of("github ref not a git ref", oneMapping("path: [{prefix: a}]", "go",
                github("o", "r", "main..dev", "x")),
            "source_code.mappings[0].source.github.ref contains \"..\""),
        Arguments.of("github path climbing out", oneMapping("path: [{prefix: a}]", "go",
                github("o", "r", "main", "src/../../etc")),
            "source_code.mappings[0].source.github.path must not climb out of its root"),
        Arguments.of("control character in local path", oneMapping("path: [{prefix: a}]", "go",
                local("\"src\\x01\"")),
            "source_code.mappings[0].source.local.path contains a control character"),
        Arguments.of("github a list", oneMapping("path: [{prefix: a}]", "go", "        github: [o, r]\n"),
            "source_code.mappings[0].source.github: expected a mapping"),
        Arguments.of("duplicate key in a mapping", edit("language: go", "language: go\n      language: java"),
            "not valid YAML: Duplicate field 'language'"),
        Arguments.of("duplicate key at top", BASE + "version: v1\n", "not valid YAML: Duplicate field 'version'"),
        Arguments.of("duplicate key in github", edit("ref: go1.24.10", "ref: go1.24.10\n          ref: x"),
            "not valid YAML: Duplicate field 'ref'"),
        Arguments.of("mappings not a list", "source_code:\n  mappings: {path: [{prefix: a}]}\n",
            "source_code.mappings: expected a list"),
        Arguments.of("mappings a string", "source_code:\n  mappings: none\n", "source_code.mappings: expected a list"),
        Arguments.of("source_code a list", "source_code: [a]\n", "source_code: expected a mapping"),
        Arguments.of("mapping a string", "source_code:\n  mappings: [a]\n",
            "source_code.mappings[0]: expected a mapping (path, function_name, language, source)"),
        Arguments.of("mapping null", "source_code:\n  mappings:\n    -\n",
            "source_code.mappings[0]: expected a mapping"),
        Arguments.of("path not a list", edit("path:\n        - prefix: $GOROOT/src", "path: $GOROOT/src"),
            "source_code.mappings[0].path: expected a list"),
        Arguments.of("prefix not a mapping", edit("- prefix: $GOROOT/src", "- $GOROOT/src"),
            "source_code.mappings[0].path[0]: expected a mapping like {prefix: ...}"),
        Arguments.of("prefix item null", edit("- prefix: $GOROOT/src", "-"),
            "source_code.mappings[0].path[0]: expected a mapping like {prefix: ...}"),
        Arguments.of("prefix key missing", edit("- prefix: $GOROOT/src", "- prefx: $GOROOT/src"),
            "source_code.mappings[0].path[0].prefix: expected a string (write \"\" for an empty prefix)"),
        Arguments.of("prefix null", edit("- prefix: $GOROOT/src", "- prefix:"),
            "source_code.mappings[0].path[0].prefix: expected a string"),
        Arguments.of("prefix a list", edit("- prefix: $GOROOT/src", "- prefix: [a, b]"),
            "source_code.mappings[0].path[0].prefix: expected a string"),
        Arguments.of("function_name prefix not a mapping",
            "source_code:\n  mappings:\n    - function_name: [java]\n      language: java\n"
                + "      source: {local: {path: x}}\n",
            "source_code.mappings[0].function_name[0]: expected a mapping like {prefix: ...}"),
        Arguments.of("YAML syntax error", "source_code:\n  mappings: [\n", "not valid YAML: "),
        Arguments.of("bad indentation", "source_code:\n  mappings:\n - a\n  b: c\n", "not valid YAML: "),
        Arguments.of("tab indentation", "source_code:\n\tmappings: []\n", "not valid YAML: "),
        Arguments.of("alias", "a: &x v1\nversion: *x\n", "not valid YAML: YAML aliases (*name) are not supported"),
        Arguments.of("binary tag", "version: !!binary aGVsbG8=\n", "not valid YAML: unsupported YAML value"),
        Arguments.of("complex key", "? [a]\n: b\n", "not valid YAML: "),
        Arguments.of("top-level list", "- version: v1\n", "the file must be a YAML mapping (version, source_code)"),
        Arguments.of("top-level string", "hello world\n", "the file must be a YAML mapping"),
        Arguments.of("top-level number", "42\n", "the file must be a YAML mapping"),
        Arguments.of("raw control character", "version: v1\u0001\n", "not valid YAML: "),
        Arguments.of("replacement characters", "\uFFFD\uFFFD\uFFFD", "the file must be a YAML mapping"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidFiles")
  void invalidFiles(String name, String yaml, String expectedError) {
    ParseResult r = PyroscopeYamlParser.parse(yaml);
    assertFalse(r.valid());
    assertSame(PyroscopeConfig.EMPTY, r.config());
    assertTrue(
        r.errors().stream().anyMatch(e -> e.startsWith(expectedError) || e.contains(expectedError)),
        () -> "expected an error containing <" + expectedError + "> but got " + r.errors());
  }

  @Test
  void everyInvalidMappingIsReportedWithItsIndex() {
    String yaml =
        """
        version: v1
        source_code:
          mappings:
            - path: [{prefix: ok/}]
              language: go
              source: {local: {path: src}}
            - path: [{prefix: a/}]
              language: elixir
              source: {local: {path: src}}
            - path: [{prefix: b/}]
              language: go
              source: {github: {owner: o, repo: r}}
            - path: [{prefix: also-ok/}]
              language: python
              source: {local: {path: src}}
            - language: cobol
              source: {}
        """;
    ParseResult r = PyroscopeYamlParser.parse(yaml);
    assertEquals(
        List.of(
            "source_code.mappings[1].language: language \"elixir\" is not one of go, java, python, javascript, kotlin, ruby, rust",
            "source_code.mappings[2].source.github.ref: missing or empty",
            "source_code.mappings[4]: needs at least one path or function_name prefix",
            "source_code.mappings[4].language: language \"cobol\" is not one of go, java, python, javascript, kotlin, ruby, rust",
            "source_code.mappings[4].source: needs one of local or github"),
        r.errors());
    assertSame(PyroscopeConfig.EMPTY, r.config());
  }

  @Test
  void badVersionAndBadMappingAreBothReported() {
    ParseResult r = PyroscopeYamlParser.parse(edit("version: v1", "version: v2").replace("go1.24.10", "\"\""));
    assertEquals(
        List.of(
            "version \"v2\" is not supported (only v1)",
            "source_code.mappings[0].source.github.ref: missing or empty"),
        r.errors());
  }

  @Test
  void structuralErrorInOneMappingDoesNotHideTheOthers() {
    String yaml =
        "source_code:\n  mappings:\n"
            + "    - path: nope\n      language: go\n      source: {local: {path: x}}\n"
            + "    - path: [{prefix: a}]\n      language: Java\n      source: {local: {path: x}}\n";
    assertEquals(
        List.of(
            "source_code.mappings[0].path: expected a list",
            "source_code.mappings[1].language: language \"Java\" is not one of go, java, python, javascript, kotlin, ruby, rust"),
        PyroscopeYamlParser.parse(yaml).errors());
  }

  @Test
  void quotedValuesInErrorsAreShortAndEscaped() {
    String longLanguage = "x".repeat(5000);
    ParseResult r = PyroscopeYamlParser.parse(edit("language: go", "language: " + longLanguage));
    assertEquals(1, r.errors().size());
    assertTrue(r.errors().get(0).length() < 250, r.errors().get(0));

    ParseResult c = PyroscopeYamlParser.parse(edit("language: go", "language: \"g\\x07o\""));
    assertTrue(c.errors().get(0).contains("language \"g\\u0007o\""), c.errors().toString());
  }

  // ---- hostile input: never throws ----

  @Test
  void nullIsAnError() {
    assertEquals(List.of("no file content"), PyroscopeYamlParser.parse((String) null).errors());
    assertEquals(List.of("no file content"), PyroscopeYamlParser.parse((byte[]) null).errors());
  }

  @Test
  void bytesMustBeUtf8() {
    byte[] latin1 = "version: v1\nsource_code: {} # caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
    assertEquals(List.of("the file is not valid UTF-8 text"), PyroscopeYamlParser.parse(latin1).errors());
    assertTrue(PyroscopeYamlParser.parse(GO_STDLIB.getBytes(StandardCharsets.UTF_8)).valid());
    assertEquals(4, PyroscopeYamlParser.parse(JAVA_SPRING.getBytes(StandardCharsets.UTF_8)).config().mappings().size());
  }

  @Test
  void hugeInputIsRefusedWithoutParsing() {
    String huge = "# " + "x".repeat(PyroscopeYamlParser.MAX_CHARS);
    assertEquals(
        List.of("the file is larger than " + PyroscopeYamlParser.MAX_CHARS + " characters"),
        PyroscopeYamlParser.parse(huge).errors());
    assertFalse(PyroscopeYamlParser.parse(new byte[PyroscopeYamlParser.MAX_CHARS * 4 + 1]).valid());
  }

  @Test
  void largeButAcceptableInputParses() {
    StringBuilder b = new StringBuilder("source_code:\n  mappings:\n");
    for (int i = 0; i < 2000; i++) {
      b.append("    - path: [{prefix: p").append(i).append("/}]\n      language: go\n")
          .append("      source: {local: {path: d").append(i).append("}}\n");
    }
    ParseResult r = PyroscopeYamlParser.parse(b.toString());
    assertEquals(List.of(), r.errors());
    assertEquals(2000, r.config().mappings().size());
  }

  @ParameterizedTest(name = "depth {0}")
  @ValueSource(ints = {40, 1000, 100_000})
  void deepNestingIsAnError(int depth) {
    assertFalse(PyroscopeYamlParser.parse("[".repeat(depth) + "]".repeat(depth)).valid());
    assertFalse(PyroscopeYamlParser.parse("{a: ".repeat(depth) + "b" + "}".repeat(depth)).valid());
    StringBuilder block = new StringBuilder();
    for (int i = 0; i < Math.min(depth, 2000); i++) {
      block.append(" ".repeat(i)).append("k:\n");
    }
    assertFalse(PyroscopeYamlParser.parse(block.toString()).valid());
  }

  @Test
  void randomBytesNeverThrow() {
    Random random = new Random(42);
    for (int i = 0; i < 3000; i++) {
      byte[] bytes = new byte[random.nextInt(200)];
      random.nextBytes(bytes);
      ParseResult fromBytes = PyroscopeYamlParser.parse(bytes);
      ParseResult fromText = PyroscopeYamlParser.parse(new String(bytes, StandardCharsets.ISO_8859_1));
      assertTrue(fromBytes.valid() || fromBytes.config() == PyroscopeConfig.EMPTY);
      assertTrue(fromText.valid() || fromText.config() == PyroscopeConfig.EMPTY);
    }
  }

  @Test
  void mutatedYamlNeverThrows() {
    Random random = new Random(7);
    String alphabet = ":-[]{}&*!|>'\"#%@`,?\n\t \\~";
    for (int i = 0; i < 3000; i++) {
      StringBuilder s = new StringBuilder(JAVA_SPRING);
      for (int k = 0; k < 1 + random.nextInt(5); k++) {
        int at = random.nextInt(s.length());
        if (random.nextBoolean()) {
          s.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
        } else {
          s.deleteCharAt(at);
        }
      }
      ParseResult r = PyroscopeYamlParser.parse(s.toString());
      assertEquals(r.valid(), r.errors().isEmpty());
      if (!r.valid()) {
        assertSame(PyroscopeConfig.EMPTY, r.config());
      }
    }
  }

  @Test
  void parseResultInvariants() {
    ParseResult r = new ParseResult(new PyroscopeConfig(List.of()), List.of("boom"));
    assertSame(PyroscopeConfig.EMPTY, r.config());
    assertFalse(r.valid());
  }
}
