package dev.sourcegate.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SOURCEGATE_DEFAULT_JDK/NODE/PYTHON/RUBY: their defaults, overrides, and a bad value stopping start-up. */
class RuntimeDefaultsSettingsTest {

  @Test
  void defaults() {
    GatewayConfig c = SettingsLoader.load(Map.of(), null);
    assertEquals(new GatewayConfig.RuntimeDefaults("21", "22", "3.12", "3.3"), c.runtimes());
  }

  @Test
  void theEnvironmentAndTheFileSetThem() {
    GatewayConfig c = SettingsLoader.load(Map.of("SOURCEGATE_DEFAULT_JDK", "17.0.9", "SOURCEGATE_DEFAULT_NODE", "20.11.1"),
        "runtimes:\n  defaultPython: \"3.11.9\"\n  defaultRuby: \"3.2\"\n");
    assertEquals(new GatewayConfig.RuntimeDefaults("17.0.9", "20.11.1", "3.11.9", "3.2"), c.runtimes());
  }

  @ParameterizedTest
  @CsvSource({
      "SOURCEGATE_DEFAULT_JDK, latest",
      "SOURCEGATE_DEFAULT_JDK, 1.8",
      "SOURCEGATE_DEFAULT_JDK, 21.1",
      "SOURCEGATE_DEFAULT_NODE, v22",
      "SOURCEGATE_DEFAULT_NODE, lts/iron",
      "SOURCEGATE_DEFAULT_PYTHON, 3",
      "SOURCEGATE_DEFAULT_PYTHON, 2.7",
      "SOURCEGATE_DEFAULT_RUBY, ''",
      "SOURCEGATE_DEFAULT_RUBY, 3.3.0-preview1"})
  void aBadValueStopsStartUpNamingTheSetting(String name, String value) {
    ConfigException e = assertThrows(ConfigException.class, () -> SettingsLoader.load(Map.of(name, value), null));
    assertTrue(e.getMessage().contains(name), e::getMessage);
  }
}
