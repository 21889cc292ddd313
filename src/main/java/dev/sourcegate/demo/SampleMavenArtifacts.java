package dev.sourcegate.demo;

import dev.sourcegate.demo.registries.SimulatedMaven;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The demo's simulated Maven repository: the BOM the Java report's pom.xml imports (spring-framework-bom)
 * and a stand-in sources jar of the artifact it manages (spring-webmvc 6.1.5), built in memory from the
 * sample files, so a Java dependency frame resolves offline.
 */
final class SampleMavenArtifacts {
  static final String PREFIX = "/maven2";
  static final String SPRING_VERSION = "6.1.5";
  static final String DISPATCHER_SERVLET = "org/springframework/web/servlet/DispatcherServlet.java";

  private SampleMavenArtifacts() {}

  /** Reads the classpath: call it off the event loop. */
  static SimulatedMaven load() {
    String bom = "spring-framework-bom-" + SPRING_VERSION;
    return new SimulatedMaven(PREFIX)
        .pom("org.springframework", "spring-framework-bom", SPRING_VERSION,
            new String(SampleRepositories.read("maven/" + bom + "/" + bom + ".pom"), StandardCharsets.UTF_8))
        .sources("org.springframework", "spring-webmvc", SPRING_VERSION, Map.of(DISPATCHER_SERVLET, dispatcherServlet()));
  }

  static String dispatcherServlet() {
    return new String(SampleRepositories.read("maven/spring-webmvc-" + SPRING_VERSION + "/" + DISPATCHER_SERVLET),
        StandardCharsets.UTF_8);
  }
}
