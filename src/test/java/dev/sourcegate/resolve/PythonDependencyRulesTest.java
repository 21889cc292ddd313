package dev.sourcegate.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.Language;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Python dependency frames (docs/resolution.md §13) over in-memory files: the version from the lock file
 * at the request's ref, the member from the distribution's wheel, mismatched import names, and the order
 * of the rules (mappings, standard library, dependencies, the application's path walk).
 */
class PythonDependencyRulesTest {
  private static final String UV_LOCK = "version = 1\n\n[[package]]\nname = \"Flask\"\nversion = \"3.0.3\"\n\n"
      + "[[package]]\nname = \"PyYAML\"\nversion = \"6.0.2\"\n\n[[package]]\nname = \"typing_extensions\"\nversion = \"4.12.2\"\n";
  private final RulesFixture f = new RulesFixture(Optional.empty());

  private RulesFixture withUvLock() {
    f.reader.file("acme/app@r1:uv.lock", UV_LOCK);
    return f;
  }

  @Test
  void aSitePackagesFrameIsReadFromTheLockedWheel() {
    withUvLock().reader.pypiFile("flask@3.0.3:flask/app.py");
    f.expectFile("/usr/local/lib/python3.12/site-packages/flask/app.py", "flask@3.0.3:flask/app.py");
  }

  @Test
  void aDistPackagesFrameToo() {
    withUvLock().reader.pypiFile("flask@3.0.3:flask/app.py");
    f.expectFile("/usr/lib/python3/dist-packages/flask/app.py", "flask@3.0.3:flask/app.py");
  }

  @Test
  void aRelativeFrameWhoseImportNameIsLockedIsTheDependencys() {
    withUvLock().reader.pypiFile("flask@3.0.3:flask/app.py");
    f.expectFile("flask/app.py", "flask@3.0.3:flask/app.py");
  }

  /** Python's import finds the script directory's module first: the repository's own file at the path wins. */
  @Test
  void aRelativeFrameTheRepositoryHasAsGivenIsTheApplicationsOwn() {
    withUvLock().reader.pypiFile("flask@3.0.3:flask/app.py");
    f.files("acme/app@r1:flask/app.py");
    f.expectFile("flask/app.py", "acme/app@r1:flask/app.py");
    assertEquals(List.of("github acme/app@r1:flask/app.py"), f.reads(), "no lock file read");
  }

  @Test
  void anInstalledFrameNoLockPinsMayBeCommittedInTheRepository() {
    withUvLock().files("acme/app@r1:venv/lib/python3.12/site-packages/six.py");
    f.expectFile("/srv/venv/lib/python3.12/site-packages/six.py", "acme/app@r1:venv/lib/python3.12/site-packages/six.py");
  }

  @Test
  void aRelativeFrameNoLockPinsIsTheApplications() {
    withUvLock().files("acme/app@r1:shop/cart.py");
    f.expectFile("shop/cart.py", "acme/app@r1:shop/cart.py");
  }

  @Test
  void aRelativeFrameTheLockedWheelLacksGoesOnWithThePathWalk() {
    withUvLock().files("acme/app@r1:views.py");
    f.expectFile("flask/views.py", "acme/app@r1:views.py");
    assertTrue(f.reader.calls().contains("pypi flask@3.0.3:flask/views.py"), f.reader.calls().toString());
  }

  @Test
  void mismatchedImportNamesFindTheirDistribution() {
    withUvLock().reader.pypiFile("pyyaml@6.0.2:yaml/loader.py").pypiFile("typing-extensions@4.12.2:typing_extensions.py");
    f.expectFile("/venv/lib/python3.12/site-packages/yaml/loader.py", "pyyaml@6.0.2:yaml/loader.py");
    f.expectFile("/venv/lib/python3.12/site-packages/typing_extensions.py", "typing-extensions@4.12.2:typing_extensions.py");
  }

  @Test
  void anInstalledFrameNoLockPinsSaysWhichLockFilesWereRead() {
    withUvLock();
    f.expectNotFound("/usr/local/lib/python3.12/site-packages/django/core/handlers/base.py",
        "not pinned by any lock file: lock files read: uv.lock");
    assertTrue(f.reader.calls().stream().noneMatch(c -> c.startsWith("pypi ")), "no registry read: " + f.reader.calls());
  }

  @Test
  void withNoLockFileTheMessageNamesTheFilesLookedFor() {
    f.expectNotFound("/usr/local/lib/python3.12/site-packages/flask/app.py",
        "no lock file was found (looked for uv.lock, poetry.lock, pdm.lock, Pipfile.lock, requirements.txt,"
            + " requirements-lock.txt, requirements-prod.txt at the repository root)");
  }

  @Test
  void aMemberMissingFromTheWheelIsNotFoundNamingTheVersionAndLock() {
    withUvLock();
    f.expectNotFound("/usr/local/lib/python3.12/site-packages/flask/nope.py",
        "not read from flask 3.0.3 (pinned by uv.lock)");
  }

  @Test
  void aRepositorysOwnMappingWins() {
    withUvLock().reader.pypiFile("flask@3.0.3:flask/app.py");
    f.mappings(RulesFixture.github(Language.PYTHON, "acme", "flask-fork", "main", "src",
        "/usr/local/lib/python3.12/site-packages"));
    f.files("acme/flask-fork@main:src/flask/app.py");
    f.expectFile("/usr/local/lib/python3.12/site-packages/flask/app.py", "acme/flask-fork@main:src/flask/app.py");
  }

  @Test
  void theStandardLibraryComesBeforeDependencies() {
    withUvLock().reader.pypiFile("json@1.0:json/decoder.py");
    f.files("python/cpython@3.12:Lib/json/decoder.py");
    f.expectFile("/usr/local/lib/python3.12/json/decoder.py", "python/cpython@3.12:Lib/json/decoder.py");
  }

  @Test
  void aLockReadThatFailsIsTheAnswerNotAGuess() {
    f.reader.fail("github acme/app@r1:poetry.lock", new RpcException(Code.RESOURCE_EXHAUSTED, "rate limited"));
    var answer = f.resolve("/usr/local/lib/python3.12/site-packages/flask/app.py");
    assertEquals(Code.RESOURCE_EXHAUSTED, ((RpcException) answer.cause()).code());
  }
}
