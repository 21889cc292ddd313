package dev.sourcegate.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.resolve.go.GoStdPackages;
import dev.sourcegate.resolve.rules.FileQuery;
import dev.sourcegate.resolve.rules.RuntimeVersionSource;
import dev.sourcegate.resolve.rules.SourceReader;
import dev.sourcegate.resolve.runtime.RuntimeSources;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.Language;
import dev.sourcegate.source.PyroscopeConfig;
import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ruby gem frames (docs/resolution.md §15) over in-memory readers: which gem, version and platform a path
 * names, what is read from RubyGems, and git-sourced gems through Gemfile.lock.
 */
class RubyGemRulesTest {
  private static final String RAILS_SHA = "1a2b3c4d5e6f77889900aabbccddeeff00112233";
  private static final String LOCK = """
      GIT
        remote: https://github.com/rails/rails.git
        revision: 1a2b3c4d5e6f77889900aabbccddeeff00112233
        branch: main
        specs:
          actionpack (7.2.0.alpha)
            rack (>= 2.2.4)
          rails (7.2.0.alpha)

      GIT
        remote: https://gitlab.com/acme/private-gem.git
        revision: 99aa00bb11cc22dd33ee44ff5566778899aabbcc
        specs:
          private-gem (0.1.0)

      GEM
        remote: https://rubygems.org/
        specs:
          rack (3.0.8)

      PLATFORMS
        x86_64-linux

      BUNDLED WITH
         2.5.3
      """;

  /** The fake GitHub reader, plus RubyGems members answering their own key ("name@ref:member"). */
  private static final class Readers implements SourceReader {
    final FakeSourceReader github = new FakeSourceReader();
    final Map<String, Object> gems = new HashMap<>();
    final List<String> gemReads = new ArrayList<>();

    Readers gem(String key) {
      gems.put(key, key);
      return this;
    }

    Readers failGem(String key, RuntimeException e) {
      gems.put(key, e);
      return this;
    }

    @Override
    public Future<SourceFile> file(RepoRef where, String ref, String path) {
      if (!RepoRef.RUBYGEMS.equals(where.host())) {
        return SourceReader.super.file(where, ref, path);
      }
      String key = where.repo() + "@" + ref + ":" + path;
      gemReads.add(key);
      Object answer = gems.get(key);
      if (answer instanceof RuntimeException e) {
        return Future.failedFuture(e);
      }
      return answer == null ? Future.failedFuture(RpcException.notFound("file " + path + " not found in gem"))
          : Future.succeededFuture(new SourceFile(key.getBytes(StandardCharsets.UTF_8), "https://rubygems.org/gems/" + key));
    }

    @Override
    public Future<SourceFile> githubFile(String owner, String repo, String ref, String path) {
      return github.githubFile(owner, repo, ref, path);
    }

    @Override
    public Future<SourceFile> googleSourceFile(String project, String ref, String path) {
      return github.googleSourceFile(project, ref, path);
    }

    @Override
    public Future<String> goGetPage(String importPath) {
      return github.goGetPage(importPath);
    }

    @Override
    public Future<PyroscopeConfig> pyroscopeConfig(String owner, String repo, String ref, String rootPath) {
      return github.pyroscopeConfig(owner, repo, ref, rootPath);
    }
  }

  private final Readers readers = new Readers();
  private final SourceResolver resolver = new SourceResolver(GoStdPackages.load(), 1, RuntimeSources.withDefaultSettings(),
      (RuntimeVersionSource) ctx -> Future.succeededFuture(Optional.of("3.3.5")));

  private Future<SourceFile> resolve(String localPath, String rootPath) {
    Future<SourceFile> f = resolver.resolve(new FileQuery("acme", "app", "r1", localPath, rootPath, ""), readers);
    assertTrue(f.isComplete());
    return f;
  }

  private String answer(String localPath, String rootPath) {
    Future<SourceFile> f = resolve(localPath, rootPath);
    assertTrue(f.succeeded(), () -> f.cause() + "; gems " + readers.gemReads + "; github " + readers.github.calls());
    return new String(f.result().content(), StandardCharsets.UTF_8);
  }

  private RpcException failure(String localPath, String rootPath) {
    Future<SourceFile> f = resolve(localPath, rootPath);
    assertTrue(f.failed(), () -> "answered " + f.result());
    return assertInstanceOf(RpcException.class, f.cause());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      /usr/local/bundle/gems/rack-3.0.8/lib/rack/builder.rb                              | rack@3.0.8:lib/rack/builder.rb
      /app/vendor/bundle/ruby/3.3.0/gems/net-http-0.4.1/lib/net/http.rb                  | net-http@0.4.1:lib/net/http.rb
      /home/deploy/.gem/ruby/3.3.0/gems/aws-sdk-core-3.190.0/lib/seahorse.rb             | aws-sdk-core@3.190.0:lib/seahorse.rb
      /home/u/.rbenv/versions/3.3.0/lib/ruby/gems/3.3.0/gems/activesupport-7.1.3/lib/active_support.rb | activesupport@7.1.3:lib/active_support.rb
      /usr/local/bundle/gems/nokogiri-1.16.0-x86_64-linux/lib/nokogiri/xml/node.rb        | nokogiri@1.16.0-x86_64-linux:lib/nokogiri/xml/node.rb
      /usr/local/bundle/gems/http-2-1.0.0/lib/http/2.rb                                  | http-2@1.0.0:lib/http/2.rb
      /usr/local/bundle/gems/rails-7.2.0.beta1/lib/rails.rb                              | rails@7.2.0.beta1:lib/rails.rb
      vendor/bundle/ruby/3.3.0/gems/puma-6.4.2/lib/puma/server.rb                        | puma@6.4.2:lib/puma/server.rb
      """)
  void anInstalledGemIsReadFromRubyGemsAtTheVersionItsDirectoryNames(String localPath, String read) {
    readers.gem(read);
    assertEquals(read, answer(localPath, ""));
    assertEquals(List.of(read), readers.gemReads);
  }

  @Test
  void aGemTheRegistryLacksMayBeCommittedElseTheAnswerSaysWhatWasLookedFor() {
    String path = "/srv/app/vendor/bundle/ruby/3.3.0/gems/inhouse-1.0.0/lib/inhouse.rb";
    RpcException e = failure(path, "");
    assertEquals(Code.NOT_FOUND, e.code());
    assertTrue(e.getMessage().contains("Ruby gem file lib/inhouse.rb not found in inhouse-1.0.0 on RubyGems"), e.getMessage());

    readers.github.file("acme/app@r1:vendor/bundle/ruby/3.3.0/gems/inhouse-1.0.0/lib/inhouse.rb");
    assertEquals("acme/app@r1:vendor/bundle/ruby/3.3.0/gems/inhouse-1.0.0/lib/inhouse.rb", answer(path, ""));
  }

  @Test
  void aRegistryFailureIsTheAnswerNotAGuess() {
    readers.failGem("rack@3.0.8:lib/rack.rb", new RpcException(Code.UNAVAILABLE, "the RubyGems registry answered 503"));
    RpcException e = failure("/usr/local/bundle/gems/rack-3.0.8/lib/rack.rb", "");
    assertEquals(Code.UNAVAILABLE, e.code());
    assertTrue(readers.github.calls().stream().noneMatch(c -> c.contains("lib/rack.rb")), readers.github.calls().toString());
  }

  @Test
  void aMappingWins() {
    readers.github.config(new PyroscopeConfig(List.of(RulesFixture.github(Language.RUBY, "acme", "rack-fork", "patched", "",
        "/usr/local/bundle/gems/rack-3.0.8"))));
    readers.github.file("acme/rack-fork@patched:lib/rack.rb");
    assertEquals("acme/rack-fork@patched:lib/rack.rb", answer("/usr/local/bundle/gems/rack-3.0.8/lib/rack.rb", ""));
    assertEquals(List.of(), readers.gemReads);
  }

  @Test
  void aGitGemIsReadFromTheRepositoryAndRevisionOfItsLockFileSection() {
    readers.github.file("acme/app@r1:web/Gemfile.lock", LOCK)
        .file("rails/rails@" + RAILS_SHA + ":railties/lib/rails.rb")
        .file("rails/rails@" + RAILS_SHA + ":actionpack/lib/action_controller.rb");
    String base = "/app/vendor/bundle/ruby/3.3.0/bundler/gems/rails-1a2b3c4d5e6f/";
    assertEquals("rails/rails@" + RAILS_SHA + ":railties/lib/rails.rb", answer(base + "railties/lib/rails.rb", "web"));
    assertEquals("rails/rails@" + RAILS_SHA + ":actionpack/lib/action_controller.rb",
        answer(base + "actionpack/lib/action_controller.rb", "web"));
    assertEquals(1, readers.github.calls().stream().filter(c -> c.endsWith("web/Gemfile.lock")).count(),
        "read once per commit: " + readers.github.calls());
    assertEquals(List.of(), readers.gemReads);
  }

  @Test
  void theRootLockFileAnswersWhenRootPathHasNone() {
    readers.github.file("acme/app@r1:Gemfile.lock", LOCK).file("rails/rails@" + RAILS_SHA + ":railties/lib/rails.rb");
    assertEquals("rails/rails@" + RAILS_SHA + ":railties/lib/rails.rb",
        answer("/usr/local/bundle/bundler/gems/rails-1a2b3c4d5e6f/railties/lib/rails.rb", "services/api"));
    List<String> lockReads = readers.github.calls().stream().filter(c -> c.contains("Gemfile.lock") || c.contains("gems.locked")).toList();
    assertEquals(List.of("github acme/app@r1:services/api/Gemfile.lock", "github acme/app@r1:services/api/gems.locked",
        "github acme/app@r1:Gemfile.lock", "github acme/app@r1:gems.locked"), lockReads);
  }

  @Test
  void aGitGemOffGitHubOrInNoLockFileIsNotFoundSayingWhy() {
    readers.github.file("acme/app@r1:Gemfile.lock", LOCK);
    RpcException offGitHub = failure("/usr/local/bundle/bundler/gems/private-gem-99aa00bb11cc/lib/private_gem.rb", "");
    assertTrue(offGitHub.getMessage().contains("comes from https://gitlab.com/acme/private-gem.git, which is not a GitHub repository"),
        offGitHub.getMessage());
    RpcException unknown = failure("/usr/local/bundle/bundler/gems/sidekiq-abcdef123456/lib/sidekiq.rb", "");
    assertEquals(Code.NOT_FOUND, unknown.code());
    assertTrue(unknown.getMessage().contains("no GIT section with revision abcdef123456")
        && unknown.getMessage().contains("lock files read: Gemfile.lock"), unknown.getMessage());
  }

  @Test
  void aColdGitGemFrameTakesTwoRoundTripsItsLockFileReadWithTheConfig() {
    ReleasedRoundsReader upstream = new ReleasedRoundsReader()
        .file("acme/app@main:Gemfile.lock", LOCK)
        .file("rails/rails@" + RAILS_SHA + ":railties/lib/rails.rb");
    FileQuery q = new FileQuery("acme", "app", "main",
        "/usr/local/bundle/bundler/gems/rails-1a2b3c4d5e6f/railties/lib/rails.rb", "", "");
    PrefetchingReader reader = new PrefetchingReader(upstream);
    resolver.prefetch(q, reader);
    Future<SourceFile> answer = resolver.resolve(q, reader);
    assertEquals(2, upstream.roundsUntil(answer));
    assertEquals("rails/rails@" + RAILS_SHA + ":railties/lib/rails.rb",
        new String(answer.result().content(), StandardCharsets.UTF_8));
  }

  @Test
  void theStandardLibraryAndCoreFilesAreNotGems() {
    readers.github.file("ruby/ruby@v3_3_5:lib/net/http.rb");
    assertEquals("ruby/ruby@v3_3_5:lib/net/http.rb", answer("/usr/local/lib/ruby/3.3.0/net/http.rb", ""));
    assertEquals(List.of(), readers.gemReads);
  }
}
