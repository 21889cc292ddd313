package dev.sourcegate.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.bus.Messages.FileAt;
import dev.sourcegate.resolve.deps.node.NodeDependencies;
import dev.sourcegate.resolve.go.GoStdPackages;
import dev.sourcegate.resolve.rules.FileQuery;
import dev.sourcegate.resolve.runtime.RuntimeSources;
import dev.sourcegate.source.Language;
import dev.sourcegate.source.Mapping;
import dev.sourcegate.source.MappingSource;
import dev.sourcegate.source.PyroscopeConfig;
import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dry run of the rules that lists a cold GetFile's candidates for one batched read: it lists what the
 * rules would read (every step, since nothing is found), mapped candidates from the caller's last known
 * .pyroscope.yaml, and it leaves every cache of the rules as it was, so the real run that follows gives
 * the answer it gives without a dry run.
 */
class DryRunTest {
  private static final String UV_LOCK = "version = 1\n\n[[package]]\nname = \"Flask\"\nversion = \"3.0.3\"\n";

  /** One resolver for the dry and the real run: they share its runtime-version and lock-file caches. */
  private final SourceResolver resolver = new SourceResolver(GoStdPackages.load(), 4, RuntimeSources.withDefaultSettings(),
      new NodeDependencies(Duration.ofMinutes(1)));
  private final ReadAhead readAhead = new ReadAhead();

  /** The dry run's list; without a Vert.x context every read and parse completes at once. */
  private List<FileAt> listed(FileQuery q, String caller) {
    Future<List<FileAt>> listed = readAhead.candidates(resolver, q, caller);
    assertTrue(listed.isComplete(), "a dry run without a Vert.x context completes at once");
    return listed.result();
  }

  private static FileQuery query(String localPath, String function) {
    return new FileQuery("acme", "app", "main", localPath, "", function);
  }

  private static FileAt at(String owner, String repo, String ref, String path) {
    return new FileAt(RepoRef.github(owner, repo), ref, path);
  }

  private static String text(Future<SourceFile> f) {
    assertTrue(f.succeeded(), () -> "expected a file, got " + f.cause());
    return new String(f.result().content(), StandardCharsets.UTF_8);
  }

  @Test
  void theLastResortWalkIsListedStepByStepAfterTheConfig() {
    List<FileAt> listed = listed(query("/home/ci/build/github.com/acme/app/cmd/server/main.go", "main.main"), "c");
    assertEquals(at("acme", "app", "main", ".pyroscope.yaml"), listed.get(0));
    for (String step : List.of("cmd/server/main.go", "server/main.go", "main.go")) {
      assertTrue(listed.contains(at("acme", "app", "main", step)), () -> step + " in " + listed);
    }
  }

  @Test
  void aModuleDependencyIsListedInItsOwnRepositoryAtItsVersion() {
    List<FileAt> listed = listed(
        query("/root/go/pkg/mod/github.com/pkg/errors@v0.9.1/errors.go", "github.com/pkg/errors.New"), "c");
    assertTrue(listed.contains(at("acme", "app", "main", "go.mod")), listed::toString);
    assertTrue(listed.contains(at("pkg", "errors", "v0.9.1", "errors.go")), listed::toString);
  }

  @Test
  void theStandardLibraryFileIsListedAtTheVersionThePathNames() {
    List<FileAt> listed = listed(query("/usr/lib/python3.12/difflib.py", "difflib.SequenceMatcher"), "c");
    assertTrue(listed.contains(at("python", "cpython", "3.12", "Lib/difflib.py")), listed::toString);
  }

  /** The caller read the repository's .pyroscope.yaml before: its mappings' candidates are listed, for that caller only. */
  @Test
  void theCallersLastKnownConfigAddsTheMappedCandidates() {
    Mapping jdk = new Mapping(List.of(), List.of("java/"), Language.JAVA,
        new MappingSource.GitHub("openjdk", "jdk", "jdk-17+0", "src/java.base/share/classes"));
    FileQuery q = query("String.java", "java/lang/String.indexOf");
    FakeSourceReader earlier = new FakeSourceReader().caller("alice").config(new PyroscopeConfig(List.of(jdk)));
    readAhead.learn(q, new PrefetchingReader(earlier));
    FileAt mapped = at("openjdk", "jdk", "jdk-17+0", "src/java.base/share/classes/java/lang/String.java");
    assertTrue(listed(q, "alice").contains(mapped));
    assertTrue(!listed(q, "bob").contains(mapped), "another caller's config is not used");
  }

  @Test
  void aDryRunKeepsNoRuntimeVersion() {
    FileQuery q = query("concurrent/futures/thread.py", "_worker");
    List<FileAt> listed = listed(q, "");
    assertTrue(listed.contains(at("acme", "app", "main", ".python-version")), listed::toString);
    assertTrue(listed.contains(at("python", "cpython", "3.12", "Lib/concurrent/futures/thread.py")), "the default version's file");
    FakeSourceReader reader = new FakeSourceReader()
        .file("acme/app@main:.python-version", "3.11.9\n")
        .file("python/cpython@v3.11.9:Lib/concurrent/futures/thread.py");
    assertEquals("python/cpython@v3.11.9:Lib/concurrent/futures/thread.py", text(resolver.resolve(q, reader)),
        "the version the dry run did not find is not remembered");
  }

  /** The caller's repository told its Python version at an earlier ref: a new ref's dry run lists CPython's file at it. */
  @Test
  void aRuntimeFileIsListedAtTheVersionTheCallerLastLearntForTheRepository() {
    FakeSourceReader earlier = new FakeSourceReader().caller("alice")
        .file("acme/app@main:.python-version", "3.11.9\n")
        .file("python/cpython@v3.11.9:Lib/concurrent/futures/thread.py");
    assertEquals("python/cpython@v3.11.9:Lib/concurrent/futures/thread.py",
        text(resolver.resolve(query("concurrent/futures/thread.py", "_worker"), earlier)));
    FileQuery next = new FileQuery("acme", "app", "next", "json/decoder.py", "", "JSONDecoder.decode");
    List<FileAt> alices = listed(next, "alice");
    assertTrue(alices.contains(at("acme", "app", "next", ".python-version")), "the real run's read is listed too: " + alices);
    assertTrue(alices.contains(at("python", "cpython", "v3.11.9", "Lib/json/decoder.py")), alices::toString);
    List<FileAt> bobs = listed(next, "bob");
    assertTrue(bobs.contains(at("python", "cpython", "3.12", "Lib/json/decoder.py")), "bob learnt nothing: " + bobs);
    assertTrue(!bobs.contains(at("python", "cpython", "v3.11.9", "Lib/json/decoder.py")), bobs::toString);
  }

  @Test
  void aDryRunKeepsNoLockFile() {
    FileQuery q = query("/usr/local/lib/python3.12/site-packages/flask/app.py", "Flask.run");
    List<FileAt> listed = listed(q, "");
    assertTrue(listed.contains(at("acme", "app", "main", "uv.lock")), listed::toString);
    FakeSourceReader reader = new FakeSourceReader().file("acme/app@main:uv.lock", UV_LOCK).pypiFile("flask@3.0.3:flask/app.py");
    assertEquals("flask@3.0.3:flask/app.py", text(resolver.resolve(q, reader)), "the locks the dry run did not find are not remembered");
  }

  /**
   * The real rules read a go.mod that replaces the module and the replacement's vanity page: the next dry
   * run of a new ref lists the new ref's go.mod and the replacement's file, for that caller; another
   * caller's dry run lists the cache path's module (it has no go.mod of its own), but the page, being
   * public, is known to it too.
   */
  @Test
  void theLastKnownGoModAndVanityPageListTheModulesFile() {
    FileQuery first = new FileQuery("acme", "app", "c1", "/root/go/pkg/mod/github.com/pkg/errors@v0.9.1/errors.go", "", "f");
    String goMod = "module github.com/acme/app\n\nreplace github.com/pkg/errors => example.org/errors v0.9.2\n";
    String page = "<meta name=\"go-import\" content=\"example.org/errors git https://github.com/acme/errors\">";
    PrefetchingReader real = new PrefetchingReader(new FakeSourceReader().caller("alice")
        .file("acme/app@c1:go.mod", goMod).goGetPage("example.org/errors", page)
        .file("acme/errors@v0.9.2:errors.go"));
    assertEquals("acme/errors@v0.9.2:errors.go", text(resolver.resolve(first, real)));
    readAhead.learn(first, real);

    FileQuery next = new FileQuery("acme", "app", "c2", "/root/go/pkg/mod/github.com/pkg/errors@v0.9.1/stack.go", "", "f");
    List<FileAt> alices = listed(next, "alice");
    assertTrue(alices.contains(at("acme", "app", "c2", "go.mod")), "the new ref's go.mod is read too: " + alices);
    assertTrue(alices.contains(at("acme", "errors", "v0.9.2", "stack.go")), alices::toString);
    List<FileAt> bobs = listed(next, "bob");
    assertTrue(bobs.contains(at("pkg", "errors", "v0.9.1", "stack.go")), "bob has no go.mod of acme/app: " + bobs);
    assertTrue(!bobs.contains(at("acme", "errors", "v0.9.2", "stack.go")), bobs::toString);

    FileQuery vanity = new FileQuery("acme", "other", "main", "/root/go/pkg/mod/example.org/errors@v0.9.2/stack.go", "", "f");
    assertTrue(listed(vanity, "bob").contains(at("acme", "errors", "v0.9.2", "stack.go")), "the page is public");
  }

  /** A lock file known from an earlier ref is only the dry run's assumption: the rules' lock cache keeps nothing of it. */
  @Test
  void aLastKnownLockFileIsNotKeptAsTheNewRefsLock() {
    String lock = "GIT\n  remote: https://github.com/rails/rails.git\n  revision: %s\n  specs:\n    railties (7.2.0)\n";
    String old = "5a2f7f6a1b2c3d4e5f60718293a4b5c6d7e8f901";
    String path = "/usr/local/bundle/bundler/gems/rails-5a2f7f6a1b2c/railties/lib/rails.rb";
    FileQuery first = new FileQuery("acme", "app", "c1", path, "", "f");
    PrefetchingReader real = new PrefetchingReader(new FakeSourceReader().caller("alice")
        .file("acme/app@c1:Gemfile.lock", lock.formatted(old)).file("rails/rails@" + old + ":railties/lib/rails.rb"));
    assertEquals("rails/rails@" + old + ":railties/lib/rails.rb", text(resolver.resolve(first, real)));
    readAhead.learn(first, real);

    FileQuery next = new FileQuery("acme", "app", "c2", path, "", "f");
    List<FileAt> listed = listed(next, "alice");
    assertTrue(listed.contains(at("acme", "app", "c2", "Gemfile.lock")), listed::toString);
    assertTrue(listed.contains(at("rails", "rails", old, "railties/lib/rails.rb")), listed::toString);
    // at c2 the gem moved on: the real run reads c2's lock, whatever the dry run assumed
    String moved = "5a2f7f6a1b2c00000000000000000000000000ff";
    FakeSourceReader atC2 = new FakeSourceReader().caller("alice")
        .file("acme/app@c2:Gemfile.lock", lock.formatted(moved)).file("rails/rails@" + moved + ":railties/lib/rails.rb");
    assertEquals("rails/rails@" + moved + ":railties/lib/rails.rb", text(resolver.resolve(next, atC2)));
  }
}
