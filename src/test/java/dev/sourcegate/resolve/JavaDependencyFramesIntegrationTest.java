package dev.sourcegate.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.demo.registries.WheelBuilder;
import dev.sourcegate.testkit.FakeGitHub;
import dev.sourcegate.testkit.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Java dependency frames end to end (docs/resolution.md §15): the real gateway against the fake GitHub and
 * its simulated Maven repository. The repository's pom.xml pins spring-webmvc through a property and
 * jackson-databind through an imported BOM; a frame of each answers the sources jar's exact member, which
 * is then cached for good; a missing class, a repository that is down, a mirror's credentials and hostile
 * jars each get a clean answer.
 */
@ExtendWith(VertxExtension.class)
class JavaDependencyFramesIntegrationTest {
  private static final String REPO = "https://github.com/acme/jshop";
  private static final String SERVLET_PATH = "org/springframework/web/servlet/DispatcherServlet.java";
  private static final String SERVLET = "package org.springframework.web.servlet;\n\npublic class DispatcherServlet { /* 6.1.5 */ }\n";
  private static final String MAPPER = "package com.fasterxml.jackson.databind;\n\npublic class ObjectMapper { /* 2.15.4 */ }\n";
  private static final String POM = """
      <project xmlns="http://maven.apache.org/POM/4.0.0">
        <groupId>com.acme</groupId><artifactId>jshop</artifactId><version>1.0</version>
        <properties><spring.version>6.1.5</spring.version></properties>
        <dependencyManagement><dependencies>
          <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-dependencies</artifactId>
            <version>3.2.4</version><type>pom</type><scope>import</scope></dependency>
        </dependencies></dependencyManagement>
        <dependencies>
          <dependency><groupId>org.springframework</groupId><artifactId>spring-webmvc</artifactId><version>${spring.version}</version></dependency>
          <dependency><groupId>com.fasterxml.jackson.core</groupId><artifactId>jackson-databind</artifactId></dependency>
          <dependency><groupId>com.acme.evil</groupId><artifactId>bomb</artifactId><version>1.0</version></dependency>
        </dependencies>
      </project>""";
  private static final String BOM = """
      <project><groupId>org.springframework.boot</groupId><artifactId>spring-boot-dependencies</artifactId><version>3.2.4</version>
        <properties><jackson-bom.version>2.15.4</jackson-bom.version></properties>
        <dependencyManagement><dependencies><dependency><groupId>com.fasterxml.jackson.core</groupId>
          <artifactId>jackson-databind</artifactId><version>${jackson-bom.version}</version></dependency></dependencies>
        </dependencyManagement></project>""";
  private FakeGitHub fake;
  private TestGateway gw;
  private Vertx vertx;
  private final String alice = TestGateway.cookieFor("gho_alice");

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    fake = new FakeGitHub(vertx);
    fake.token("gho_alice")
        .file("acme", "jshop", "main", "pom.xml", POM)
        .file("acme", "jshop", "main", "src/main/java/com/acme/jshop/App.java", "class App {}\n");
    fake.maven()
        .pom("org.springframework.boot", "spring-boot-dependencies", "3.2.4", BOM)
        .sources("org.springframework", "spring-webmvc", "6.1.5", Map.of(SERVLET_PATH, SERVLET))
        .sources("com.fasterxml.jackson.core", "jackson-databind", "2.15.4",
            Map.of("com/fasterxml/jackson/databind/ObjectMapper.java", MAPPER))
        .sourcesJar("com.acme.evil", "bomb", "1.0",
            new WheelBuilder().member("com/acme/evil/Bomb.java", new byte[2 * 1024 * 1024]).zip());
  }

  private Future<TestGateway> start(Map<String, String> env) {
    return TestGateway.start(vertx, fake, env, Clock.systemUTC()).map(g -> gw = g);
  }

  @AfterEach
  void stop(VertxTestContext tc) {
    TestGateway.stop(gw, fake).onComplete(tc.succeedingThenComplete());
  }

  private Future<HttpResponse<Buffer>> getFile(String localPath, String functionName) {
    return gw.call("GetFile", new JsonObject().put("repositoryURL", REPO).put("ref", "main")
        .put("localPath", localPath).put("rootPath", "").put("functionName", functionName), alice);
  }

  private static String content(HttpResponse<Buffer> res) {
    assertEquals(200, res.statusCode(), res.bodyAsString());
    return new String(Base64.getDecoder().decode(res.bodyAsJsonObject().getString("content")), StandardCharsets.UTF_8);
  }

  @Test
  void framesOfPinnedArtifactsAnswerTheSourcesJarsExactMemberOnceFetched(VertxTestContext tc) {
    AtomicInteger jarRequests = new AtomicInteger();
    start(Map.of())
        .compose(g -> getFile("DispatcherServlet.java", "org/springframework/web/servlet/DispatcherServlet$1.run"))
        .compose(res -> {
          assertEquals(SERVLET, content(res));
          // a cold frame's upstream calls: GitHub 10 (the branch's commit, .pyroscope.yaml, the access check, the tree,
          // the recorded file name DispatcherServlet.java, the five build files); the BOM and the artifact's own pom
          // (for its <scm>); one range request of the jar, whose tail holds all of this small jar
          assertEquals(10, fake.restCalls(), fake.paths()::toString);
          assertEquals(2, fake.maven().pomRequests());
          assertEquals(1, fake.maven().jarRequests());
          assertEquals(fake.baseUrl() + "/maven2/org/springframework/spring-webmvc/6.1.5/spring-webmvc-6.1.5-sources.jar!/"
              + SERVLET_PATH, res.bodyAsJsonObject().getString("URL"));
          return getFile("", "com.fasterxml.jackson.databind.ObjectMapper.readValue");
        })
        .compose(res -> {
          assertEquals(MAPPER, content(res), "the version the imported BOM manages");
          jarRequests.set(fake.maven().jarRequests());
          // another frame of the same class (another method, a lambda): the jar is not asked again
          return getFile("DispatcherServlet.java", "org/springframework/web/servlet/DispatcherServlet$$Lambda$7/0x01.accept");
        })
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(SERVLET, content(res));
          assertEquals(jarRequests.get(), fake.maven().jarRequests(), "the member and the jar's list are cached");
          // the BOM, and each answered artifact's own pom (its <scm>, for the link): each read once
          assertEquals(3, fake.maven().pomRequests());
          tc.completeNow();
        })));
  }

  @Test
  void anArtifactWhosePomNamesItsGitHubRepositoryLinksTheFileThereAtTheReleaseTag(VertxTestContext tc) {
    fake.maven().pom("org.springframework", "spring-webmvc", "6.1.5", """
        <project><artifactId>spring-webmvc</artifactId>
          <scm><url>https://github.com/spring-projects/spring-framework</url>
            <connection>scm:git:git://github.com/spring-projects/spring-framework</connection></scm></project>""");
    fake.file("spring-projects", "spring-framework", "v6.1.5", "spring-webmvc/src/main/java/" + SERVLET_PATH, SERVLET)
        .file("spring-projects", "spring-framework", "v6.1.5", "spring-web/src/main/java/org/springframework/web/Other.java", "x");
    start(Map.of())
        .compose(g -> getFile("DispatcherServlet.java", "org/springframework/web/servlet/DispatcherServlet.doService"))
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(SERVLET, content(res), "the bytes are the jar's");
          assertEquals("https://github.com/spring-projects/spring-framework/blob/v6.1.5/spring-webmvc/src/main/java/"
              + SERVLET_PATH, res.bodyAsJsonObject().getString("URL"));
          tc.completeNow();
        })));
  }

  @Test
  void aClassNoPinnedJarHoldsIsNotFoundNamingWhatWasChecked(VertxTestContext tc) {
    start(Map.of())
        .compose(g -> getFile("Gone.java", "org/springframework/web/servlet/Gone.run"))
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(404, res.statusCode(), res.bodyAsString());
          JsonObject body = res.bodyAsJsonObject();
          assertEquals("not_found", body.getString("code"));
          assertTrue(body.getString("message").contains("is in none of the sources jars of org.springframework:spring-webmvc:6.1.5"
              + " (pom.xml)"), body.encode());
          tc.completeNow();
        })));
  }

  @Test
  void aRepositoryThatGoesDownKeepsServingWhatWasRead(VertxTestContext tc) {
    start(Map.of("SOURCEGATE_UPSTREAM_RETRIES", "0"))
        .compose(g -> getFile("DispatcherServlet.java", "org/springframework/web/servlet/DispatcherServlet.doService"))
        .compose(res -> {
          assertEquals(SERVLET, content(res));
          fake.maven().down(true);
          return getFile("", "org/springframework/web/servlet/DispatcherServlet.doDispatch");
        })
        .compose(res -> {
          assertEquals(SERVLET, content(res), "the member is cached for good");
          return getFile("", "com.fasterxml.jackson.databind.ObjectMapper.readValue");
        })
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(503, res.statusCode(), res.bodyAsString());
          assertEquals("unavailable", res.bodyAsJsonObject().getString("code"));
          assertTrue(!res.bodyAsString().contains("127.0.0.1"), "no upstream address: " + res.bodyAsString());
          tc.completeNow();
        })));
  }

  @Test
  void aMirrorWithCredentialsFromTheTokenSetting(VertxTestContext tc) {
    fake.maven().requireAuthorization("Basic " + Base64.getEncoder().encodeToString("ci:pw".getBytes(StandardCharsets.UTF_8)));
    start(Map.of("SOURCEGATE_MAVEN_TOKEN", "ci:pw"))
        .compose(g -> getFile("", "com.fasterxml.jackson.databind.ObjectMapper.readValue"))
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(MAPPER, content(res));
          assertTrue(!res.bodyAsJsonObject().getString("URL").contains("ci:pw"), res.bodyAsString());
          tc.completeNow();
        })));
  }

  @Test
  void wrongMirrorCredentialsArePermissionDenied(VertxTestContext tc) {
    fake.maven().requireAuthorization("Bearer right");
    start(Map.of("SOURCEGATE_MAVEN_TOKEN", "wrong"))
        .compose(g -> getFile("", "org/springframework/web/servlet/DispatcherServlet.doService"))
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(403, res.statusCode(), res.bodyAsString());
          assertEquals("permission_denied", res.bodyAsJsonObject().getString("code"));
          assertTrue(res.bodyAsString().contains("SOURCEGATE_MAVEN_TOKEN") && !res.bodyAsString().contains("wrong"),
              res.bodyAsString());
          tc.completeNow();
        })));
  }

  @Test
  void aZipBombJarIsACleanError(VertxTestContext tc) {
    start(Map.of())
        .compose(g -> getFile("Bomb.java", "com/acme/evil/Bomb.explode"))
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(429, res.statusCode(), res.bodyAsString());
          JsonObject body = res.bodyAsJsonObject();
          assertEquals("resource_exhausted", body.getString("code"));
          assertTrue(body.getString("message").contains("compression ratio"), body.encode());
          tc.completeNow();
        })));
  }

  @Test
  void theApplicationsOwnClassesAreAnsweredAsBeforeWithNoMavenRead(VertxTestContext tc) {
    start(Map.of())
        .compose(g -> getFile("App.java", "com/acme/jshop/App.main"))
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals("class App {}\n", content(res));
          assertEquals(0, fake.maven().jarRequests() + fake.maven().pomRequests());
          tc.completeNow();
        })));
  }
}
