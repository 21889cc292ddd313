package dev.sourcegate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.config.ConfigLoader;
import dev.sourcegate.config.Setting;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The Jib configuration in pom.xml builds the same image as the Dockerfile (base, user, port, JVM flags,
 * configuration file) and never runs on its own: only `mvn jib:build` / `jib:buildTar` touch a registry.
 */
class JibConfigurationTest {
  private static Element jib;
  private static Map<String, String> props;

  @BeforeAll
  static void find() {
    Document pom = DeployFiles.pom();
    props = DeployFiles.pomProperties(pom);
    Element plugins = DeployFiles.path(pom.getDocumentElement(), "build", "plugins");
    for (Element plugin : DeployFiles.children(plugins, "plugin")) {
      Element artifact = DeployFiles.child(plugin, "artifactId");
      if (artifact != null && artifact.getTextContent().strip().equals("jib-maven-plugin")) {
        jib = plugin;
      }
    }
    assertNotNull(jib, "pom.xml build/plugins has no jib-maven-plugin");
  }

  private static String value(String... path) {
    Element e = DeployFiles.path(DeployFiles.child(jib, "configuration"), path);
    assertNotNull(e, "jib configuration has no " + String.join("/", path));
    return DeployFiles.resolve(e.getTextContent().strip(), props);
  }

  private static List<String> values(String parent, String child) {
    Element e = DeployFiles.path(DeployFiles.child(jib, "configuration"), "container", parent);
    assertNotNull(e, "jib configuration has no container/" + parent);
    return DeployFiles.children(e, child).stream()
        .map(x -> DeployFiles.resolve(x.getTextContent().strip(), props)).toList();
  }

  @Test
  void isBoundToNoPhase() {
    assertNull(DeployFiles.child(jib, "executions"), "jib must not run in the normal lifecycle (no <executions>)");
    assertNotNull(DeployFiles.child(jib, "version"), "pin the plugin version");
  }

  @Test
  void sameBaseImageUserAndPortAsTheDockerfile() {
    DockerfileTest.parse();
    assertEquals(DockerfileTest.runtimeBaseImage(), value("from", "image"), "from/image vs the Dockerfile's runtime FROM");
    assertEquals(DockerfileTest.user(), value("container", "user"), "container/user vs the Dockerfile's USER");
    assertEquals(List.of(Setting.PORT.defaultValue(), Setting.MANAGEMENT_PORT.defaultValue()),
        values("ports", "port"), "container/ports: the API and the management port");
    Element env = DeployFiles.path(DeployFiles.child(jib, "configuration"), "container", "environment");
    assertNotNull(env, "container/environment");
    Map<String, String> environment = java.util.stream.Stream.of(Setting.PORT, Setting.MANAGEMENT_PORT)
        .flatMap(s -> DeployFiles.children(env, s.envName()).stream())
        .collect(Collectors.toMap(Element::getTagName, e -> e.getTextContent().strip()));
    assertEquals(Map.of(Setting.PORT.envName(), Setting.PORT.defaultValue(),
        Setting.MANAGEMENT_PORT.envName(), Setting.MANAGEMENT_PORT.defaultValue()), environment, "container/environment");
  }

  @Test
  void sameJvmFlagsAsTheDockerfile() {
    DockerfileTest.parse();
    assertEquals(Set.copyOf(DockerfileTest.jvmFlags()), Set.copyOf(values("jvmFlags", "jvmFlag")),
        "container/jvmFlags vs the Dockerfile's ENTRYPOINT");
  }

  @Test
  void startsTheGatewaysMainClass() throws ReflectiveOperationException {
    String mainClass = value("container", "mainClass");
    assertEquals("dev.sourcegate.Main", mainClass);
    Method main = Class.forName(mainClass).getMethod("main", String[].class);
    assertTrue(Modifier.isStatic(main.getModifiers()), mainClass + ".main is static");
  }

  @Test
  void shipsTheConfigurationFileInTheWorkingDirectory() {
    String workdir = value("container", "workingDirectory");
    String confDir = ConfigLoader.DEFAULT_FILE.getParent().toString();
    Element paths = DeployFiles.path(DeployFiles.child(jib, "configuration"), "extraDirectories", "paths");
    assertNotNull(paths, "extraDirectories/paths");
    boolean shipped = DeployFiles.children(paths, "path").stream().anyMatch(p ->
        confDir.equals(text(p, "from")) && (workdir + "/" + confDir).equals(text(p, "into")));
    assertTrue(shipped, "extraDirectories: " + confDir + " into " + workdir + "/" + confDir);
  }

  private static String text(Element parent, String name) {
    Element e = DeployFiles.child(parent, name);
    return e == null ? null : DeployFiles.resolve(e.getTextContent().strip(), props);
  }
}
