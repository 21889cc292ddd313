package dev.sourcegate.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CratesRegistrySettingsTest {
  @Test
  void defaultsToCratesIo() {
    GatewayConfig.Crates crates = SettingsLoader.load(Map.of(), null).crates();
    assertEquals(URI.create("https://crates.io"), crates.url());
    assertEquals("", crates.token());
    assertEquals(33_554_432, crates.maxCrateBytes());
  }

  @Test
  void aBadUrlOrCapFailsAtStartNamingTheSettingWithoutItsPassword() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> SettingsLoader.load(Map.of("SOURCEGATE_CRATES_URL", "ftp://me:hunter2@mirror.example/crates"), null));
    assertTrue(e.getMessage().contains("SOURCEGATE_CRATES_URL"), e.getMessage());
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    ConfigException cap = assertThrows(ConfigException.class,
        () -> SettingsLoader.load(Map.of("SOURCEGATE_CRATES_MAX_CRATE_BYTES", "12"), null));
    assertTrue(cap.getMessage().contains("SOURCEGATE_CRATES_MAX_CRATE_BYTES"), cap.getMessage());
  }

  @Test
  void credentialsNeverShowInTheConfiguration() {
    GatewayConfig.Crates crates = SettingsLoader.load(Map.of("SOURCEGATE_CRATES_URL", "https://me:hunter2@mirror.example/crates",
        "SOURCEGATE_CRATES_TOKEN", "tok-secret"), null).crates();
    assertFalse(crates.toString().contains("hunter2") || crates.toString().contains("tok-secret"), crates.toString());
  }
}
