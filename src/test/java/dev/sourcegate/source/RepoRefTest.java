package dev.sourcegate.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class RepoRefTest {
  @Test
  void keyIsOwnerSlashRepoInLowerCase() {
    assertEquals("acme/shop-api", RepoRef.key("Acme", "Shop-API"));
  }

  @Test
  void namesThatDifferOnlyInCaseShareOneKey() {
    assertEquals(RepoRef.key("acme", "app"), RepoRef.key("ACME", "App"));
  }

  @Test
  void differentRepositoriesHaveDifferentKeys() {
    assertNotEquals(RepoRef.key("acme", "app"), RepoRef.key("acme", "app2"));
    assertNotEquals(RepoRef.key("acme", "app"), RepoRef.key("acme2", "app"));
  }

  @Test
  void aReferenceFilesUnderTheSameKeyAsItsNames() {
    RepoRef ref = RepoRef.github("Acme", "App");
    assertEquals("github.com", ref.host());
    assertEquals(RepoRef.key("Acme", "App"), ref.key());
  }

  @Test
  void theKeyDoesNotDependOnTheLocale() {
    Locale before = Locale.getDefault();
    try {
      // Turkish lower-cases 'I' to a dotless i: a key built with the default locale would split one repository in two
      Locale.setDefault(Locale.forLanguageTag("tr"));
      assertEquals("ibm/infra", RepoRef.key("IBM", "INFRA"));
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void anotherHostsRepositoryNeverSharesAGitHubKeyAndKeepsItsCase() {
    assertNotEquals(RepoRef.github("go", "tools").key(), new RepoRef("gitlab.example", "go", "tools").key());
    assertNotEquals(RepoRef.googleSource("tools").key(), RepoRef.goImport("tools").key());
    assertNotEquals(RepoRef.googleSource("Tools").key(), RepoRef.googleSource("tools").key());
  }

  @Test
  void onlyGooglesourceAndGoImportPagesArePublicHosts() {
    assertTrue(RepoRef.googleSource("go").publicHost());
    assertTrue(RepoRef.goImport("go.uber.org/zap").publicHost());
    assertTrue(RepoRef.crates("serde").publicHost(), "every crate on a crate registry is public");
    assertFalse(RepoRef.github("acme", "app").publicHost());
    assertFalse(new RepoRef("gitlab.example", "acme", "app").publicHost(), "an unknown host's repositories may be private");
  }
}
