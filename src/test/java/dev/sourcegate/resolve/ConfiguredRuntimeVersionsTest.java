package dev.sourcegate.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The configured default is the whole answer: trimmed, and blank means no version is known. */
class ConfiguredRuntimeVersionsTest {

  @ParameterizedTest
  @CsvSource(nullValues = "null", value = {"3.3, 3.3", "' 3.2.2 ', 3.2.2", "'', null", "'   ', null", "null, null"})
  void rubyIsTheConfiguredValue(String configured, String expected) {
    Optional<String> answer = new ConfiguredRuntimeVersions(configured).ruby(null).result();
    assertEquals(Optional.ofNullable(expected), answer);
  }
}
