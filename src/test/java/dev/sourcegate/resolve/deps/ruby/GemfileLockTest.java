package dev.sourcegate.resolve.deps.ruby;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GemfileLockTest {
  private static final String LOCK = """
      GIT
        remote: git@github.com:acme/widgets.git
        revision: 0123456789abcdef0123456789abcdef01234567
        tag: v2.0.0
        specs:
          widgets (2.0.0)
            rack

      GIT
        remote: https://github.com/acme/gadgets
        revision: 0123456789abffff0123456789abcdef01234567
        specs:
          gadgets (1.0.0)
          gadgets-extra (1.0.0)

      GEM
        remote: https://rubygems.org/
        specs:
          rack (3.0.8)
      """;

  @Test
  void readsEveryGitSectionAndItsGems() {
    GemfileLock lock = GemfileLock.parse(LOCK);
    assertEquals(List.of(
        new GemfileLock.GitSource("git@github.com:acme/widgets.git", "0123456789abcdef0123456789abcdef01234567", List.of("widgets")),
        new GemfileLock.GitSource("https://github.com/acme/gadgets", "0123456789abffff0123456789abcdef01234567",
            List.of("gadgets", "gadgets-extra"))), lock.gitSources());
  }

  @Test
  void aCheckoutIsMatchedByRevisionAndRepositoryName() {
    GemfileLock lock = GemfileLock.parse(LOCK);
    // both revisions start 0123456789ab: the directory's repository name decides
    assertEquals("https://github.com/acme/gadgets",
        lock.source(new GemFrame.GitCheckout("gadgets-0123456789ab", "gadgets", "0123456789ab", "lib/g.rb")).orElseThrow().remote());
    assertEquals("git@github.com:acme/widgets.git",
        lock.source(new GemFrame.GitCheckout("widgets-0123456789ab", "widgets", "0123456789ab", "lib/w.rb")).orElseThrow().remote());
    assertEquals(Optional.empty(), lock.source(new GemFrame.GitCheckout("other-0123456789ab", "other", "0123456789ab", "x.rb")));
    assertEquals("https://github.com/acme/gadgets",
        lock.source(new GemFrame.GitCheckout("renamed-0123456789abff", "renamed", "0123456789abff", "x.rb")).orElseThrow().remote());
  }
}
