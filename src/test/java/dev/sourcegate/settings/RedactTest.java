package dev.sourcegate.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Credentials never reach a message: the userinfo of URLs, password-like query parameters, secret settings. */
class RedactTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "http://user:s3cret@cache.example:6379/0|http://***@cache.example:6379/0",
      "redis://:s3cret@redis:6379|redis://***@redis:6379",
      "rediss://default:s3cret@redis.example|rediss://***@redis.example",
      "https://token@github.example/api/v3|https://***@github.example/api/v3",
      "https://user:p@ss@host/path|https://***@host/path",
      "cannot reach http://u:s3cret@h:1 and https://a:b@c/d|cannot reach http://***@h:1 and https://***@c/d",
      "redis://cache:6379?password=s3cret&db=1|redis://cache:6379?password=***&db=1",
      "https://host/x?access_token=s3cret|https://host/x?access_token=***",
      "https://api.github.com|https://api.github.com",
      "user@example.com|user@example.com",
      "https://host/path/a@b|https://host/path/a@b",
  })
  void credentialsInUrlsAreHidden(String in, String out) {
    assertEquals(out, Redact.text(in));
  }

  @Test
  void nullAndEmptyStayAsTheyAre() {
    assertEquals("", Redact.text(""));
    assertEquals(null, Redact.text(null));
  }

  @ParameterizedTest
  @EnumSource(value = Setting.class, names = {"GITHUB_CLIENT_SECRET", "GITHUB_SESSION_SECRET"})
  void secretSettingsAreNeverShown(Setting s) {
    assertTrue(Redact.isSecret(s));
    assertEquals("(hidden)", Redact.value(s, "s3cret"));
  }

  @Test
  void ordinarySettingsAreShownWithoutCredentials() {
    assertFalse(Redact.isSecret(Setting.PORT));
    assertEquals("abc", Redact.value(Setting.PORT, "abc"));
    assertEquals("http://***@host", Redact.value(Setting.REDIS_URL, "http://user:s3cret@host"));
  }

  /** A password with a space is not a URL any more, but it is still a password. */
  @ParameterizedTest
  @ValueSource(strings = {"http://user:s3 cret@host", "http://user:s3\tcret@host/x", "ftp://a b:c d@e"})
  void aValueThatLooksLikeAUrlWithUserinfoHidesAllOfIt(String value) {
    String shown = Redact.value(Setting.GITHUB_API_URL, value);
    assertFalse(shown.contains("cret") || shown.contains("c d"), shown);
    assertTrue(shown.contains("***@"), shown);
  }

  @Test
  void aLongValueIsShortenedOnlyAfterRedaction() {
    String value = "https://user:" + "s".repeat(100) + "@host.example/api";
    String shown = Redact.value(Setting.GITHUB_API_URL, value);
    assertFalse(shown.contains("sss"), shown);
    assertEquals("https://***@host.example/api", shown);
  }

  // ---------------------------------------------------------------- in the configuration's messages

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"SOURCEGATE_GITHUB_API_URL", "SOURCEGATE_GITHUB_URL", "SOURCEGATE_GOOGLESOURCE_URL",
      "SOURCEGATE_GO_GET_URL", "GITHUB_CALLBACK_URL", "SOURCEGATE_REDIS_URL", "SOURCEGATE_GITHUB_GRAPHQL_URL"})
  void aBadUrlSettingIsNamedButItsPasswordIsNot(String name) {
    for (String bad : new String[] {"ftp://user:s3cret@host.example", "http://user:s3cret@host.example?q=1",
        "http://user:s3 cret@host", "http://user:s3cret@"}) {
      ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
          () -> SettingsLoader.load(Map.of(name, bad), null));
      assertTrue(e.getMessage().contains(name), e.getMessage());
      assertFalse(e.getMessage().contains("s3cret") || e.getMessage().contains("s3 cret"), e.getMessage());
    }
  }

  @Test
  void aYamlErrorDoesNotQuoteASecretFromTheFile() {
    String yaml = "github:\n  sessionSecret: s3cretvalue\n  clientSecret: \"an0ther\n  clientId: [\n";
    ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> SettingsLoader.load(Map.of(), yaml));
    assertFalse(e.getMessage().contains("s3cretvalue") || e.getMessage().contains("an0ther"), e.getMessage());
  }

  @Test
  void aSecretGivenAsAMappingIsNamedButNotShown() {
    ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
        () -> SettingsLoader.load(Map.of(), "github:\n  sessionSecret:\n    nested: s3cretvalue\n"));
    assertTrue(e.getMessage().contains("GITHUB_SESSION_SECRET"), e.getMessage());
    assertFalse(e.getMessage().contains("s3cretvalue"), e.getMessage());
  }

  @Test
  void aRedisUrlWithoutASessionSecretIsRefusedNamingBothSettings() {
    ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
        () -> SettingsLoader.load(Map.of("SOURCEGATE_REDIS_URL", "redis://:s3cret@cache:6379"), null));
    assertTrue(e.getMessage().contains("SOURCEGATE_REDIS_URL") && e.getMessage().contains("GITHUB_SESSION_SECRET"), e.getMessage());
    assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    SettingsLoader.load(Map.of("SOURCEGATE_REDIS_URL", "redis://cache:6379", "GITHUB_SESSION_SECRET", "x"), null);
  }
}
