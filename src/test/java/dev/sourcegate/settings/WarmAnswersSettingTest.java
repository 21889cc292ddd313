package dev.sourcegate.settings;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** SOURCEGATE_WARM_ANSWERS: on unless turned off, from the environment or the file; a typo stops start-up. */
class WarmAnswersSettingTest {
  @Test
  void onByDefault() {
    assertTrue(SettingsLoader.load(Map.of(), null).cache().warmAnswers());
  }

  @Test
  void turnedOffFromTheEnvironmentOrTheFile() {
    assertFalse(SettingsLoader.load(Map.of("SOURCEGATE_WARM_ANSWERS", "false"), null).cache().warmAnswers());
    assertFalse(SettingsLoader.load(Map.of(), "cache:\n  warmAnswers: false\n").cache().warmAnswers());
  }

  @Test
  void aValueThatIsNotABooleanNamesTheSetting() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> SettingsLoader.load(Map.of("SOURCEGATE_WARM_ANSWERS", "yes"), null));
    assertTrue(e.getMessage().contains("SOURCEGATE_WARM_ANSWERS"), e.getMessage());
  }
}
