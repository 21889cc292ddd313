package dev.sourcegate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sourcegate.settings.SettingsLoader;
import dev.sourcegate.settings.Setting;
import dev.sourcegate.deploy.DeployFiles.Instruction;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads the Dockerfile as text and checks that the image agrees with the gateway (port, health endpoint,
 * configuration file), the build (the jar Maven writes) and the Kubernetes manifests (the UID).
 */
class DockerfileTest {
  private static List<List<Instruction>> stages;
  private static List<Instruction> build;
  private static List<Instruction> runtime;

  @BeforeAll
  static void parse() {
    stages = DeployFiles.dockerStages(DeployFiles.dockerfileText());
    assertTrue(stages.size() >= 2, "a multi-stage Dockerfile: a build stage and a runtime stage");
    build = stages.get(0);
    runtime = stages.get(stages.size() - 1);
  }

  /** The runtime stage's instructions with this keyword. */
  private static List<Instruction> all(List<Instruction> stage, String keyword) {
    return stage.stream().filter(i -> i.keyword().equals(keyword)).toList();
  }

  /** The last instruction with this keyword (the one Docker applies); fails when there is none. */
  private static Instruction last(List<Instruction> stage, String keyword) {
    List<Instruction> found = all(stage, keyword);
    assertFalse(found.isEmpty(), "the runtime stage has no " + keyword);
    return found.get(found.size() - 1);
  }

  /** ENV of the runtime stage (both the KEY=value and the legacy KEY value forms). */
  static Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    for (Instruction i : all(runtime, "ENV")) {
      Matcher kv = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S*)").matcher(i.args());
      boolean any = false;
      while (kv.find()) {
        any = true;
        env.put(kv.group(1), kv.group(2).replaceAll("^\"|\"$", ""));
      }
      if (!any) {
        String[] parts = i.args().split("\\s+", 2);
        env.put(parts[0], parts.length > 1 ? parts[1] : "");
      }
    }
    return env;
  }

  /** ${NAME} and $NAME replaced from the stage's ENV. */
  private static String expand(String text) {
    Map<String, String> env = env();
    Matcher m = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?").matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String value = env.get(m.group(1));
      assertNotNull(value, "Dockerfile uses $" + m.group(1) + " which no ENV of the runtime stage sets");
      m.appendReplacement(sb, Matcher.quoteReplacement(value));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  static int defaultPort() {
    return Integer.parseInt(Setting.PORT.defaultValue());
  }

  static int defaultManagementPort() {
    return Integer.parseInt(Setting.MANAGEMENT_PORT.defaultValue());
  }

  static List<String> entrypoint() {
    Instruction entrypoint = last(runtime, "ENTRYPOINT");
    assertTrue(entrypoint.args().startsWith("["), "ENTRYPOINT in exec form (JSON array), so java is PID 1 and gets SIGTERM");
    try {
      return new ObjectMapper().readValue(entrypoint.args(), new TypeReference<List<String>>() {});
    } catch (IOException e) {
      throw new AssertionError("ENTRYPOINT is not a JSON array: " + entrypoint.args(), e);
    }
  }

  /** The JVM options of the ENTRYPOINT: everything between "java" and "-jar". */
  static List<String> jvmFlags() {
    List<String> cmd = entrypoint();
    int jar = cmd.indexOf("-jar");
    assertTrue(jar > 0, "ENTRYPOINT runs java -jar: " + cmd);
    return cmd.subList(1, jar);
  }

  /** USER of the runtime stage. */
  static String user() {
    return last(runtime, "USER").args();
  }

  static String runtimeBaseImage() {
    String from = stages.get(stages.size() - 1).get(0).args();
    return from.split("\\s+")[0];
  }

  // ------------------------------------------------------------------ checks

  @Test
  void exposesTheDefaultPortAndSetsIt() {
    Set<Integer> exposed = new TreeSet<>();
    for (Instruction i : all(runtime, "EXPOSE")) {
      for (String port : i.args().split("\\s+")) {
        exposed.add(Integer.parseInt(port.replace("/tcp", "")));
      }
    }
    assertEquals(Set.of(defaultPort(), defaultManagementPort()), exposed,
        "EXPOSE vs the defaults of " + Setting.PORT.envName() + " and " + Setting.MANAGEMENT_PORT.envName());
    assertEquals(Setting.PORT.defaultValue(), env().get(Setting.PORT.envName()), "ENV " + Setting.PORT.envName());
    assertEquals(Setting.MANAGEMENT_PORT.defaultValue(), env().get(Setting.MANAGEMENT_PORT.envName()),
        "ENV " + Setting.MANAGEMENT_PORT.envName() + " (the HEALTHCHECK reads it)");
  }

  @Test
  void runsAsTheNumericNonRootUserOfTheManifests() {
    String user = user();
    Matcher m = Pattern.compile("(\\d+)(?::(\\d+))?").matcher(user);
    assertTrue(m.matches(), "USER must be numeric (uid or uid:gid) so runAsNonRoot can verify it: " + user);
    long uid = Long.parseLong(m.group(1));
    assertNotEquals(0, uid, "USER must not be root");
    if (m.group(2) != null) {
      assertNotEquals(0, Long.parseLong(m.group(2)), "USER's group must not be root");
    }
    // every UID the manifests run the gateway with
    Set<Long> manifestUids = new TreeSet<>();
    for (var g : KubernetesManifestsTest.gateways()) {
      var sc = g.container().getSecurityContext();
      if (sc != null && sc.getRunAsUser() != null) {
        manifestUids.add(sc.getRunAsUser());
      }
      PodSecurityContext pod = g.pod().getSecurityContext();
      if (pod != null && pod.getRunAsUser() != null) {
        manifestUids.add(pod.getRunAsUser());
      }
    }
    assertEquals(Set.of(uid), manifestUids, "Dockerfile USER vs runAsUser in k8s/");
    // the user is created with that UID (so that tools that look up the name find one)
    String runs = String.join("\n", all(runtime, "RUN").stream().map(Instruction::args).toList());
    assertTrue(runs.matches("(?s).*useradd[^\\n]*--uid " + uid + "\\b.*"), "the runtime stage creates the user " + uid);
  }

  @Test
  void healthcheckCallsHealthzOnTheManagementPort() {
    Instruction hc = last(runtime, "HEALTHCHECK");
    Matcher cmd = Pattern.compile("CMD\\s+(.*)$").matcher(hc.args());
    assertTrue(cmd.find(), "HEALTHCHECK ... CMD ...: " + hc.args());
    String command = cmd.group(1);
    Matcher url = Pattern.compile("http://(127\\.0\\.0\\.1|localhost)(?::([^/\"'\\s]+))?(/[^\"'\\s]*)").matcher(command);
    assertTrue(url.find(), "HEALTHCHECK calls http://127.0.0.1:PORT/healthz: " + command);
    String port = url.group(2) == null ? "80" : expand(url.group(2));
    // the management port: outside the API port's connection cap, so a saturated gateway is not "unhealthy"
    assertEquals(defaultManagementPort(), Integer.parseInt(port), "HEALTHCHECK port");
    assertEquals("/healthz", url.group(3), "HEALTHCHECK path");
    // the tool that calls it is there: installed in the runtime stage
    String tool = command.replaceAll("^\\[?\"?", "").split("[\\s\"]+")[0];
    assertEquals("curl", tool, "HEALTHCHECK tool");
    assertTrue(command.contains("-f"), "curl -f: fail on an HTTP error status, not only on a refused connection");
    String runs = String.join("\n", all(runtime, "RUN").stream().map(Instruction::args).toList());
    assertTrue(runs.matches("(?s).*apt-get install[^\\n]*\\b" + tool + "\\b.*"), "the runtime stage installs " + tool);
  }

  @Test
  void entrypointRunsTheJarTheBuildMakes() {
    String jarName = DeployFiles.finalName() + ".jar";
    List<String> cmd = entrypoint();
    assertEquals("java", cmd.get(0), "ENTRYPOINT starts java: " + cmd);
    String jarPath = cmd.get(cmd.indexOf("-jar") + 1);
    assertTrue(jarPath.endsWith("/" + jarName), "ENTRYPOINT runs " + jarName + " (build/finalName): " + jarPath);
    assertEquals(cmd.size(), cmd.indexOf("-jar") + 2, "nothing after the jar: arguments are not used");
    // that path is copied from the build stage's target/<finalName>.jar
    String buildName = stages.get(0).get(0).args().replaceAll("(?i).*\\s+AS\\s+(\\S+)$", "$1");
    boolean copied = all(runtime, "COPY").stream().anyMatch(i -> i.args().matches(
        "--from=" + Pattern.quote(buildName) + "\\s+(\\S+/)?target/" + Pattern.quote(jarName) + "\\s+" + Pattern.quote(jarPath)));
    assertTrue(copied, "COPY --from=" + buildName + " .../target/" + jarName + " " + jarPath);
  }

  /**
   * The launcher's defaults (conf/jvm.options, the README's start command and the benchmark's --sidecar)
   * are the image's: a gateway measured under 512 MiB with one set runs with the other.
   */
  @Test
  void jvmOptionsFileHoldsTheImageFlags() throws IOException {
    List<String> file = Files.readAllLines(DeployFiles.root().resolve("conf/jvm.options")).stream().map(String::trim)
        .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    assertEquals(jvmFlags(), file, "conf/jvm.options vs the Dockerfile's ENTRYPOINT flags, in order");
    assertTrue(file.contains("-XX:+UseSerialGC"), "a small sidecar runs the serial collector: " + file);
    for (String bounded : List.of("-XX:MaxMetaspaceSize=", "-XX:ReservedCodeCacheSize=", "-XX:MaxDirectMemorySize=")) {
      assertTrue(file.stream().anyMatch(f -> f.startsWith(bounded)), bounded + " bounds memory beside the heap: " + file);
    }
  }

  @Test
  void jvmFlagsSuitAContainer() {
    List<String> flags = jvmFlags();
    String ram = flags.stream().filter(f -> f.startsWith("-XX:MaxRAMPercentage=")).findFirst().orElse(null);
    assertNotNull(ram, "-XX:MaxRAMPercentage in " + flags);
    double percent = Double.parseDouble(ram.substring(ram.indexOf('=') + 1));
    assertTrue(percent >= 50 && percent <= 85, "MaxRAMPercentage leaves room for metaspace and direct memory: " + percent);
    assertTrue(flags.contains("-XX:+ExitOnOutOfMemoryError"), "-XX:+ExitOnOutOfMemoryError in " + flags);
    assertTrue(flags.stream().noneMatch(f -> f.startsWith("-Xmx") || f.startsWith("-Xms")),
        "a fixed heap ignores the container's memory limit: " + flags);
  }

  @Test
  void stopsWithSigterm() {
    assertEquals("SIGTERM", last(runtime, "STOPSIGNAL").args(), "STOPSIGNAL (the gateway's graceful stop)");
  }

  @Test
  void buildStageCachesDependenciesBeforeTheSources() {
    String from = build.get(0).args();
    assertTrue(from.matches("(?i)maven:\\S*(temurin|jdk)\\S*17\\S*\\s+AS\\s+\\S+") || from.matches("(?i)maven:\\S*17\\S*\\s+AS\\s+\\S+"),
        "stage 1 is a Maven + JDK 17 image with a name: " + from);
    int pom = indexOf(build, "COPY", "pom.xml");
    int goOffline = indexOf(build, "RUN", "dependency:go-offline");
    int sources = indexOf(build, "COPY", "src");
    int pkg = indexOf(build, "RUN", "-DskipTests package");
    assertTrue(pom >= 0 && goOffline > pom && sources > goOffline && pkg > sources,
        "COPY pom.xml, RUN mvn dependency:go-offline, COPY src, RUN mvn -DskipTests package, in that order");
    assertTrue(build.get(pkg).args().contains("mvn -B"), "batch mode: " + build.get(pkg).args());
  }

  @Test
  void runtimeStageIsAJre17WithTheConfigurationFile() {
    assertTrue(runtimeBaseImage().matches("eclipse-temurin:17[.0-9]*-jre.*"), "runtime base: " + runtimeBaseImage());
    // SettingsLoader reads conf/sourcegate.yaml relative to the working directory
    String workdir = last(runtime, "WORKDIR").args();
    String confDir = SettingsLoader.DEFAULT_FILE.getParent().toString();
    boolean copied = all(runtime, "COPY").stream()
        .anyMatch(i -> i.args().matches(Pattern.quote(confDir) + "/?\\s+" + Pattern.quote(workdir + "/" + confDir) + "/?"));
    assertTrue(copied, "COPY " + confDir + "/ " + workdir + "/" + confDir + "/ (the WORKDIR's " + SettingsLoader.DEFAULT_FILE + ")");
    // no COPY or ADD of a secret or of the whole context into the runtime image
    for (Instruction i : runtime) {
      if (i.keyword().equals("ADD")) {
        throw new AssertionError("line " + i.line() + ": use COPY, not ADD");
      }
      if (i.keyword().equals("COPY")) {
        assertFalse(i.args().matches("(--\\S+\\s+)*\\.\\s+.*"), "line " + i.line() + ": COPY . copies the whole context");
      }
    }
  }

  @Test
  void dockerignoreKeepsBuildOutputAndGitOut() throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(DeployFiles.root().resolve(".dockerignore"))) {
      String t = line.strip();
      if (!t.isEmpty() && !t.startsWith("#")) {
        lines.add(t.replaceAll("^/", "").replaceAll("/$", ""));
      }
    }
    assertTrue(lines.contains("target") || lines.contains("**/target"), ".dockerignore excludes target/");
    assertTrue(lines.contains(".git"), ".dockerignore excludes .git");
    for (String needed : List.of("pom.xml", "src", "conf")) {
      assertFalse(lines.contains(needed) || lines.contains("*"), ".dockerignore must not exclude " + needed);
    }
  }

  private static int indexOf(List<Instruction> stage, String keyword, String text) {
    for (int i = 0; i < stage.size(); i++) {
      if (stage.get(i).keyword().equals(keyword) && stage.get(i).args().contains(text)) {
        return i;
      }
    }
    return -1;
  }
}
