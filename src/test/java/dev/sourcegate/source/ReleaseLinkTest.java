package dev.sourcegate.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseLinkTest {
  private static final RepoRef RAILS = RepoRef.github("rails", "rails");

  @Test
  void refsKeepTheirOrderWithoutEmptyOrRepeatedOnes() {
    assertEquals(List.of("abc", "v1.0", "1.0"), ReleaseLink.refs("", "abc", "v1.0", "1.0", "v1.0", null));
  }

  @Test
  void candidatesAreRefsOutermostEachPathUnderTheDirectory() {
    List<ReleaseLink> c = ReleaseLink.candidates(RAILS, List.of("v7.1.3", "7.1.3"), "/actionpack/",
        List.of("src/lib/a.rb", "lib/a.rb"));
    assertEquals(List.of(
        new ReleaseLink(RAILS, "v7.1.3", "actionpack/src/lib/a.rb"), new ReleaseLink(RAILS, "v7.1.3", "actionpack/lib/a.rb"),
        new ReleaseLink(RAILS, "7.1.3", "actionpack/src/lib/a.rb"), new ReleaseLink(RAILS, "7.1.3", "actionpack/lib/a.rb")), c);
    assertEquals("lib/a.rb", ReleaseLink.candidates(RAILS, List.of("v1"), "", List.of("lib/a.rb")).get(0).path());
  }

  @Test
  void theUrlIsGitHubsPageWithEverySegmentEncoded() {
    assertEquals("https://github.com/rails/rails/blob/v7.1.3/actionpack/lib/a.rb",
        new ReleaseLink(RAILS, "v7.1.3", "actionpack/lib/a.rb").url());
    // a tag may hold '/' (GitHub shows it as is); nothing else can change the URL's shape
    assertEquals("https://github.com/rails/rails/blob/release/%40scope/pkg%401.0%2Bb/a%20b/c%3Fd%23e~f%2A.js",
        new ReleaseLink(RAILS, "release/@scope/pkg@1.0+b", "a b/c?d#e~f*.js").url());
  }
}
