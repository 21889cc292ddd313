package dev.sourcegate.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.resolve.go.GoStdPackages;
import dev.sourcegate.resolve.rules.FileQuery;
import dev.sourcegate.resolve.runtime.Runtime;
import dev.sourcegate.resolve.runtime.RuntimeSources;
import dev.sourcegate.resolve.runtime.RuntimeVersions;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A cold runtime frame reads the .pyroscope.yaml and the files that tell the runtime's version in the same
 * round trip, then the runtime's file: two round trips in a row, not three. Counted by releasing the
 * reader's answers round by round, not by timing.
 */
class VersionPrefetchTest {
  private final SourceResolver resolver = new SourceResolver(GoStdPackages.load(), 1,
      RuntimeSources.of(new RuntimeVersions(Map.of(Runtime.JDK, "21", Runtime.NODE, "22", Runtime.PYTHON, "3.12"),
          Duration.ofMinutes(1), 100)));

  private int rounds(ReleasedRoundsReader upstream, FileQuery q, String expected) {
    PrefetchingReader reader = new PrefetchingReader(upstream);
    resolver.prefetch(q, reader);
    Future<SourceFile> answer = resolver.resolve(q, reader);
    int rounds = upstream.roundsUntil(answer);
    assertTrue(answer.succeeded(), () -> "expected a file, got " + answer.cause());
    assertEquals(expected, new String(answer.result().content(), StandardCharsets.UTF_8));
    return rounds;
  }

  @Test
  void aColdJdkFrameTakesTwoRoundTrips() {
    ReleasedRoundsReader upstream = new ReleasedRoundsReader()
        .file("acme/app@main:.java-version", "17\n")
        .file("openjdk/jdk17u@HEAD:src/java.base/share/classes/java/util/HashMap.java");
    assertEquals(2, rounds(upstream, new FileQuery("acme", "app", "main", "HashMap.java", "", "java/util/HashMap.get"),
        "openjdk/jdk17u@HEAD:src/java.base/share/classes/java/util/HashMap.java"));
  }

  @Test
  void aColdNodeCoreFrameTakesTwoRoundTrips() {
    ReleasedRoundsReader upstream = new ReleasedRoundsReader()
        .file("acme/app@main:.nvmrc", "20.11.1\n")
        .file("nodejs/node@v20.11.1:lib/internal/timers.js");
    assertEquals(2, rounds(upstream, new FileQuery("acme", "app", "main", "node:internal/timers", "", "listOnTimeout"),
        "nodejs/node@v20.11.1:lib/internal/timers.js"));
  }

  @Test
  void aColdCPythonFrameTakesTwoRoundTripsWithTheApplicationsFileAskedBesideIt() {
    ReleasedRoundsReader upstream = new ReleasedRoundsReader()
        .file("acme/app@main:svc/.python-version", "3.11.9\n")
        .file("python/cpython@v3.11.9:Lib/json/decoder.py");
    assertEquals(2, rounds(upstream, new FileQuery("acme", "app", "main", "json/decoder.py", "svc", "raw_decode"),
        "python/cpython@v3.11.9:Lib/json/decoder.py"));
  }

  @Test
  void aColdGitDependencyFrameReadsItsCargoLockBesideTheConfig() {
    String sha = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
    ReleasedRoundsReader upstream = new ReleasedRoundsReader()
        .file("acme/app@main:Cargo.lock", "[[package]]\nname = \"hyper\"\nversion = \"1.0.0\"\n"
            + "source = \"git+https://github.com/hyperium/hyper?branch=master#" + sha + "\"\n")
        .file("hyperium/hyper@" + sha + ":src/client/conn.rs");
    assertEquals(2, rounds(upstream, new FileQuery("acme", "app", "main",
        "/root/.cargo/git/checkouts/hyper-0123456789abcdef/a1b2c3d/src/client/conn.rs", "", "poll"),
        "hyperium/hyper@" + sha + ":src/client/conn.rs"));
  }

  @Test
  void anApplicationFrameStartsNoVersionRead() {
    ReleasedRoundsReader upstream = new ReleasedRoundsReader().file("acme/app@main:server.js");
    PrefetchingReader reader = new PrefetchingReader(upstream);
    FileQuery q = new FileQuery("acme", "app", "main", "server.js", "", "handle");
    resolver.prefetch(q, reader);
    assertEquals(0, upstream.pendingFiles(), "only the .pyroscope.yaml is read before the rules run");
  }
}
