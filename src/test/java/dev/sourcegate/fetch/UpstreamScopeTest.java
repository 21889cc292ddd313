package dev.sourcegate.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** What a scope is: one repository however it is spelt, one vanity host, one googlesource project. */
class UpstreamScopeTest {
  @Test
  void aGitHubRepositoryIsOneScopeWhateverItsCase() {
    assertEquals(UpstreamScope.githubRepository("Acme", "App"), UpstreamScope.githubRepository("acme", "app"));
    assertNotEquals(UpstreamScope.githubRepository("acme", "app").key(), UpstreamScope.githubRepository("acme", "other").key());
    assertEquals("GitHub", UpstreamScope.githubRepository("acme", "app").upstreamName());
  }

  @Test
  void aVanityHostIsOneScopeForAllItsPaths() {
    assertEquals(UpstreamScope.goImport("Go.Example.com/a/b").key(), UpstreamScope.goImport("go.example.com/c").key());
    assertNotEquals(UpstreamScope.goImport("go.example.com/a").key(), UpstreamScope.goImport("other.example.com/a").key());
    assertEquals("the module host", UpstreamScope.goImport("go.example.com").upstreamName());
  }

  @Test
  void scopesOfDifferentUpstreamsNeverCollide() {
    assertNotEquals(UpstreamScope.googleSourceProject("go").key(), UpstreamScope.goImport("go").key());
    assertNotEquals(UpstreamScope.githubRepository("go", "x").key(), UpstreamScope.goImport("go/x").key());
  }
}
