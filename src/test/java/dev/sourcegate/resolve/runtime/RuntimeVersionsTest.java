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
