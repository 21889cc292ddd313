package dev.sourcegate.configloader;

import dev.sourcegate.source.Language;
import dev.sourcegate.source.Mapping;
import dev.sourcegate.source.PyroscopeConfig;
import dev.sourcegate.source.MappingMatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.source.MappingSource.GitHub;
import dev.sourcegate.source.MappingSource.Local;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** MappingMatcher against the parsed Java Spring example of the Pyroscope documentation. */
class MappingMatcherTest {
  private static final PyroscopeConfig SPRING =
      PyroscopeYamlParser.parse(PyroscopeYamlParserTest.JAVA_SPRING).config();

  private static String pathOf(Mapping m) {
    if (m.source() instanceof Local l) {
      return "local:" + l.path();
    }
    GitHub g = (GitHub) m.source();
    return g.repo() + ":" + g.path();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "org/springframework/web/servlet/DispatcherServlet.doService, spring-framework:spring-webmvc/src/main/java, 31",
    "org/springframework/web/client/RestTemplate.execute,          spring-framework:spring-web/src/main/java,    23",
    "org/springframework/http/HttpHeaders.get,                     spring-framework:spring-web/src/main/java,    24",
    "org/example/myapp/App.main,                                   local:src/main/java,                          17",
    "java/lang/String.valueOf,                                     jdk:src/java.base/share/classes,               4",
    // plain string prefixes: "java" also matches "javax/..."; "javax" scores higher but is in the same mapping
    "javax/servlet/http/HttpServlet.service,                       jdk:src/java.base/share/classes,               5",
    "javafx/scene/Node.x,                                          jdk:src/java.base/share/classes,               4",
  })
  void longestPrefixWins(String functionName, String expected, int score) {
    List<MappingMatch> matches = MappingMatcher.matches(SPRING, "", functionName);
    assertEquals(expected, pathOf(matches.get(0).mapping()));
    assertEquals(score, matches.get(0).score());
  }

  @Test
  void servletFunctionAlsoMatchesTheLessSpecificMappingSecond() {
    List<MappingMatch> matches =
        MappingMatcher.matches(SPRING, "", "org/springframework/web/servlet/DispatcherServlet.doService");
    assertEquals(
        List.of("spring-framework:spring-webmvc/src/main/java", "spring-framework:spring-web/src/main/java"),
        matches.stream().map(m -> pathOf(m.mapping())).toList());
    assertEquals(List.of(31, 23), matches.stream().map(MappingMatch::score).toList());
  }

  @ParameterizedTest(name = "function name [{0}]")
  @CsvSource({"com/acme/Thing.run", "org/springframe/X.y", "Java/lang/Object.x", "''"})
  void nothingMatches(String functionName) {
    assertTrue(MappingMatcher.matches(SPRING, "", functionName).isEmpty());
  }

  @Test
  void pathPrefixesDoNotMatchFunctionNames() {
    // The Spring example has function_name prefixes only; a localPath with the same text matches nothing.
    assertTrue(MappingMatcher.matches(SPRING, "org/springframework/web/servlet/X.java", "").isEmpty());
  }

  @Test
  void tiesKeepFileOrder() {
    PyroscopeConfig config =
        PyroscopeYamlParser.parse(
                """
                source_code:
                  mappings:
                    - path: [{prefix: src/}]
                      language: go
                      source: {local: {path: first}}
                    - function_name: [{prefix: main}]
                      language: go
                      source: {local: {path: second}}
                    - path: [{prefix: src/}]
                      language: go
                      source: {local: {path: third}}
                """)
            .config();
    List<MappingMatch> matches = MappingMatcher.matches(config, "src/a.go", "main.run");
    assertEquals(
        List.of("local:first", "local:second", "local:third"),
        matches.stream().map(m -> pathOf(m.mapping())).toList());
    assertEquals(List.of(4, 4, 4), matches.stream().map(MappingMatch::score).toList());
  }

  @Test
  void emptyPrefixMatchesEverythingWithScoreZero() {
    PyroscopeConfig config =
        PyroscopeYamlParser.parse(
                """
                source_code:
                  mappings:
                    - path: [{prefix: ""}]
                      language: go
                      source: {local: {path: catch-all}}
                    - path: [{prefix: a}]
                      language: go
                      source: {local: {path: specific}}
                """)
            .config();
    List<MappingMatch> any = MappingMatcher.matches(config, "zzz.go", "");
    assertEquals(1, any.size());
    assertEquals(0, any.get(0).score());
    assertEquals("local:catch-all", pathOf(any.get(0).mapping()));

    List<MappingMatch> both = MappingMatcher.matches(config, "a.go", null);
    assertEquals(List.of("local:specific", "local:catch-all"), both.stream().map(m -> pathOf(m.mapping())).toList());
    assertEquals(List.of(1, 0), both.stream().map(MappingMatch::score).toList());
  }

  @Test
  void bestOfPathAndFunctionPrefixesCounts() {
    Mapping m =
        new Mapping(List.of("/app/src"), List.of("app/handlers"), Language.PYTHON, new Local("src"));
    assertEquals(8, MappingMatcher.score(m, "/app/src/x.py", "other"));
    assertEquals(12, MappingMatcher.score(m, "/app/src/x.py", "app/handlers.run"));
    assertEquals(-1, MappingMatcher.score(m, "/srv/x.py", "other"));
  }
}
