package dev.sourcegate.resolve.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.resolve.FakeSourceReader;
import dev.sourcegate.resolve.rules.FileQuery;
import dev.sourcegate.resolve.rules.SourceReader;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.PyroscopeConfig;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which file wins, the default when none tells, the reads it makes (all at once) and its cache. */
class RuntimeVersionsTest {
  private static final Map<Runtime, String> DEFAULTS =
      Map.of(Runtime.JDK, "21", Runtime.NODE, "22", Runtime.PYTHON, "3.12", Runtime.RUBY, "3.3");

  private static RuntimeVersions versions() {
    return new RuntimeVersions(DEFAULTS, Duration.ofMinutes(1), 1000);
  }

  private static FileQuery query(String ref, String rootPath) {
    return new FileQuery("acme", "app", ref, "", rootPath, "java/util/HashMap.get");
  }

  @Test
  void theDefaultWhenNoFileTellsAndItsSettingIsTheSource() {
    RuntimeVersion v = versions().version(query("main", ""), new FakeSourceReader(), Runtime.JDK).result();
    assertEquals(new RuntimeVersion(Runtime.JDK, "21", "SOURCEGATE_DEFAULT_JDK"), v);
    RuntimeVersion py = versions().version(query("main", ""), new FakeSourceReader(), Runtime.PYTHON).result();
    assertEquals(new RuntimeVersion(Runtime.PYTHON, "3.12", "SOURCEGATE_DEFAULT_PYTHON"), py);
  }

  @Test
  void kotlinAndRustHaveNoDefault() {
    RuntimeVersion v = versions().version(query("main", ""), new FakeSourceReader(), Runtime.KOTLIN).result();
    assertFalse(v.known());
    assertEquals("none", v.source());
  }

  @Test
  void aVersionFileBeatsABuildFileWhichBeatsTheDockerfile() {
    FakeSourceReader reader = new FakeSourceReader()
        .file("acme/app@main:Dockerfile", "FROM eclipse-temurin:11\n")
        .file("acme/app@main:pom.xml", "<project><properties><java.version>17</java.version></properties></project>")
        .file("acme/app@main:.java-version", "21.0.5\n");
    assertEquals(new RuntimeVersion(Runtime.JDK, "21.0.5", ".java-version"),
        versions().version(query("main", ""), reader, Runtime.JDK).result());
    FakeSourceReader noVersionFile = new FakeSourceReader()
        .file("acme/app@main:Dockerfile", "FROM eclipse-temurin:11\n")
        .file("acme/app@main:pom.xml", "<project><properties><java.version>17</java.version></properties></project>");
    assertEquals(new RuntimeVersion(Runtime.JDK, "17", "pom.xml"),
        versions().version(query("main", ""), noVersionFile, Runtime.JDK).result());
  }

  @Test
  void theServicesOwnDirectoryBeatsTheRoot() {
    FakeSourceReader reader = new FakeSourceReader()
        .file("acme/app@main:.nvmrc", "18\n")
        .file("acme/app@main:services/web/package.json", "{\"engines\":{\"node\":\">=20.11.0\"}}");
    assertEquals(new RuntimeVersion(Runtime.NODE, "20.11.0", "services/web/package.json"),
        versions().version(query("main", "services/web"), reader, Runtime.NODE).result());
  }

  @Test
  void onlyTheFilesThatMayTellTheRuntimeAreRead() {
    FakeSourceReader reader = new FakeSourceReader();
    versions().version(query("main", ""), reader, Runtime.PYTHON).result();
    assertEquals(List.of("github acme/app@main:.tool-versions", "github acme/app@main:.python-version",
        "github acme/app@main:pyproject.toml", "github acme/app@main:Dockerfile"), reader.calls());
  }

  @Test
  void everyReadStartsBeforeAnyIsAnswered() {
    DeferredReader reader = new DeferredReader();
    Future<RuntimeVersion> v = versions().version(query("main", "svc"), reader, Runtime.JDK);
    // 7 files may tell the JDK, under svc/ and at the root: all asked while none has answered
    assertEquals(14, reader.asked.size());
    assertFalse(v.isComplete());
    reader.answer("svc/build.gradle.kts", "kotlin { jvmToolchain(17) }");
    reader.notFoundForTheRest();
    assertEquals(new RuntimeVersion(Runtime.JDK, "17", "svc/build.gradle.kts"), v.result());
  }

  @Test
  void answersAreCachedPerRepositoryRefAndRootPath() {
    RuntimeVersions versions = versions();
    FakeSourceReader reader = new FakeSourceReader().file("acme/app@main:.python-version", "3.11.9\n");
    RuntimeVersion first = versions.version(query("main", ""), reader, Runtime.PYTHON).result();
    int reads = reader.calls().size();
    assertSame(first, versions.version(new FileQuery("ACME", "App", "main", "x.py", "", ""), reader, Runtime.PYTHON).result());
    assertEquals(reads, reader.calls().size());
    versions.version(query("other", ""), reader, Runtime.PYTHON).result();
    versions.version(query("main", "sub"), reader, Runtime.PYTHON).result();
    assertTrue(reader.calls().size() > 2 * reads, "another ref and another rootPath are read again");
  }

  @Test
  void anotherCallerDoesNotGetAVersionReadOnSomeoneElsesBehalf() {
    RuntimeVersions versions = versions();
    FakeSourceReader alice = new FakeSourceReader().caller("alice").file("acme/app@main:.java-version", "17\n");
    assertEquals("17", versions.version(query("main", ""), alice, Runtime.JDK).result().version());
    // bob cannot read acme/app (his reads find nothing): he gets the default, not alice's answer
    FakeSourceReader bob = new FakeSourceReader().caller("bob");
    assertEquals("21", versions.version(query("main", ""), bob, Runtime.JDK).result().version());
    assertFalse(bob.calls().isEmpty());
  }

  @Test
  void aFailureThatIsNotAMissingFileIsTheAnswerAndIsNotCached() {
    RuntimeVersions versions = versions();
    RpcException limited = new RpcException(Code.RESOURCE_EXHAUSTED, "rate limited");
    FakeSourceReader failing = new FakeSourceReader().fail("github acme/app@main:.java-version", limited);
    Future<RuntimeVersion> v = versions.version(query("main", ""), failing, Runtime.JDK);
    assertSame(limited, v.cause());
    FakeSourceReader healthy = new FakeSourceReader().file("acme/app@main:.java-version", "17\n");
    assertEquals("17", versions.version(query("main", ""), healthy, Runtime.JDK).result().version());
  }

  @Test
  void aHugeBuildFileTellsNothing() {
    String huge = "<project><properties><java.version>17</java.version></properties>"
        + "<!--" + "x".repeat(RuntimeVersions.MAX_TEXT_BYTES) + "--></project>";
    FakeSourceReader reader = new FakeSourceReader().file("acme/app@main:pom.xml", huge);
    assertEquals("21", versions().version(query("main", ""), reader, Runtime.JDK).result().version());
  }

  @Test
  void aDryRunGetsTheVersionThisCallerLastLearntForTheRepositoryAtAnyRef() {
    RuntimeVersions versions = versions();
    assertEquals("3.12", versions.version(query("c0", ""), new DryReader("alice"), Runtime.PYTHON).result().version(),
        "first contact: nothing learnt yet, the default");
    FakeSourceReader alice = new FakeSourceReader().caller("alice").file("acme/app@c1:.python-version", "3.12.4\n");
    assertEquals("3.12.4", versions.version(query("c1", ""), alice, Runtime.PYTHON).result().version());
    assertEquals("3.12.4", versions.version(query("c2", ""), new DryReader("alice"), Runtime.PYTHON).result().version());
    // keyed like the answers: another rootPath, runtime or repository learnt nothing
    assertEquals("3.12", versions.version(query("c2", "svc"), new DryReader("alice"), Runtime.PYTHON).result().version());
    assertEquals("21", versions.version(query("c2", ""), new DryReader("alice"), Runtime.JDK).result().version());
    assertEquals("3.12", versions.version(new FileQuery("acme", "other", "c2", "", "", ""), new DryReader("alice"),
        Runtime.PYTHON).result().version());
  }

  @Test
  void anotherCallersDryRunDoesNotGetAVersionLearntOnSomeoneElsesBehalf() {
    RuntimeVersions versions = versions();
    FakeSourceReader alice = new FakeSourceReader().caller("alice").file("acme/app@c1:.python-version", "3.12.4\n");
    versions.version(query("c1", ""), alice, Runtime.PYTHON).result();
    assertEquals("3.12", versions.version(query("c2", ""), new DryReader("bob"), Runtime.PYTHON).result().version());
  }

  @Test
  void theRealRunReadsTheFilesWhateverWasLearntBeforeAndADryRunKeepsNothing() {
    RuntimeVersions versions = versions();
    versions.version(query("c1", ""), new FakeSourceReader().file("acme/app@c1:.python-version", "3.12.4\n"),
        Runtime.PYTHON).result();
    // a new commit moves to 3.13.1: the dry run guesses 3.12.4, the real run reads 3.13.1
    assertEquals("3.12.4", versions.version(query("c2", ""), new DryReader(""), Runtime.PYTHON).result().version());
    FakeSourceReader moved = new FakeSourceReader().file("acme/app@c2:.python-version", "3.13.1\n");
    assertEquals(new RuntimeVersion(Runtime.PYTHON, "3.13.1", ".python-version"),
        versions.version(query("c2", ""), moved, Runtime.PYTHON).result());
    assertFalse(moved.calls().isEmpty(), "the dry run's guess was not kept as c2's answer");
    // and a commit that no longer names a version gets the default, not the last known one
    assertEquals("3.12", versions.version(query("c3", ""), new FakeSourceReader(), Runtime.PYTHON).result().version());
    assertEquals("3.12", versions.version(query("c4", ""), new DryReader(""), Runtime.PYTHON).result().version(),
        "the last learnt (c3: the default) is what the next dry run assumes");
  }

  /** A dry run's reader: speculative, every file missing. */
  private record DryReader(String callerKey) implements SourceReader {
    @Override
    public Future<SourceFile> githubFile(String owner, String repo, String ref, String path) {
      return Future.failedFuture(RpcException.notFound(path));
    }

    @Override
    public Future<SourceFile> googleSourceFile(String project, String ref, String path) {
      return Future.failedFuture(RpcException.notFound(path));
    }

    @Override
    public Future<String> goGetPage(String importPath) {
      return Future.failedFuture(RpcException.notFound(importPath));
    }

    @Override
    public Future<PyroscopeConfig> pyroscopeConfig(String owner, String repo, String ref, String rootPath) {
      return Future.succeededFuture(PyroscopeConfig.EMPTY);
    }

    @Override
    public boolean speculative() {
      return true;
    }
  }

  /** A reader whose answers the test gives, one by one. */
  private static final class DeferredReader implements SourceReader {
    final Map<String, Promise<SourceFile>> asked = new LinkedHashMap<>();

    @Override
    public Future<SourceFile> githubFile(String owner, String repo, String ref, String path) {
      Promise<SourceFile> p = Promise.promise();
      asked.put(path, p);
      return p.future();
    }

    void answer(String path, String text) {
      asked.get(path).complete(new SourceFile(text.getBytes(StandardCharsets.UTF_8), "u"));
    }

    void notFoundForTheRest() {
      for (Promise<SourceFile> p : new ArrayList<>(asked.values())) {
        p.tryFail(RpcException.notFound("missing"));
      }
    }

    @Override
    public Future<SourceFile> googleSourceFile(String project, String ref, String path) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<String> goGetPage(String importPath) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<PyroscopeConfig> pyroscopeConfig(String owner, String repo, String ref, String rootPath) {
      throw new UnsupportedOperationException();
    }
  }
}
