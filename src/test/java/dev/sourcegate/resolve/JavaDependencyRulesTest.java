package dev.sourcegate.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.resolve.go.GoStdPackages;
import dev.sourcegate.resolve.rules.FileQuery;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.Language;
import dev.sourcegate.source.Mapping;
import dev.sourcegate.source.MappingSource;
import dev.sourcegate.source.PyroscopeConfig;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Java and Kotlin dependency frames (docs/resolution.md §15) over an in-memory reader: versions from
 * pom.xml (properties, an imported BOM, parents in the repository and in the Maven repository),
 * gradle/libs.versions.toml and gradle.lockfile; the class's artifact by groupId and the jar's source list;
 * inner classes, Kotlin files, the order against the application's own files and mappings, and the
 * messages when nothing answers.
 */
class JavaDependencyRulesTest {
  private static final String SERVLET = "org.springframework:spring-webmvc@6.1.5:org/springframework/web/servlet/DispatcherServlet.java";
  private static final String POM = """
      <project xmlns="http://maven.apache.org/POM/4.0.0">
        <groupId>com.acme</groupId><artifactId>shop</artifactId><version>1.0</version>
        <properties><spring.version>6.1.5</spring.version><boot.version>3.2.4</boot.version></properties>
        <dependencyManagement><dependencies>
          <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-dependencies</artifactId>
            <version>${boot.version}</version><type>pom</type><scope>import</scope></dependency>
        </dependencies></dependencyManagement>
        <dependencies>
          <dependency><groupId>org.springframework</groupId><artifactId>spring-web</artifactId><version>${spring.version}</version></dependency>
          <dependency><groupId>org.springframework</groupId><artifactId>spring-webmvc</artifactId><version>${spring.version}</version></dependency>
          <dependency><groupId>com.fasterxml.jackson.core</groupId><artifactId>jackson-databind</artifactId></dependency>
        </dependencies>
      </project>""";
  private static final String BOOT_BOM = """
      <project><groupId>org.springframework.boot</groupId><artifactId>spring-boot-dependencies</artifactId><version>3.2.4</version>
        <properties><jackson-bom.version>2.15.4</jackson-bom.version></properties>
        <dependencyManagement><dependencies>
          <dependency><groupId>com.fasterxml.jackson.core</groupId><artifactId>jackson-databind</artifactId>
            <version>${jackson-bom.version}</version></dependency>
          <dependency><groupId>io.micrometer</groupId><artifactId>micrometer-core</artifactId><version>1.12.4</version></dependency>
        </dependencies></dependencyManagement>
      </project>""";

  private final FakeSourceReader reader = new FakeSourceReader();
  private final SourceResolver resolver = new SourceResolver(GoStdPackages.load(), 1);

  private Future<SourceFile> resolve(String localPath, String rootPath, String functionName) {
    return resolver.resolve(new FileQuery("acme", "app", "r1", localPath, rootPath, functionName), reader);
  }

  private static String text(Future<SourceFile> f) {
    assertTrue(f.succeeded(), () -> String.valueOf(f.cause()));
    return new String(f.result().content(), StandardCharsets.UTF_8);
  }

  private static RpcException failure(Future<SourceFile> f) {
    assertTrue(f.failed(), () -> "answered " + (f.succeeded() ? f.result().url() : ""));
    return (RpcException) f.cause();
  }

  private FakeSourceReader springShop() {
    return reader.file("acme/app@r1:pom.xml", POM)
        .mavenPom("org.springframework.boot:spring-boot-dependencies", "3.2.4", BOOT_BOM)
        .mavenFile("org.springframework:spring-web@6.1.5:org/springframework/web/client/RestTemplate.java", "RestTemplate")
        .mavenFile(SERVLET, "DispatcherServlet 6.1.5")
        .mavenFile("com.fasterxml.jackson.core:jackson-databind@2.15.4:com/fasterxml/jackson/databind/ObjectMapper.java",
            "ObjectMapper 2.15.4");
  }

  @Test
  void aPomDependencyWithAPropertyVersionAnswersItsSourcesJarMember() {
    springShop();
    Future<SourceFile> f = resolve("DispatcherServlet.java", "", "org/springframework/web/servlet/DispatcherServlet$1.run");
    assertEquals("DispatcherServlet 6.1.5", text(f));
    assertEquals("maven:" + SERVLET, f.result().url());
    // both declared jars of the group are candidates; only the one that lists the class is read from
    assertTrue(reader.calls().contains("maven-tree org.springframework:spring-web@6.1.5"), reader.calls()::toString);
    assertFalse(reader.calls().stream().anyMatch(c -> c.startsWith("maven org.springframework:spring-web@")),
        reader.calls()::toString);
  }

  @Test
  void aVersionSetByAnImportedBomIsUsed() {
    springShop();
    assertEquals("ObjectMapper 2.15.4", text(resolve("", "", "com.fasterxml.jackson.databind.ObjectMapper.readValue")));
  }

  @Test
  void anArtifactOnlyTheBomManagesIsACandidateToo() {
    springShop().mavenFile("io.micrometer:micrometer-core@1.12.4:io/micrometer/core/instrument/Timer.java", "Timer");
    assertEquals("Timer", text(resolve("Timer.java", "", "io/micrometer/core/instrument/Timer$Builder.register")));
  }

  @Test
  void theFirstCandidateJarThatHoldsTheClassWins() {
    springShop();
    assertEquals("RestTemplate", text(resolve("RestTemplate.java", "", "org/springframework/web/client/RestTemplate.execute")));
  }

  @Test
  void aParentPomInTheRepositorySetsPropertiesAndManagement() {
    reader.file("acme/app@r1:pom.xml", """
            <project><groupId>com.acme</groupId><artifactId>parent</artifactId><version>1.0</version>
              <properties><guava.version>33.0.0-jre</guava.version></properties>
              <dependencyManagement><dependencies><dependency><groupId>com.google.guava</groupId>
                <artifactId>guava</artifactId><version>${guava.version}</version></dependency></dependencies></dependencyManagement>
            </project>""")
        .file("acme/app@r1:svc/pom.xml", """
            <project><parent><groupId>com.acme</groupId><artifactId>parent</artifactId><version>1.0</version></parent>
              <artifactId>svc</artifactId>
              <dependencies><dependency><groupId>com.google.guava</groupId><artifactId>guava</artifactId></dependency></dependencies>
            </project>""")
        .mavenFile("com.google.guava:guava@33.0.0-jre:com/google/common/base/Strings.java", "Strings");
    assertEquals("Strings", text(resolve("Strings.java", "svc", "com/google/common/base/Strings.repeat")));
  }

  @Test
  void aParentPomFromTheMavenRepositoryManagesVersions() {
    reader.file("acme/app@r1:pom.xml", """
            <project><parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId>
              <version>3.2.4</version><relativePath/></parent>
              <artifactId>app</artifactId>
              <dependencies><dependency><groupId>com.fasterxml.jackson.core</groupId><artifactId>jackson-databind</artifactId>
              </dependency></dependencies>
            </project>""")
        .mavenPom("org.springframework.boot:spring-boot-starter-parent", "3.2.4", """
            <project><parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-dependencies</artifactId>
              <version>3.2.4</version></parent><artifactId>spring-boot-starter-parent</artifactId></project>""")
        .mavenPom("org.springframework.boot:spring-boot-dependencies", "3.2.4", BOOT_BOM)
        .mavenFile("com.fasterxml.jackson.core:jackson-databind@2.15.4:com/fasterxml/jackson/databind/ObjectMapper.java", "OM");
    assertEquals("OM", text(resolve("ObjectMapper.java", "", "com/fasterxml/jackson/databind/ObjectMapper.readValue")));
  }

  @Test
  void aGradleVersionCatalogPinsLibraries() {
    reader.file("acme/app@r1:gradle/libs.versions.toml", """
            [versions]
            guava = "33.0.0-jre"
            ktor = { strictly = "2.3.9" }
            [libraries]
            guava = { module = "com.google.guava:guava", version.ref = "guava" }
            ktor-server = { group = "io.ktor", name = "ktor-server-core", version.ref = "ktor" }
            slf4j = "org.slf4j:slf4j-api:2.0.12"
            """)
        .mavenFile("com.google.guava:guava@33.0.0-jre:com/google/common/base/Strings.java", "Strings")
        .mavenFile("io.ktor:ktor-server-core@2.3.9:io/ktor/server/engine/BaseApplicationEngine.kt", "BaseApplicationEngine.kt")
        .mavenFile("org.slf4j:slf4j-api@2.0.12:org/slf4j/LoggerFactory.java", "LoggerFactory");
    assertEquals("Strings", text(resolve("Strings.java", "", "com/google/common/base/Strings.repeat")));
    assertEquals("LoggerFactory", text(resolve("LoggerFactory.java", "", "org.slf4j.LoggerFactory.getLogger")));
    // a Kotlin library's class: the jar holds the .kt file
    assertEquals("BaseApplicationEngine.kt",
        text(resolve("BaseApplicationEngine.kt", "", "io/ktor/server/engine/BaseApplicationEngine$1.invoke")));
  }

  @Test
  void aGradleScriptsCoordinatesAndSpringBootsPluginBomPinVersions() {
    reader.file("acme/app@r1:build.gradle.kts", """
            plugins {
                id("org.springframework.boot") version "3.2.4"
            }
            dependencies {
                implementation("org.slf4j:slf4j-api:2.0.12")
                implementation(platform("io.micrometer:micrometer-bom:1.12.4"))
                implementation("com.fasterxml.jackson.core:jackson-databind") // version from Boot's BOM
                // implementation("org.slf4j:slf4j-api:1.7.36")
                implementation("com.google.guava:guava:$guavaVersion")
            }
            """)
        .mavenPom("org.springframework.boot:spring-boot-dependencies", "3.2.4", BOOT_BOM)
        .mavenPom("io.micrometer:micrometer-bom", "1.12.4", "<project><dependencyManagement><dependencies><dependency>"
            + "<groupId>io.micrometer</groupId><artifactId>micrometer-observation</artifactId><version>1.12.4</version>"
            + "</dependency></dependencies></dependencyManagement></project>")
        .mavenFile("org.slf4j:slf4j-api@2.0.12:org/slf4j/LoggerFactory.java", "LoggerFactory 2.0.12")
        .mavenFile("com.fasterxml.jackson.core:jackson-databind@2.15.4:com/fasterxml/jackson/databind/ObjectMapper.java", "OM")
        .mavenFile("io.micrometer:micrometer-observation@1.12.4:io/micrometer/observation/Observation.java", "Observation");
    assertEquals("LoggerFactory 2.0.12", text(resolve("", "", "org/slf4j/LoggerFactory.getLogger")));
    assertEquals("OM", text(resolve("", "", "com/fasterxml/jackson/databind/ObjectMapper.readValue")));
    assertEquals("Observation", text(resolve("", "", "io/micrometer/observation/Observation.observe")));
    // the BOM itself is no candidate: it has no sources jar
    assertFalse(reader.calls().contains("maven-tree io.micrometer:micrometer-bom@1.12.4"), reader.calls()::toString);
  }

  @Test
  void aCatalogsSpringBootPluginImportsBootsBom() {
    reader.file("acme/app@r1:gradle/libs.versions.toml", """
            [versions]
            boot = "3.2.4"
            [libraries]
            jackson = { module = "com.fasterxml.jackson.core:jackson-databind" }
            [plugins]
            spring-boot = { id = "org.springframework.boot", version.ref = "boot" }
            """)
        .mavenPom("org.springframework.boot:spring-boot-dependencies", "3.2.4", BOOT_BOM)
        .mavenFile("com.fasterxml.jackson.core:jackson-databind@2.15.4:com/fasterxml/jackson/databind/ObjectMapper.java", "OM");
    assertEquals("OM", text(resolve("", "", "com/fasterxml/jackson/databind/ObjectMapper.readValue")));
  }

  @Test
  void aGradleLockfileWinsOverThePomAndListsTransitiveModules() {
    springShop().file("acme/app@r1:gradle.lockfile", """
            # This is a Gradle generated file for dependency locking.
            org.springframework:spring-webmvc:6.1.6=compileClasspath,runtimeClasspath
            org.springframework:spring-core:6.1.6=runtimeClasspath
            empty=annotationProcessor
            """)
        .mavenFile("org.springframework:spring-webmvc@6.1.6:org/springframework/web/servlet/DispatcherServlet.java", "DS 6.1.6");
    assertEquals("DS 6.1.6", text(resolve("DispatcherServlet.java", "", "org/springframework/web/servlet/DispatcherServlet.run")));
  }

  @Test
  void theApplicationsOwnClassWinsAndNoBuildFileIsRead() {
    springShop().tree("acme/app@r1", false, "src/main/java/org/springframework/web/servlet/DispatcherServlet.java")
        .file("acme/app@r1:src/main/java/org/springframework/web/servlet/DispatcherServlet.java", "patched copy");
    assertEquals("patched copy", text(resolve("DispatcherServlet.java", "", "org/springframework/web/servlet/DispatcherServlet.run")));
    assertFalse(reader.calls().stream().anyMatch(c -> c.startsWith("maven") || c.endsWith("pom.xml")), reader.calls()::toString);
  }

  @Test
  void aMappingWins() {
    springShop().config(new PyroscopeConfig(List.of(new Mapping(List.of(), List.of("org/springframework/"), Language.JAVA,
            new MappingSource.GitHub("spring-projects", "spring-framework", "v6.1.5", "spring-webmvc/src/main/java")))))
        .file("spring-projects/spring-framework@v6.1.5:spring-webmvc/src/main/java/org/springframework/web/servlet/DispatcherServlet.java",
            "from the mapping");
    assertEquals("from the mapping", text(resolve("", "", "org/springframework/web/servlet/DispatcherServlet.run")));
  }

  @Test
  void aClassNoPinnedJarHoldsIsNotFoundNamingTheArtifactsChecked() {
    springShop();
    RpcException e = failure(resolve("", "", "org/springframework/web/servlet/Gone.run"));
    assertEquals(Code.NOT_FOUND, e.code());
    assertTrue(e.getMessage().contains("org/springframework/web/servlet/Gone.java is in none of the sources jars of")
        && e.getMessage().contains("org.springframework:spring-webmvc:6.1.5 (pom.xml)"), e.getMessage());
  }

  @Test
  void aPackageNoPinnedGroupHoldsIsNotFoundNamingTheBuildFilesRead() {
    springShop();
    RpcException e = failure(resolve("", "", "io/netty/channel/Channel.read"));
    assertEquals(Code.NOT_FOUND, e.code());
    assertTrue(e.getMessage().contains("holds package io.netty.channel (build files read: pom.xml)"), e.getMessage());
  }

  @Test
  void withNoBuildFileTheMessageSaysWhatWasLookedFor() {
    RpcException e = failure(resolve("", "", "io/netty/channel/Channel.read"));
    assertTrue(e.getMessage().contains("no build file was found (looked for gradle.lockfile, pom.xml, gradle/libs.versions.toml,"
        + " build.gradle.kts, build.gradle)"),
        e.getMessage());
  }

  @Test
  void theMavenRepositoryDownWhileABomIsReadIsTheAnswer() {
    springShop().fail("maven org.springframework.boot:spring-boot-dependencies@3.2.4:"
        + "META-INF/maven/org.springframework.boot/spring-boot-dependencies/pom.xml",
        new RpcException(Code.UNAVAILABLE, "the Maven repository answered 503"));
    assertEquals(Code.UNAVAILABLE, failure(resolve("", "", "com.fasterxml.jackson.databind.ObjectMapper.readValue")).code());
  }

  @Test
  void aPomWithADoctypeTellsNothing() {
    reader.file("acme/app@r1:pom.xml", "<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + "<project><dependencies><dependency><groupId>io.netty</groupId><artifactId>netty-transport</artifactId>"
        + "<version>&x;</version></dependency></dependencies></project>");
    RpcException e = failure(resolve("", "", "io/netty/channel/Channel.read"));
    assertTrue(e.getMessage().contains("no artifact the build pins"), e.getMessage());
  }

  @Test
  void scmLinksNeedAGitHubRepositoryThatListsTheFileAtTheTag() {
    springShop().mavenPom("org.springframework:spring-webmvc", "6.1.5",
            "<project><scm><url>scm:git:git@github.com:spring-projects/spring-framework.git</url><tag>HEAD</tag></scm></project>")
        .tree("spring-projects/spring-framework@v6.1.5", false,
            "framework-docs/src/main/java/org/springframework/web/servlet/DispatcherServlet.java",
            "spring-webmvc/src/main/java/org/springframework/web/servlet/DispatcherServlet.java");
    assertEquals("https://github.com/spring-projects/spring-framework/blob/v6.1.5/spring-webmvc/src/main/java/"
        + "org/springframework/web/servlet/DispatcherServlet.java",
        resolve("", "", "org/springframework/web/servlet/DispatcherServlet.run").result().url());
    // a tag the repository lacks: the jar's member is linked
    reader.mavenFile("com.fasterxml.jackson.core:jackson-databind@2.15.4:META-INF/maven/com.fasterxml.jackson.core/"
        + "jackson-databind/pom.xml", "<project><scm><url>https://github.com/FasterXML/jackson-databind</url>"
        + "<tag>jackson-databind-2.15.4</tag></scm></project>");
    assertTrue(resolve("", "", "com.fasterxml.jackson.databind.ObjectMapper.readValue").result().url().startsWith("maven:"));
    assertTrue(reader.calls().contains("tree FasterXML/jackson-databind@jackson-databind-2.15.4"), reader.calls()::toString);
  }

  @Test
  void aHiddenLambdaClassIsItsOuterClassesFile() {
    springShop();
    assertEquals("DispatcherServlet 6.1.5",
        text(resolve("", "", "org/springframework/web/servlet/DispatcherServlet$$Lambda$12/0x0000000800c03000.accept")));
  }
}
