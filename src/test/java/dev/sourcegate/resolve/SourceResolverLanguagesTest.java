package dev.sourcegate.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sourcegate.resolve.go.GoFinder;
import dev.sourcegate.resolve.go.GoStdPackages;
import dev.sourcegate.source.Language;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every language of the enum gets exactly one set of rules, checked when the resolver is built. */
class SourceResolverLanguagesTest {
  private static final GoStdPackages STD = new GoStdPackages(List.of("fmt"));

  @Test
  void aLanguageWithoutRulesIsRefusedAtConstruction() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SourceResolver(List.of(new GoFinder(STD, 1), new PythonFinder(), new JavaFinder())));
    assertEquals("no rules for language javascript", e.getMessage());
  }

  @Test
  void twoRulesForOneLanguageAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SourceResolver(
        List.of(new GoFinder(STD, 1), new PythonFinder(), new JavaFinder(), new JsFinder(), new PythonFinder())));
    assertEquals("two rules for language python", e.getMessage());
  }

  @Test
  void theResolverBuiltForTheGatewayCoversEveryLanguage() {
    new SourceResolver(STD, 4);
  }

  @Test
  void theLanguageListInMessagesComesFromTheEnum() {
    assertEquals("go, java, python, javascript, kotlin, ruby, rust", Language.yamlNames());
  }
}
