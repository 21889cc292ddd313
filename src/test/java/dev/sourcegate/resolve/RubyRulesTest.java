package dev.sourcegate.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sourcegate.resolve.go.GoStdPackages;
import dev.sourcegate.resolve.rules.FileQuery;
import dev.sourcegate.source.Language;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Ruby (docs/resolution.md §9): ruby/ruby for the runtime's own files, the app's repository for the rest. */
class RubyRulesTest {
  private static final Optional<String> RUBY_335 = Optional.of("3.3.5");

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      /usr/local/lib/ruby/3.3.0/net/http.rb                          | v3_3_0 | lib/net/http.rb
      /usr/lib/ruby/3.2.0/set.rb                                     | v3_2_0 | lib/set.rb
      /home/u/.rbenv/versions/3.3.0/lib/ruby/3.3.0/logger/formatter.rb | v3_3_0 | lib/logger/formatter.rb
      /opt/rubies/ruby-3.1.4/lib/ruby/3.1.0/erb.rb                   | v3_1_0 | lib/erb.rb
      """)
  void standardLibraryAtTheAbiDirectorysRelease(String localPath, String tag, String path) {
    RulesFixture r = new RulesFixture(Optional.empty()).files("ruby/ruby@" + tag + ":" + path);
    r.expectFile(localPath, "ruby/ruby@" + tag + ":" + path);
    assertEquals(List.of("github ruby/ruby@" + tag + ":" + path), r.reads());
  }

  @Test
  void aRunningVersionOfTheSameLinePicksItsPatchRelease() {
    RulesFixture r = new RulesFixture(RUBY_335).files("ruby/ruby@v3_3_5:lib/net/http.rb", "ruby/ruby@v3_3_0:lib/net/http.rb");
    r.expectFile("/usr/local/lib/ruby/3.3.0/net/http.rb", "ruby/ruby@v3_3_5:lib/net/http.rb");
  }

  @Test
  void aRunningVersionOfAnotherLineDoesNotMoveTheAbiDirectory() {
    RulesFixture r = new RulesFixture(Optional.of("3.2.2")).files("ruby/ruby@v3_3_0:lib/net/http.rb");
    r.expectFile("/usr/local/lib/ruby/3.3.0/net/http.rb", "ruby/ruby@v3_3_0:lib/net/http.rb");
  }

  @Test
  void aDefaultGemWithACExtensionIsReadFromExt() {
    RulesFixture r = new RulesFixture(Optional.empty()).files("ruby/ruby@v3_3_0:ext/json/lib/json/common.rb");
    r.expectFile("/usr/local/lib/ruby/3.3.0/json/common.rb", "ruby/ruby@v3_3_0:ext/json/lib/json/common.rb");
    assertEquals(List.of("github ruby/ruby@v3_3_0:lib/json/common.rb", "github ruby/ruby@v3_3_0:ext/json/lib/json/common.rb"),
        r.reads());
  }

  @Test
  void aStandardLibraryFileRubyLacksIsNotFoundAndNeverReadFromTheApp() {
    RulesFixture r = new RulesFixture(Optional.empty()).files("acme/app@r1:net/http.rb", "acme/app@r1:usr/local/lib/ruby/3.3.0/net/http.rb");
    r.expectNotFound("/usr/local/lib/ruby/3.3.0/net/http.rb", "Ruby standard library file not found: lib/net/http.rb at v3_3_0");
    assertEquals(List.of("github ruby/ruby@v3_3_0:lib/net/http.rb", "github ruby/ruby@v3_3_0:ext/net/lib/net/http.rb"), r.reads());
  }

  @ParameterizedTest(name = "{0} at {1}")
  @CsvSource(delimiter = '|', textBlock = """
      <internal:kernel>      | 3.3.5     | v3_3_5 | kernel.rb
      <internal:array>       | 3.3       | v3_3_0 | array.rb
      <internal:gem_prelude> | ruby-3.2.2 | v3_2_2 | gem_prelude.rb
      <internal:numeric>     | 3.4.0-preview1 | v3_4_0_preview1 | numeric.rb
      """)
  void coreFileAtTheRunningVersion(String localPath, String version, String tag, String file) {
    RulesFixture r = new RulesFixture(Optional.of(version)).files("ruby/ruby@" + tag + ":" + file);
    r.expectFile(localPath, "ruby/ruby@" + tag + ":" + file);
    assertEquals(List.of("github ruby/ruby@" + tag + ":" + file), r.reads());
  }

  @Test
  void theConfiguredDefaultAnswersWhenNothingElseDoes() {
    SourceResolver withDefaults = new SourceResolver(GoStdPackages.load(), 1);
    FakeSourceReader reader = new FakeSourceReader().file("ruby/ruby@v3_3_0:kernel.rb");
    Future<SourceFile> f = withDefaults.resolve(new FileQuery("acme", "app", "r1", "<internal:kernel>", "", ""), reader);
    assertEquals("ruby/ruby@v3_3_0:kernel.rb", new String(f.result().content(), StandardCharsets.UTF_8));
  }

  @Test
  void coreFileWithoutAVersionIsNotFound() {
    RulesFixture r = new RulesFixture(Optional.empty()).files("ruby/ruby@master:kernel.rb", "acme/app@r1:kernel.rb");
    r.expectNotFound("<internal:kernel>", "the Ruby version is unknown");
    assertEquals(List.of(), r.reads());
  }

  @Test
  void coreFileRubyLacksIsNotFoundAndNeverReadFromTheApp() {
    RulesFixture r = new RulesFixture(RUBY_335).files("acme/app@r1:nosuch.rb");
    r.expectNotFound("<internal:nosuch>", "Ruby core file not found: nosuch.rb at v3_3_5");
    assertEquals(List.of("github ruby/ruby@v3_3_5:nosuch.rb"), r.reads());
  }

  @Test
  void aMappingOverridesTheStandardLibraryRule() {
    RulesFixture r = new RulesFixture(RUBY_335)
        .mappings(RulesFixture.github(Language.RUBY, "acme", "ruby-fork", "patched", "lib", "/usr/local/lib/ruby/3.3.0"))
        .files("acme/ruby-fork@patched:lib/net/http.rb", "ruby/ruby@v3_3_5:lib/net/http.rb");
    r.expectFile("/usr/local/lib/ruby/3.3.0/net/http.rb", "acme/ruby-fork@patched:lib/net/http.rb");
    assertEquals(List.of("github acme/ruby-fork@patched:lib/net/http.rb"), r.reads());
  }

  @Test
  void applicationFilesAreWalkedInTheAppRepositoryOnly() {
    RulesFixture r = new RulesFixture(RUBY_335).files("acme/app@r1:app/models/cart.rb", "ruby/ruby@v3_3_5:app/models/cart.rb");
    r.expectFile("/srv/rails/app/models/cart.rb", "acme/app@r1:app/models/cart.rb");
    assertEquals(List.of("github acme/app@r1:srv/rails/app/models/cart.rb", "github acme/app@r1:rails/app/models/cart.rb",
        "github acme/app@r1:app/models/cart.rb"), r.reads());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      3.3.5          | v3_3_5
      3.3            | v3_3_0
      ruby-3.1.4     | v3_1_4
      3.4.0-preview1 | v3_4_0_preview1
      3.4.0rc1       | v3_4_0_rc1
      """)
  void tags(String version, String tag) {
    assertEquals(Optional.of(tag), RubyPaths.tag(version));
  }

  @ParameterizedTest
  @CsvSource({"jruby-9.4.5.0", "3", "latest", "''"})
  void notCRubyVersionsHaveNoTag(String version) {
    assertEquals(Optional.empty(), RubyPaths.tag(version));
  }
}
