package dev.sourcegate.resolve.deps.ruby;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sourcegate.resolve.deps.ruby.GemFrame.GemVersion;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GemFrameTest {
  @Test
  void aDirectoryThatSplitsTwoWaysTriesThePlainBuildFirst() {
    assertEquals(List.of(new GemVersion("foo-1-bar", "2.0", "ruby"), new GemVersion("foo", "1", "bar-2.0")),
        GemFrame.readings("foo-1-bar-2.0"));
    assertEquals(List.of(new GemVersion("http-2", "1.0.0", "ruby")), GemFrame.readings("http-2-1.0.0"));
    assertEquals(List.of(new GemVersion("nokogiri", "1.16.0", "x86_64-linux")), GemFrame.readings("nokogiri-1.16.0-x86_64-linux"));
    assertEquals(List.of(new GemVersion("grpc", "1.60.0", "x86_64-linux-musl")), GemFrame.readings("grpc-1.60.0-x86_64-linux-musl"));
  }

  @Test
  void aBundlerCheckoutNamesItsRepositoryAndCommit() {
    assertEquals(Optional.of(new GemFrame.GitCheckout("rails-1a2b3c4d5e6f", "rails", "1a2b3c4d5e6f", "railties/lib/rails.rb")),
        GemFrame.parse("/usr/local/bundle/bundler/gems/rails-1a2b3c4d5e6f/railties/lib/rails.rb"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/usr/local/lib/ruby/3.3.0/net/http.rb", "/usr/local/lib/ruby/gems/3.3.0/specifications/rack.gemspec",
      "/app/gems/readme.md", "/usr/local/bundle/gems/rack/lib/rack.rb", "/usr/local/bundle/gems/rack-3.0.8/",
      "app/lib/rubygems-1.0/x.rb", "<internal:kernel>"})
  void otherPathsAreNoGems(String path) {
    assertEquals(Optional.empty(), GemFrame.parse(path));
  }
}
