package dev.sourcegate.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.testkit.FakeGitHub;
import dev.sourcegate.testkit.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Frames whose file only a steering file's content or a Go vanity page can name, over GraphQL, counted by
 * the simulated GitHub: a Go module behind a vanity import path, a Go module go.mod replaces, a vendored
 * Go package go.mod gives the version of, a git-sourced Ruby gem (Gemfile.lock) and a Rust git dependency
 * (Cargo.lock). On first contact the dry run cannot know the content, so the real run reads the pointed-to
 * file on its own; at a later commit of the same repository, for the same caller, the dry run assumes
 * the go.mod, lock file and page last read, so one query holds everything. The real run still reads the
 * real files: a commit that changes them is answered from its own, and another caller of a private
 * repository is not given what was learnt on someone else's behalf. Each step asks a dependency file not
 * read before, so the fetcher's cache cannot hide a read. The same steps over REST give the same answers.
 */
class SteeringLastKnownCallsTest {
  private static final String VANITY_PAGE =
      "<html><head><meta name=\"go-import\" content=\"go.uber.org/zap git https://github.com/uber-go/zap\"></head></html>";
  private static final String REPLACE_MOD = "module github.com/acme/fork\n\ngo 1.22\n\nrequire github.com/pkg/errors v0.9.1\n\n"
      + "replace github.com/pkg/errors => github.com/acme/errors %s\n";
  private static final String VENDOR_MOD = "module github.com/acme/vend\n\ngo 1.22\n\nrequire github.com/pkg/errors v0.9.1\n";
  private static final String RAILS_SHA = "5a2f7f6a1b2c3d4e5f60718293a4b5c6d7e8f901";
  private static final String GEMFILE_LOCK = """
      GIT
        remote: https://github.com/rails/rails.git
        revision: %s
        specs:
          railties (7.2.0.alpha)

      GEM
        remote: https://rubygems.org/
        specs:
          rack (3.0.8)
      """.formatted(RAILS_SHA);
  private static final String HYPER = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
  private static final String CARGO_LOCK = """
      version = 3

      [[package]]
      name = "hyper"
      version = "1.0.0"
      source = "git+https://github.com/hyperium/hyper?branch=master#%s"
      """.formatted(HYPER);

  record Calls(long graphQl, long rest, long goGetPages) {}

  @ExtendWith(VertxExtension.class)
  abstract static class Steps {
    FakeGitHub fake;
    TestGateway gw;
    final String alice = TestGateway.cookieFor("gho_alice");
    final String bob = TestGateway.cookieFor("gho_bob");

    abstract boolean graphQl();

    Future<Void> start(Vertx vertx) {
      fake = new FakeGitHub(vertx).token("gho_alice").token("gho_bob")
          .goGetPage("go.uber.org/zap", VANITY_PAGE)
          .privateRepo("acme", "fork", "gho_alice", "gho_bob");
      for (String ref : new String[] {"c1", "c2", "c3"}) {
        fake.file("acme", "gosvc", ref, "go.mod", "module github.com/acme/gosvc\n\nrequire go.uber.org/zap v1.27.0\n")
            .file("acme", "fork", ref, "go.mod", REPLACE_MOD.formatted(ref.equals("c3") ? "v0.9.3" : "v0.9.2"))
            .file("acme", "vend", ref, "go.mod", VENDOR_MOD)
            .file("acme", "shop", ref, "Gemfile.lock", GEMFILE_LOCK)
            .file("acme", "crab", ref, "Cargo.lock", CARGO_LOCK);
      }
      for (String f : new String[] {"logger.go", "sugar.go", "field.go"}) {
        fake.file("uber-go", "zap", "v1.27.0", f, "// zap " + f);
      }
      for (String f : new String[] {"errors.go", "stack.go", "format.go"}) {
        fake.file("acme", "errors", "v0.9.2", f, "// fork v0.9.2 " + f)
            .file("acme", "errors", "v0.9.3", f, "// fork v0.9.3 " + f)
            .file("pkg", "errors", "v0.9.1", f, "// pkg v0.9.1 " + f);
      }
      fake.file("rails", "rails", RAILS_SHA, "railties/lib/rails.rb", "# rails")
          .file("rails", "rails", RAILS_SHA, "activesupport/lib/active_support.rb", "# active_support")
          .file("hyperium", "hyper", HYPER, "src/client/conn.rs", "// client conn")
          .file("hyperium", "hyper", HYPER, "src/server/conn.rs", "// server conn");
      return fake.start()
          .compose(f -> TestGateway.start(vertx, graphQl() ? TestGateway.withGraphQl(TestGateway.env(fake)) : TestGateway.env(fake)))
          .map(g -> {
            gw = g;
            return null;
          });
    }

    @AfterEach
    void stop(VertxTestContext tc) {
      TestGateway.stop(gw, fake).onComplete(tc.succeedingThenComplete());
    }

    /** One cold GetFile: checks its answer (content and URL), counts the calls it made. */
    Future<Calls> getFile(String cookie, String repo, String ref, String localPath, String content, String url) {
      fake.clearRequests();
      return gw.call("GetFile", new JsonObject().put("repositoryURL", "https://github.com/acme/" + repo).put("ref", ref)
          .put("localPath", localPath).put("rootPath", "").put("functionName", "f"), cookie)
          .compose(res -> fake.settled().map(v -> {
            assertEquals(200, res.statusCode(), res.bodyAsString());
            JsonObject body = res.bodyAsJsonObject();
            assertEquals(content, new String(Base64.getDecoder().decode(body.getString("content")), StandardCharsets.UTF_8));
            assertEquals(url, body.getString("URL"));
            return new Calls(fake.graphQlCalls(), fake.restCalls(), fake.count("/goget/"));
          }));
    }

    Future<Calls> zap(String ref, String file) {
      return getFile(alice, "gosvc", ref, "/root/go/pkg/mod/go.uber.org/zap@v1.27.0/" + file, "// zap " + file,
          "https://github.com/uber-go/zap/blob/v1.27.0/" + file);
    }

    Future<Calls> replaced(String cookie, String ref, String file) {
      String version = ref.equals("c3") ? "v0.9.3" : "v0.9.2";
      return getFile(cookie, "fork", ref, "/root/go/pkg/mod/github.com/pkg/errors@v0.9.1/" + file,
          "// fork " + version + " " + file, "https://github.com/acme/errors/blob/" + version + "/" + file);
    }

    Future<Calls> vendored(String ref, String file) {
      return getFile(alice, "vend", ref, "/go/src/app/vendor/github.com/pkg/errors/" + file, "// pkg v0.9.1 " + file,
          "https://github.com/pkg/errors/blob/v0.9.1/" + file);
    }

    Future<Calls> gem(String ref, String path, String content) {
      return getFile(alice, "shop", ref, "/usr/local/bundle/bundler/gems/rails-5a2f7f6a1b2c/" + path, content,
          "https://github.com/rails/rails/blob/" + RAILS_SHA + "/" + path);
    }

    Future<Calls> crate(String ref, String path, String content) {
      return getFile(alice, "crab", ref, "/usr/local/cargo/git/checkouts/hyper-4b3e1f2a9c8d7e6f/a1b2c3d/" + path, content,
          "https://github.com/hyperium/hyper/blob/" + HYPER + "/" + path);
    }

    /** First contact, then the same kind of frame at a new commit; returns both counts. */
    Future<Calls[]> twice(Future<Calls> first, Supplier<Future<Calls>> second) {
      return first.compose(a -> second.get().map(b -> new Calls[] {a, b}));
    }
  }

  /** Over GraphQL: a second commit costs one query, no REST call and no vanity page read. */
  @Nested
  class OverGraphQl extends Steps {
    @Override
    boolean graphQl() {
      return true;
    }

    private void oneQueryAtTheNewCommit(Calls[] both, Calls firstContact) {
      assertEquals(firstContact, both[0], () -> "first contact: " + fake.paths());
      assertEquals(new Calls(1, 0, 0), both[1], () -> "a new commit: " + fake.paths());
    }

    @Test
    void aGoModuleBehindAVanityImportPath(Vertx vertx, VertxTestContext tc) {
      start(vertx).compose(v -> twice(zap("c1", "logger.go"), () -> zap("c2", "sugar.go")))
          .onComplete(tc.succeeding(both -> tc.verify(() -> {
            // first contact: the page, then the module's file over REST (its tag's commit, then the file)
            oneQueryAtTheNewCommit(both, new Calls(1, 2, 1));
            tc.completeNow();
          })));
    }

    @Test
    void aGoModuleGoModReplaces(Vertx vertx, VertxTestContext tc) {
      start(vertx).compose(v -> twice(replaced(alice, "c1", "errors.go"), () -> replaced(alice, "c2", "stack.go")))
          .onComplete(tc.succeeding(both -> tc.verify(() -> {
            oneQueryAtTheNewCommit(both, new Calls(1, 2, 0));
            tc.completeNow();
          })));
    }

    @Test
    void aVendoredGoPackageWhoseVersionGoModGives(Vertx vertx, VertxTestContext tc) {
      start(vertx).compose(v -> twice(vendored("c1", "errors.go"), () -> vendored("c2", "stack.go")))
          .onComplete(tc.succeeding(both -> tc.verify(() -> {
            oneQueryAtTheNewCommit(both, new Calls(1, 2, 0));
            tc.completeNow();
          })));
    }

    @Test
    void aGitSourcedRubyGem(Vertx vertx, VertxTestContext tc) {
      start(vertx).compose(v -> twice(gem("c1", "railties/lib/rails.rb", "# rails"),
              () -> gem("c2", "activesupport/lib/active_support.rb", "# active_support")))
          .onComplete(tc.succeeding(both -> tc.verify(() -> {
            // a full commit SHA needs no commit look-up: the file is the one REST call
            oneQueryAtTheNewCommit(both, new Calls(1, 1, 0));
            tc.completeNow();
          })));
    }

    @Test
    void aRustGitDependency(Vertx vertx, VertxTestContext tc) {
      start(vertx).compose(v -> twice(crate("c1", "src/client/conn.rs", "// client conn"),
              () -> crate("c2", "src/server/conn.rs", "// server conn")))
          .onComplete(tc.succeeding(both -> tc.verify(() -> {
            oneQueryAtTheNewCommit(both, new Calls(1, 1, 0));
            tc.completeNow();
          })));
    }

    @Test
    void aCommitWhoseGoModChangedIsAnsweredFromItsOwnGoMod(Vertx vertx, VertxTestContext tc) {
      start(vertx).compose(v -> replaced(alice, "c1", "errors.go"))
          .compose(first -> replaced(alice, "c3", "format.go"))
          .onComplete(tc.succeeding(changed -> tc.verify(() -> {
            // the guess (v0.9.2's file) missed: the real run read v0.9.3's file over REST (its tag's commit, then the file)
            assertEquals(new Calls(1, 2, 0), changed, () -> fake.paths().toString());
            tc.completeNow();
          })));
    }

    @Test
    void anotherCallerIsNotGivenAPrivateRepositorysGoModLearntForAlice(Vertx vertx, VertxTestContext tc) {
      start(vertx).compose(v -> replaced(alice, "c1", "errors.go"))
          .compose(first -> replaced(bob, "c2", "stack.go"))
          .onComplete(tc.succeeding(bobs -> tc.verify(() -> {
            // bob's first contact with acme/fork: the dry run has no go.mod of his, so the replacement's file
            // is read after the query, over REST (one call: the tag's commit is known from alice's read of
            // the public acme/errors)
            assertEquals(new Calls(1, 1, 0), bobs, () -> fake.paths().toString());
            tc.completeNow();
          })));
    }

    @Test
    void aVanityPageLearntForOneCallerServesAnother(Vertx vertx, VertxTestContext tc) {
      start(vertx).compose(v -> zap("c1", "logger.go"))
          .compose(first -> getFile(bob, "gosvc", "c2", "/root/go/pkg/mod/go.uber.org/zap@v1.27.0/field.go",
              "// zap field.go", "https://github.com/uber-go/zap/blob/v1.27.0/field.go"))
          .onComplete(tc.succeeding(bobs -> tc.verify(() -> {
            // the page is public, so bob's dry run knows it; gosvc's go.mod (alice's view) is not his, which
            // here changes nothing: the cache path's version is the one go.mod requires
            assertEquals(new Calls(1, 0, 0), bobs, () -> fake.paths().toString());
            tc.completeNow();
          })));
    }
  }

  /** Over REST the same steps give the same answers (the helper checks each answer's content and URL). */
  @Nested
  class OverRest extends Steps {
    @Override
    boolean graphQl() {
      return false;
    }

    @Test
    void theSameStepsGiveTheSameAnswers(Vertx vertx, VertxTestContext tc) {
      start(vertx)
          .compose(v -> twice(zap("c1", "logger.go"), () -> zap("c2", "sugar.go")))
          .compose(v -> twice(replaced(alice, "c1", "errors.go"), () -> replaced(alice, "c2", "stack.go")))
          .compose(v -> replaced(alice, "c3", "format.go"))
          .compose(v -> replaced(bob, "c2", "format.go"))
          .compose(v -> twice(vendored("c1", "errors.go"), () -> vendored("c2", "stack.go")))
          .compose(v -> twice(gem("c1", "railties/lib/rails.rb", "# rails"),
              () -> gem("c2", "activesupport/lib/active_support.rb", "# active_support")))
          .compose(v -> twice(crate("c1", "src/client/conn.rs", "// client conn"),
              () -> crate("c2", "src/server/conn.rs", "// server conn")))
          .onComplete(tc.succeeding(last -> tc.verify(() -> {
            assertEquals(0, last[1].graphQl(), "GraphQL is off");
            tc.completeNow();
          })));
    }
  }
}
