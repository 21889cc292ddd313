package dev.sourcegate.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sourcegate.resolve.rules.AppPathWalk;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The application's own files at absolute paths: the shared path walk (docs/resolution.md §11), for every language that uses it. */
class AppPathWalkTest {

  @Test
  void longestSuffixFirst() {
    assertEquals(List.of("usr/src/app/server.js", "src/app/server.js", "app/server.js", "server.js"),
        AppPathWalk.suffixes("/usr/src/app/server.js"));
  }

  @Test
  void atMostThirtyTries() {
    String deep = "/d0/d1/d2/d3/d4/d5/d6/d7/d8/d9/d10/d11/d12/d13/d14/d15/d16/d17/d18/d19/d20/d21/d22/d23/d24/d25/d26/d27/d28/d29/d30/d31/x.js";
    List<String> tries = AppPathWalk.suffixes(deep);
    assertEquals(30, tries.size());
    assertEquals("d29/d30/d31/x.js", tries.get(29));
  }

  @Test
  void theWalkKeepsADependencyDirectory() {
    assertEquals(List.of("app/node_modules/express/lib/router.js", "node_modules/express/lib/router.js"),
        AppPathWalk.appSuffixes("/app/node_modules/express/lib/router.js"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"js", "ts", "py", "rb", "rs", "txt"})
  void everyLanguageWithoutARuleWalksAndTheLongestExistingSuffixWins(String ext) {
    RulesFixture r = new RulesFixture(Optional.empty())
        .files("acme/app@r1:app/server." + ext, "acme/app@r1:server." + ext);
    r.expectFile("/usr/src/app/server." + ext, "acme/app@r1:app/server." + ext);
    assertEquals(List.of("github acme/app@r1:usr/src/app/server." + ext, "github acme/app@r1:src/app/server." + ext,
        "github acme/app@r1:app/server." + ext), r.reads());
  }

  @Test
  void thirtyMissesAreNotFoundAndTheThirtyFirstIsNeverAsked() {
    StringBuilder deep = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      deep.append("/d").append(i);
    }
    deep.append("/server.js");
    RulesFixture r = new RulesFixture(Optional.empty()).files("acme/app@r1:server.js");
    r.expectNotFound(deep.toString(), "file not found: " + deep);
    List<String> expected = new ArrayList<>();
    String p = deep.substring(1);
    for (int i = 0; i < 30; i++) {
      expected.add("github acme/app@r1:" + p);
      p = p.substring(p.indexOf('/') + 1);
    }
    assertEquals(expected, r.reads());
  }

  @Test
  void aWindowReadsAheadButTheOrderStillDecides() {
    RulesFixture r = new RulesFixture(Optional.empty(), 4).files("acme/app@r1:app/server.js", "acme/app@r1:server.js");
    r.expectFile("/usr/src/app/server.js", "acme/app@r1:app/server.js");
    assertEquals(4, r.reads().size(), "one window of four reads");
  }

  @Test
  void aNodeModulesFileIsNeverAnsweredByAnAppFileOfTheSameName() {
    RulesFixture r = new RulesFixture(Optional.empty()).files("acme/app@r1:lib/router.js", "acme/app@r1:router.js");
    // no lock file names express: the path walk looks for a committed copy, never for lib/router.js
    r.expectNotFound("/app/node_modules/express/lib/router.js", "npm package express (node_modules/express) has no locked version");
    assertEquals(List.of("github acme/app@r1:npm-shrinkwrap.json", "github acme/app@r1:package-lock.json",
        "github acme/app@r1:pnpm-lock.yaml", "github acme/app@r1:yarn.lock",
        "github acme/app@r1:app/node_modules/express/lib/router.js",
        "github acme/app@r1:node_modules/express/lib/router.js"), r.reads());
  }
}
