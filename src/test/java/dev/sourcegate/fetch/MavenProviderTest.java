package dev.sourcegate.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.demo.registries.SimulatedMaven;
import dev.sourcegate.demo.registries.WheelBuilder;
import dev.sourcegate.fetch.archive.ArchiveLimits;
import dev.sourcegate.fetch.registry.ArchiveRefused;
import dev.sourcegate.ops.GatewayMetrics;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.settings.GatewayConfig;
import dev.sourcegate.settings.SettingsLoader;
import dev.sourcegate.source.FileTree;
import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.SourceFile;
import dev.sourcegate.testkit.FakeGitHub;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Maven provider against the simulated Maven repository on loopback: a sources jar's member read by
 * range requests (exact bytes), its list of source files, an artifact's pom, a server that ignores Range,
 * a mirror's credentials, a repository that is down, and hostile jars, each a clean Connect code.
 */
@ExtendWith(VertxExtension.class)
class MavenProviderTest {
  private static final String SERVLET = "package org.springframework.web.servlet;\n\npublic class DispatcherServlet {}\n";
  private static final String MEMBER = "org/springframework/web/servlet/DispatcherServlet.java";
  private FakeGitHub fake;
  private SimulatedMaven maven;
  private UpstreamClient http;
  private Vertx vertx;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext tc) {
    this.vertx = vertx;
    fake = new FakeGitHub(vertx);
    maven = fake.maven();
    maven.sources("org.springframework", "spring-webmvc", "6.1.5", Map.of(MEMBER, SERVLET,
            "org/springframework/web/servlet/view/package-info.java", "package x;\n", "META-INF/spring.factories", "x=y\n"))
        .pom("org.springframework", "spring-webmvc", "6.1.5", "<project><artifactId>spring-webmvc</artifactId></project>");
    GatewayConfig config = SettingsLoader.load(Map.of("SOURCEGATE_UPSTREAM_RETRIES", "0"), null);
    http = new UpstreamClient(vertx, config.upstreams(), config.resilience(), new GatewayMetrics());
    fake.start().onComplete(tc.succeedingThenComplete());
  }

  @AfterEach
  void stop(VertxTestContext tc) {
    http.close();
    fake.stop().onComplete(tc.succeedingThenComplete());
  }

  private MavenProvider provider(String base, String token, ArchiveLimits limits) {
    return new MavenProvider(vertx, http, new GatewayConfig.Maven(URI.create(base), token, 1 << 20), limits);
  }

  private MavenProvider provider() {
    return provider(fake.baseUrl() + maven.prefix(), "", ArchiveLimits.forMemberCap(1 << 20));
  }

  private static ProviderCall call(MavenProvider p, RepoRef where) {
    return new ProviderCall(null, System.currentTimeMillis() + 10_000, p.scope(where));
  }

  private static Future<SourceFile> read(MavenProvider p, String ga, String version, String member) {
    String[] parts = ga.split(":");
    RepoRef where = RepoRef.maven(parts[0], parts[1]);
    return p.file(call(p, where), where, version, member);
  }

  private static void expectFailure(VertxTestContext tc, Future<?> read, Code code, String inMessage) {
    read.onComplete(tc.failing(e -> tc.verify(() -> {
      assertTrue(e instanceof RpcException, String.valueOf(e));
      assertEquals(code, ((RpcException) e).code(), e.getMessage());
      assertTrue(e.getMessage().contains(inMessage), e.getMessage());
      tc.completeNow();
    })));
  }

  @Test
  void readsTheExactBytesOfOneMemberWithRanges(VertxTestContext tc) {
    read(provider(), "org.springframework:spring-webmvc", "6.1.5", MEMBER).onComplete(tc.succeeding(f -> tc.verify(() -> {
      assertArrayEquals(SERVLET.getBytes(StandardCharsets.UTF_8), f.content());
      assertEquals(fake.baseUrl() + "/maven2/org/springframework/spring-webmvc/6.1.5/spring-webmvc-6.1.5-sources.jar!/"
          + MEMBER, f.url());
      // a jar under 64 KiB comes whole with the tail: one range request
      assertEquals(1, maven.jarRequests());
      tc.completeNow();
    })));
  }

  @Test
  void theTreeListsTheJarsSourceFilesOnly(VertxTestContext tc) {
    MavenProvider p = provider();
    RepoRef where = RepoRef.maven("org.springframework", "spring-webmvc");
    p.tree(call(p, where), where, "6.1.5").onComplete(tc.succeeding((FileTree t) -> tc.verify(() -> {
      assertEquals(List.of(MEMBER, "org/springframework/web/servlet/view/package-info.java"),
          t.paths().stream().sorted().toList());
      tc.completeNow();
    })));
  }

  @Test
  void thePomPathReadsTheArtifactsPom(VertxTestContext tc) {
    MavenProvider p = provider();
    RepoRef where = RepoRef.maven("org.springframework", "spring-webmvc");
    p.file(call(p, where), where, "6.1.5", MavenProvider.pomPath(where)).onComplete(tc.succeeding(f -> tc.verify(() -> {
      assertTrue(new String(f.content(), StandardCharsets.UTF_8).contains("<artifactId>spring-webmvc</artifactId>"));
      assertEquals(1, maven.pomRequests());
      assertEquals(0, maven.jarRequests());
      tc.completeNow();
    })));
  }

  @Test
  void onceTheJarsListIsReadAMemberCostsOneRangeRequest(VertxTestContext tc) {
    byte[] noise = new byte[300 * 1024];
    new Random(5).nextBytes(noise);
    maven.sourcesJar("com.acme", "big", "1.0", new WheelBuilder().member("com/acme/Big.java", SERVLET)
        .member("com/acme/Other.java", "class Other {}\n").storedMember("com/acme/noise.bin", noise).zip());
    MavenProvider p = provider();
    RepoRef where = RepoRef.maven("com.acme", "big");
    p.tree(call(p, where), where, "1.0").compose(t -> {
      assertEquals(1, maven.jarRequests(), "the tail holds the directory");
      return read(p, "com.acme:big", "1.0", "com/acme/Big.java");
    }).compose(f -> {
      assertArrayEquals(SERVLET.getBytes(StandardCharsets.UTF_8), f.content());
      assertEquals(2, maven.jarRequests(), "the member's header and bytes in one range");
      return read(p, "com.acme:big", "1.0", "com/acme/Other.java");
    }).onComplete(tc.succeeding(f -> tc.verify(() -> {
      assertEquals("class Other {}\n", new String(f.content(), StandardCharsets.UTF_8));
      assertEquals(3, maven.jarRequests());
      tc.completeNow();
    })));
  }

  @Test
  void aServerThatIgnoresRangeIsReadWhole(VertxTestContext tc) {
    maven.ignoreRange(true);
    read(provider(), "org.springframework:spring-webmvc", "6.1.5", MEMBER).onComplete(tc.succeeding(f -> tc.verify(() -> {
      assertArrayEquals(SERVLET.getBytes(StandardCharsets.UTF_8), f.content());
      assertEquals(1, maven.jarRequests());
      tc.completeNow();
    })));
  }

  @Test
  void aJarOverTheWholeDownloadCapIsRefusedWhenRangeIsIgnored(VertxTestContext tc) {
    maven.ignoreRange(true);
    byte[] noise = new byte[200 * 1024];
    new Random(3).nextBytes(noise);
    maven.sourcesJar("com.acme", "big", "1.0", new WheelBuilder().member("com/acme/Big.java", SERVLET)
        .storedMember("com/acme/noise.bin", noise).zip());
    MavenProvider p = provider(fake.baseUrl() + maven.prefix(), "",
        ArchiveLimits.forMemberCap(1 << 20).withWholeArchiveBytes(64 * 1024));
    read(p, "com.acme:big", "1.0", "com/acme/Big.java").onComplete(tc.failing(e -> tc.verify(() -> {
      // refused as a hostile archive is, so the fetcher remembers it rather than downloading it again
      assertTrue(e instanceof ArchiveRefused, String.valueOf(e));
      assertEquals(Code.RESOURCE_EXHAUSTED, ((RpcException) e).code());
      assertTrue(e.getMessage().contains("big-1.0-sources.jar was sent whole") && !e.getMessage().contains("127.0.0.1"),
          e.getMessage());
      tc.completeNow();
    })));
  }

  @Test
  void aMirrorGetsItsCredentialsFromTheTokenOrTheUrl(VertxTestContext tc) {
    maven.requireAuthorization("Basic " + Base64.getEncoder().encodeToString("ci:pw".getBytes(StandardCharsets.UTF_8)));
    read(provider(fake.baseUrl() + maven.prefix(), "ci:pw", ArchiveLimits.forMemberCap(1 << 20)),
            "org.springframework:spring-webmvc", "6.1.5", MEMBER)
        .compose(f -> {
          assertArrayEquals(SERVLET.getBytes(StandardCharsets.UTF_8), f.content());
          assertTrue(!f.url().contains("ci:pw") && !f.url().contains("ci@"), f.url());
          String withUser = fake.baseUrl().replace("http://", "http://ci:pw@") + maven.prefix();
          return read(provider(withUser, "", ArchiveLimits.forMemberCap(1 << 20)), "org.springframework:spring-webmvc",
              "6.1.5", MEMBER);
        })
        .onComplete(tc.succeeding(f -> tc.verify(() -> {
          assertArrayEquals(SERVLET.getBytes(StandardCharsets.UTF_8), f.content());
          assertTrue(!f.url().contains("ci:pw"), f.url());
          tc.completeNow();
        })));
  }

  @Test
  void wrongCredentialsArePermissionDeniedWithoutTheSecret(VertxTestContext tc) {
    maven.requireAuthorization("Bearer right-token");
    read(provider(fake.baseUrl() + maven.prefix(), "wrong-token", ArchiveLimits.forMemberCap(1 << 20)),
        "org.springframework:spring-webmvc", "6.1.5", MEMBER).onComplete(tc.failing(e -> tc.verify(() -> {
          assertEquals(Code.PERMISSION_DENIED, ((RpcException) e).code());
          assertTrue(!e.getMessage().contains("wrong-token") && e.getMessage().contains("SOURCEGATE_MAVEN_TOKEN"),
              e.getMessage());
          tc.completeNow();
        })));
  }

  @Test
  void aMissingMemberIsNotFound(VertxTestContext tc) {
    expectFailure(tc, read(provider(), "org.springframework:spring-webmvc", "6.1.5", "org/springframework/Nope.java"),
        Code.NOT_FOUND, "org/springframework/Nope.java is not in spring-webmvc-6.1.5-sources.jar");
  }

  @Test
  void aMissingJarIsNotFound(VertxTestContext tc) {
    expectFailure(tc, read(provider(), "org.springframework:spring-webmvc", "9.9.9", MEMBER), Code.NOT_FOUND,
        "spring-webmvc-9.9.9-sources.jar is missing");
  }

  @Test
  void aSnapshotIsNotRead(VertxTestContext tc) {
    expectFailure(tc, read(provider(), "com.acme:lib", "1.0-SNAPSHOT", "com/acme/Lib.java"), Code.NOT_FOUND, "SNAPSHOT");
  }

  @Test
  void coordinatesThatCouldLeaveTheirDirectoryAreRefusedBeforeAnyRequest(VertxTestContext tc) {
    read(provider(), "org..evil:x", "1.0", MEMBER).recover(e -> {
      assertEquals(Code.NOT_FOUND, ((RpcException) e).code());
      return read(provider(), "org.ok:x", "../1.0", MEMBER);
    }).onComplete(tc.failing(e -> tc.verify(() -> {
      assertEquals(Code.NOT_FOUND, ((RpcException) e).code());
      assertEquals(0, maven.jarRequests());
      tc.completeNow();
    })));
  }

  @Test
  void aRepositoryThatIsDownIsUnavailable(VertxTestContext tc) {
    maven.down(true);
    expectFailure(tc, read(provider(), "org.springframework:spring-webmvc", "6.1.5", MEMBER), Code.UNAVAILABLE, "503");
  }

  @Test
  void aZipBombIsRefused(VertxTestContext tc) {
    maven.sourcesJar("com.acme", "bomb", "1.0", new WheelBuilder().member("com/acme/Bomb.java", new byte[900 * 1024]).zip());
    expectFailure(tc, read(provider(), "com.acme:bomb", "1.0", "com/acme/Bomb.java"), Code.RESOURCE_EXHAUSTED,
        "compression ratio");
  }

  @Test
  void aHugeMemberIsRefused(VertxTestContext tc) {
    byte[] big = new byte[8 * 1024];
    new Random(1).nextBytes(big);
    maven.sourcesJar("com.acme", "huge", "1.0", new WheelBuilder().member("com/acme/Huge.java", big).zip());
    expectFailure(tc, read(provider(fake.baseUrl() + maven.prefix(), "", ArchiveLimits.forMemberCap(4096)), "com.acme:huge",
        "1.0", "com/acme/Huge.java"), Code.RESOURCE_EXHAUSTED, "larger than the limit of 4096 bytes");
  }

  @Test
  void tooManyEntriesAreRefusedForTheTreeToo(VertxTestContext tc) {
    WheelBuilder jar = new WheelBuilder();
    for (int i = 0; i < 30; i++) {
      jar.member("com/acme/C" + i + ".java", "class C" + i + " {}\n");
    }
    maven.sourcesJar("com.acme", "many", "1.0", jar.zip());
    ArchiveLimits limits = new ArchiveLimits(20, 1 << 20, 1 << 30, 200, 1 << 20, 1 << 20);
    MavenProvider p = provider(fake.baseUrl() + maven.prefix(), "", limits);
    RepoRef where = RepoRef.maven("com.acme", "many");
    expectFailure(tc, p.tree(call(p, where), where, "1.0"), Code.RESOURCE_EXHAUSTED, "more than the limit of 20");
  }

  @Test
  void traversalNamesAreNeitherListedNorRead(VertxTestContext tc) {
    maven.sourcesJar("com.acme", "evil", "1.0", new WheelBuilder().member("../Evil.java", "owned")
        .member("/etc/Passwd.java", "root").member("com/acme/Ok.java", "fine").zip());
    MavenProvider p = provider();
    RepoRef where = RepoRef.maven("com.acme", "evil");
    p.tree(call(p, where), where, "1.0").compose(t -> {
      assertEquals(List.of("com/acme/Ok.java"), t.paths());
      return read(p, "com.acme:evil", "1.0", "../Evil.java");
    }).onComplete(tc.failing(e -> tc.verify(() -> {
      assertEquals(Code.NOT_FOUND, ((RpcException) e).code(), e.getMessage());
      tc.completeNow();
    })));
  }
}
