package dev.sourcegate.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The breaker, host-wide throttle and retry budget settings: defaults, overrides, and start-up errors naming them. */
class ResilienceSettingsTest {
  @Test
  void defaults() {
    GatewayConfig.Resilience r = SettingsLoader.load(Map.of(), null).resilience();
    assertEquals(10_000, r.breakerWindowMs());
    assertEquals(5, r.breakerMinCalls());
    assertEquals(50, r.breakerFailurePercent());
    assertEquals(10_000, r.breakerResetMs());
    assertEquals(100, r.hostMinCalls());
    assertEquals(20, r.retryBudgetPercent());
    assertEquals(3, r.retryBudgetMinPerSecond());
  }

  @Test
  void readFromTheEnvironmentAndTheFile() {
    GatewayConfig.Resilience r = SettingsLoader.load(Map.of(
        "SOURCEGATE_BREAKER_WINDOW_MS", "30000",
        "SOURCEGATE_BREAKER_MIN_CALLS", "8",
        "SOURCEGATE_BREAKER_FAILURE_PERCENT", "75",
        "SOURCEGATE_HOST_MIN_CALLS", "40",
        "SOURCEGATE_RETRY_BUDGET_PERCENT", "10"),
        "resilience:\n  retryBudgetMinPerSecond: 0\n  breakerResetMs: 2000\n").resilience();
    assertEquals(30_000, r.breakerWindowMs());
    assertEquals(8, r.breakerMinCalls());
    assertEquals(75, r.breakerFailurePercent());
    assertEquals(40, r.hostMinCalls());
    assertEquals(10, r.retryBudgetPercent());
    assertEquals(0, r.retryBudgetMinPerSecond());
    assertEquals(2_000, r.breakerResetMs());
  }

  @ParameterizedTest
  @CsvSource({
      "SOURCEGATE_BREAKER_WINDOW_MS, 999",
      "SOURCEGATE_BREAKER_WINDOW_MS, ten",
      "SOURCEGATE_BREAKER_MIN_CALLS, 0",
      "SOURCEGATE_BREAKER_FAILURE_PERCENT, 0",
      "SOURCEGATE_BREAKER_FAILURE_PERCENT, 101",
      "SOURCEGATE_HOST_MIN_CALLS, 0",
      "SOURCEGATE_RETRY_BUDGET_PERCENT, -1",
      "SOURCEGATE_RETRY_BUDGET_PERCENT, 101",
      "SOURCEGATE_RETRY_BUDGET_MIN_PER_SECOND, -5",
  })
  void aBadValueStopsTheStartNamingTheSetting(String name, String value) {
    ConfigException e = assertThrows(ConfigException.class, () -> SettingsLoader.load(Map.of(name, value), null));
    assertTrue(e.getMessage().contains(name), e.getMessage());
  }

  @Test
  void theHostMinimumMustBeAtLeastTwiceTheRepositoryMinimum() {
    ConfigException e = assertThrows(ConfigException.class, () -> SettingsLoader.load(
        Map.of("SOURCEGATE_BREAKER_MIN_CALLS", "20", "SOURCEGATE_HOST_MIN_CALLS", "39"), null));
    assertTrue(e.getMessage().contains("SOURCEGATE_HOST_MIN_CALLS"), e.getMessage());
    assertTrue(e.getMessage().contains("SOURCEGATE_BREAKER_MIN_CALLS"), e.getMessage());
    assertEquals(40, SettingsLoader.load(Map.of("SOURCEGATE_BREAKER_MIN_CALLS", "20", "SOURCEGATE_HOST_MIN_CALLS", "40"), null)
        .resilience().hostMinCalls());
  }

  @Test
  void theRetiredConsecutiveFailureSettingIsAnErrorThatSaysWhatReplacedIt() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> SettingsLoader.load(Map.of("SOURCEGATE_BREAKER_FAILURES", "5"), null));
    assertTrue(e.getMessage().contains("SOURCEGATE_BREAKER_FAILURES"), e.getMessage());
    assertTrue(e.getMessage().contains("SOURCEGATE_BREAKER_MIN_CALLS"), e.getMessage());
    ConfigException inFile = assertThrows(ConfigException.class,
        () -> SettingsLoader.load(Map.of(), "resilience:\n  breakerFailures: 5\n"));
    assertTrue(inFile.getMessage().contains("resilience.breakerFailures"), inFile.getMessage());
  }
}
