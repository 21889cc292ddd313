package dev.sourcegate.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NpmRegistrySettingsTest {
  @Test
  void defaultsToThePublicRegistry() {
    GatewayConfig.NpmRegistry npm = SettingsLoader.load(Map.of(), null).npm();
    assertEquals(URI.create("https://registry.npmjs.org"), npm.url());
    assertEquals("", npm.token());
    assertEquals(52_428_800, npm.maxTarballBytes());
  }

  @Test
  void aBadUrlFailsAtStartNamingTheSettingWithoutItsPassword() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> SettingsLoader.load(Map.of("SOURCEGATE_NPM_URL", "ftp://me:hunter2@mirror.example/npm"), null));
    assertTrue(e.getMessage().contains("SOURCEGATE_NPM_URL"), e.getMessage());
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    assertThrows(ConfigException.class, () -> SettingsLoader.load(Map.of("SOURCEGATE_NPM_MAX_TARBALL_BYTES", "12"), null));
  }

  @Test
  void credentialsNeverShowInTheConfiguration() {
    GatewayConfig.NpmRegistry npm = SettingsLoader.load(Map.of("SOURCEGATE_NPM_URL", "https://me:hunter2@mirror.example/npm",
        "SOURCEGATE_NPM_TOKEN", "tok-secret"), null).npm();
    assertFalse(npm.toString().contains("hunter2") || npm.toString().contains("tok-secret"), npm.toString());
  }
}
