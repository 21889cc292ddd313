package dev.sourcegate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sourcegate.api.Rpc;
import dev.sourcegate.settings.ConfigException;
import dev.sourcegate.settings.SettingsLoader;
import dev.sourcegate.settings.GatewayConfig;
import dev.sourcegate.settings.Setting;
import dev.sourcegate.deploy.DeployFiles.Manifest;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads every YAML document under k8s/ into typed fabric8 model objects and checks that the manifests
 * agree with the gateway (its settings, port, health endpoints, shutdown) and with each other (labels,
 * selectors, named ports, references), so that neither side can drift.
 */
class KubernetesManifestsTest {
  /** Main waits up to SOURCEGATE_SHUTDOWN_GRACE_MS + 5 s for the gateway to stop before it exits. */
  static final long JVM_EXIT_MARGIN_MS = 5_000;
  static final String HEALTH = "/healthz";
  static final String READY = "/readyz";

  private static List<Manifest> all;
  private static String confYaml;

  /** Every document under k8s/, read once (DockerfileTest uses them too). */
  static synchronized List<Manifest> manifests() {
    if (all == null) {
      all = DeployFiles.manifests();
    }
    return all;
  }

  /** A sourcegate container, where it sits, and the environment it gets. */
  record Gateway(Manifest owner, PodSpec pod, Container container, boolean init, Map<String, String> env) {
    String where() {
      return owner.where() + " container " + container.getName();
    }
  }

  @BeforeAll
  static void load() {
    manifests();
  }

  // ------------------------------------------------------------------ the objects

  @Test
  void everyDocumentIsATypedNamespacelessObject() {
    assertFalse(manifests().isEmpty(), "no manifests under k8s/");
    Set<String> kinds = manifests().stream().map(m -> m.object().getKind()).collect(Collectors.toCollection(TreeSet::new));
    for (String kind : List.of("Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget",
        "ConfigMap", "Secret", "Ingress")) {
      assertTrue(kinds.contains(kind), "no " + kind + " under k8s/ (found " + kinds + ")");
    }
    for (Manifest m : manifests()) {
      assertNull(m.object().getMetadata().getNamespace(), m.where() + ": manifests must not name a namespace");
    }
    // names are unique per kind within one applied set (k8s/ and each subfolder with k8s/)
    Map<String, Manifest> seen = new LinkedHashMap<>();
    for (Manifest m : manifests()) {
      String key = m.set() + "/" + m.object().getKind() + "/" + m.object().getMetadata().getName();
      Manifest before = seen.put(key, m);
      assertNull(before, m.where() + " has the same kind and name as " + (before == null ? "" : before.where()));
    }
  }

  @Test
  void bothDeploymentsRunTheGatewayOnce() {
    List<Manifest> deployments = of(Deployment.class);
    assertEquals(2, deployments.size(), "k8s/deployment.yaml and k8s/sidecar/deployment.yaml");
    for (Manifest m : deployments) {
      PodSpec pod = ((Deployment) m.object()).getSpec().getTemplate().getSpec();
      long count = pod.getContainers().stream().filter(KubernetesManifestsTest::isGateway).count()
          + pod.getInitContainers().stream().filter(KubernetesManifestsTest::isGateway).count();
      assertEquals(1, count, m.where() + ": exactly one sourcegate container");
    }
    Deployment standalone = standalone();
    assertEquals(3, standalone.getSpec().getReplicas(), "standalone replicas");
  }

  @Test
  void deploymentSelectorsMatchTheirOwnPods() {
    for (Manifest m : of(Deployment.class)) {
      Deployment d = (Deployment) m.object();
      assertTrue(matches(d.getSpec().getSelector(), d.getSpec().getTemplate().getMetadata().getLabels()),
          m.where() + ": spec.selector does not match the pod template's labels");
    }
  }

  // ------------------------------------------------------------------ the gateway container

  @Test
  void probesHitHealthAndReadinessOnTheManagementPort() {
    for (Gateway g : gateways()) {
      // the management port answers when the API port is at its connection cap
      int port = managementPort(g);
      checkProbe(g, "readinessProbe", g.container().getReadinessProbe(), READY, port);
      checkProbe(g, "livenessProbe", g.container().getLivenessProbe(), HEALTH, port);
      Probe startup = g.container().getStartupProbe();
      checkProbe(g, "startupProbe", startup, HEALTH, port);
      // a JVM start (class loading, JIT) may take tens of seconds on a busy node: give it 30 s at least,
      // and keep the liveness probe from killing a pod that is still starting
      int budget = orDefault(startup.getPeriodSeconds(), 10) * orDefault(startup.getFailureThreshold(), 3);
      assertTrue(budget >= 30, g.where() + ": startupProbe allows only " + budget + " s for the JVM to start");
    }
  }

  @Test
  void containerPortIsTheConfiguredPort() {
    for (Gateway g : gateways()) {
      String configured = g.env().getOrDefault(Setting.PORT.envName(), Setting.PORT.defaultValue());
      int expected = Integer.parseInt(configured);
      assertEquals(expected, httpPort(g), g.where() + ": containerPort of port \"http\" vs "
          + Setting.PORT.envName() + " (default " + Setting.PORT.defaultValue() + ")");
      assertEquals(expected, config(g).port(), g.where() + ": the port the gateway would listen on");
      assertTrue(g.env().containsKey(Setting.PORT.envName()),
          g.where() + ": set " + Setting.PORT.envName() + " explicitly so that probes and Service follow it");
    }
  }

  @Test
  void managementContainerPortIsTheConfiguredManagementPort() {
    for (Gateway g : gateways()) {
      assertTrue(g.env().containsKey(Setting.MANAGEMENT_PORT.envName()),
          g.where() + ": set " + Setting.MANAGEMENT_PORT.envName() + " explicitly so that the probes follow it");
      assertEquals(config(g).admission().managementPort(), managementPort(g),
          g.where() + ": containerPort of port \"management\" vs " + Setting.MANAGEMENT_PORT.envName());
      assertTrue(managementPort(g) != httpPort(g), g.where() + ": the management port is a port of its own");
    }
  }

  @Test
  void everyEnvironmentNameIsASetting() {
    Set<String> names = EnumSet.allOf(Setting.class).stream().map(Setting::envName).collect(Collectors.toSet());
    for (Manifest m : of(ConfigMap.class)) {
      ConfigMap cm = (ConfigMap) m.object();
      assertTrue(cm.getBinaryData() == null || cm.getBinaryData().isEmpty(), m.where() + ": binaryData");
      for (String key : cm.getData().keySet()) {
        assertTrue(names.contains(key), m.where() + ": " + key + " is not a sourcegate setting " + names);
      }
    }
    for (Manifest m : of(Secret.class)) {
      for (String key : secretValues((Secret) m.object()).keySet()) {
        assertTrue(names.contains(key), m.where() + ": " + key + " is not a sourcegate setting " + names);
      }
    }
    for (Gateway g : gateways()) {
      for (EnvVar e : g.container().getEnv()) {
        assertTrue(names.contains(e.getName()), g.where() + ": env " + e.getName() + " is not a sourcegate setting");
      }
      for (EnvFromSource from : g.container().getEnvFrom()) {
        assertNull(from.getPrefix(), g.where() + ": envFrom with a prefix renames the settings");
      }
      for (String key : g.env().keySet()) {
        assertTrue(names.contains(key), g.where() + ": " + key + " is not a sourcegate setting");
      }
      // and the values are ones the gateway accepts (a bad value would stop it at start-up)
      config(g);
    }
    // the Secret holds exactly the GitHub App credentials
    Set<String> secretKeys = of(Secret.class).stream()
        .flatMap(m -> secretValues((Secret) m.object()).keySet().stream()).collect(Collectors.toSet());
    assertEquals(Set.of(Setting.GITHUB_CLIENT_ID.envName(), Setting.GITHUB_CLIENT_SECRET.envName(),
        Setting.GITHUB_SESSION_SECRET.envName()), secretKeys, "Secret keys");
    for (Gateway g : gateways()) {
      for (String secret : secretKeys) {
        assertTrue(g.env().containsKey(secret), g.where() + ": does not get " + secret);
      }
    }
  }

  @Test
  void securityContextIsHardened() {
    Set<Long> uids = new TreeSet<>();
    for (Gateway g : gateways()) {
      PodSecurityContext pod = g.pod().getSecurityContext();
      assertNotNull(pod, g.owner().where() + ": no pod securityContext");
      assertEquals(Boolean.TRUE, pod.getRunAsNonRoot(), g.owner().where() + ": pod runAsNonRoot");
      SecurityContext sc = g.container().getSecurityContext();
      assertNotNull(sc, g.where() + ": no securityContext");
      assertEquals(Boolean.TRUE, sc.getRunAsNonRoot(), g.where() + ": runAsNonRoot");
      Long uid = sc.getRunAsUser() != null ? sc.getRunAsUser() : pod.getRunAsUser();
      assertNotNull(uid, g.where() + ": runAsUser (a numeric UID, the image's USER)");
      assertTrue(uid > 0, g.where() + ": runAsUser must not be root");
      uids.add(uid);
      if (pod.getRunAsUser() != null) {
        uids.add(pod.getRunAsUser());
      }
      assertEquals(Boolean.TRUE, sc.getReadOnlyRootFilesystem(), g.where() + ": readOnlyRootFilesystem");
      assertEquals(Boolean.FALSE, sc.getAllowPrivilegeEscalation(), g.where() + ": allowPrivilegeEscalation");
      assertFalse(Boolean.TRUE.equals(sc.getPrivileged()), g.where() + ": privileged");
      assertNotNull(sc.getCapabilities(), g.where() + ": capabilities");
      assertEquals(List.of("ALL"), sc.getCapabilities().getDrop(), g.where() + ": capabilities.drop");
      assertTrue(sc.getCapabilities().getAdd().isEmpty(), g.where() + ": capabilities.add");
      SeccompProfile seccomp = sc.getSeccompProfile() != null ? sc.getSeccompProfile() : pod.getSeccompProfile();
      assertNotNull(seccomp, g.where() + ": seccompProfile");
      assertEquals("RuntimeDefault", seccomp.getType(), g.where() + ": seccompProfile.type");
      // the JVM writes to /tmp (perf data, Vert.x file cache, Netty native libraries): an emptyDir
      VolumeMount tmp = g.container().getVolumeMounts().stream()
          .filter(v -> "/tmp".equals(v.getMountPath())).findFirst().orElse(null);
      assertNotNull(tmp, g.where() + ": no volume at /tmp under a read-only root file system");
      Volume volume = g.pod().getVolumes().stream().filter(v -> v.getName().equals(tmp.getName())).findFirst()
          .orElse(null);
      assertNotNull(volume, g.where() + ": /tmp volume " + tmp.getName() + " is not declared");
      assertNotNull(volume.getEmptyDir(), g.where() + ": /tmp must be an emptyDir");
      assertFalse(Boolean.TRUE.equals(tmp.getReadOnly()), g.where() + ": /tmp must be writable");
      // the gateway never calls the Kubernetes API, and Docker-link variables would shadow SOURCEGATE_PORT
      assertEquals(Boolean.FALSE, g.pod().getAutomountServiceAccountToken(),
          g.owner().where() + ": automountServiceAccountToken");
      assertEquals(Boolean.FALSE, g.pod().getEnableServiceLinks(), g.owner().where() + ": enableServiceLinks");
    }
    assertEquals(1, uids.size(), "one UID for the gateway everywhere: " + uids);
  }

  @Test
  void resourcesAreRequestedAndLimited() {
    for (Gateway g : gateways()) {
      var res = g.container().getResources();
      assertNotNull(res, g.where() + ": resources");
      for (String r : List.of("cpu", "memory")) {
        assertTrue(res.getRequests().containsKey(r), g.where() + ": requests." + r);
        assertTrue(res.getLimits().containsKey(r), g.where() + ": limits." + r);
        assertTrue(amount(res.getRequests().get(r)) <= amount(res.getLimits().get(r)),
            g.where() + ": request above limit for " + r);
      }
      // -XX:MaxRAMPercentage=50 (conf/jvm.options): the rest holds metaspace, code, threads and direct buffers
      assertTrue(amount(res.getLimits().get("memory")) >= 512L * 1024 * 1024 * 1000,
          g.where() + ": a JVM gateway needs a memory limit of 512Mi or more");
    }
  }

  @Test
  void heapHoldsTheCache() {
    DockerfileTest.parse();
    String ram = DockerfileTest.jvmFlags().stream().filter(f -> f.startsWith("-XX:MaxRAMPercentage="))
        .findFirst().orElseThrow(() -> new AssertionError("the image sets no -XX:MaxRAMPercentage"));
    double percent = Double.parseDouble(ram.substring(ram.indexOf('=') + 1));
    for (Gateway g : gateways()) {
      long limitBytes = amount(g.container().getResources().getLimits().get("memory")) / 1000;
      long heap = (long) (limitBytes * percent / 100);
      long cache = config(g).cache().maxBytes();
      assertTrue(cache * 2 <= heap, g.where() + ": " + Setting.CACHE_MAX_BYTES.envName() + " " + cache
          + " is more than half the heap (" + percent + "% of the " + limitBytes + "-byte memory limit)");
    }
  }

  @Test
  void testAndDemoSwitchesStayOff() {
    for (Gateway g : gateways()) {
      GatewayConfig config = config(g);
      assertFalse(config.resilience().goGetAllowPrivate(),
          g.where() + ": " + Setting.GO_GET_ALLOW_PRIVATE.envName() + " opens private addresses to vanity look-ups");
      assertFalse(config.demo(), g.where() + ": " + Setting.DEMO.envName());
    }
  }

  @Test
  void terminationGraceCoversPreStopAndShutdownGrace() {
    for (Gateway g : gateways()) {
      var lifecycle = g.container().getLifecycle();
      assertNotNull(lifecycle, g.where() + ": lifecycle");
      assertNotNull(lifecycle.getPreStop(), g.where() + ": lifecycle.preStop");
      assertNotNull(lifecycle.getPreStop().getSleep(), g.where() + ": preStop should be a sleep action");
      long preStopMs = lifecycle.getPreStop().getSleep().getSeconds() * 1000;
      assertTrue(preStopMs >= 2_000, g.where() + ": preStop sleep too short to let endpoints go");
      long graceMs = config(g).shutdownGraceMs();
      Long termination = g.pod().getTerminationGracePeriodSeconds();
      assertNotNull(termination, g.owner().where() + ": terminationGracePeriodSeconds");
      long terminationMs = termination * 1000;
      assertTrue(terminationMs > preStopMs + graceMs + JVM_EXIT_MARGIN_MS,
          g.owner().where() + ": terminationGracePeriodSeconds " + termination + " s must exceed preStop "
              + preStopMs + " ms + " + Setting.SHUTDOWN_GRACE_MS.envName() + " " + graceMs + " ms + "
              + JVM_EXIT_MARGIN_MS + " ms");
    }
  }

  @Test
  void sidecarIsANativeSidecar() {
    List<Gateway> sidecars = gateways().stream().filter(g -> g.owner().set().equals("sidecar")).toList();
    assertEquals(1, sidecars.size(), "one sourcegate sidecar in k8s/sidecar/");
    Gateway g = sidecars.get(0);
    assertTrue(g.init(), g.where() + ": a native sidecar is an initContainers entry");
    assertEquals("Always", g.container().getRestartPolicy(), g.where() + ": restartPolicy Always");
    List<Container> main = g.pod().getContainers();
    assertTrue(main.stream().noneMatch(KubernetesManifestsTest::isGateway), "sourcegate must not be a main container");
    assertTrue(main.stream().anyMatch(c -> c.getImage().startsWith("grafana/pyroscope:")),
        g.owner().where() + ": the main container runs grafana/pyroscope");
    // the standalone gateway is an ordinary container
    for (Gateway other : gateways()) {
      if (!other.owner().set().equals("sidecar")) {
        assertFalse(other.init(), other.where() + ": not a sidecar");
      }
    }
  }

  // ------------------------------------------------------------------ the objects around it

  @Test
  void hpaTargetsTheDeploymentOnCpu() {
    List<Manifest> hpas = of(HorizontalPodAutoscaler.class);
    assertFalse(hpas.isEmpty(), "no HorizontalPodAutoscaler");
    for (Manifest m : hpas) {
      HorizontalPodAutoscaler hpa = (HorizontalPodAutoscaler) m.object();
      var ref = hpa.getSpec().getScaleTargetRef();
      assertEquals("apps/v1", ref.getApiVersion(), m.where() + ": scaleTargetRef.apiVersion");
      assertEquals("Deployment", ref.getKind(), m.where() + ": scaleTargetRef.kind");
      Manifest target = find(m, Deployment.class, ref.getName());
      assertNotNull(target, m.where() + ": no Deployment named " + ref.getName());
      Deployment d = (Deployment) target.object();
      int min = orDefault(hpa.getSpec().getMinReplicas(), 1);
      assertTrue(min >= 2, m.where() + ": minReplicas " + min + " leaves no replica during a disruption");
      assertTrue(hpa.getSpec().getMaxReplicas() >= min, m.where() + ": maxReplicas < minReplicas");
      assertEquals(d.getSpec().getReplicas(), min, m.where() + ": minReplicas vs the Deployment's replicas");
      MetricSpec cpu = hpa.getSpec().getMetrics().stream()
          .filter(x -> "Resource".equals(x.getType()) && "cpu".equals(x.getResource().getName()))
          .findFirst().orElse(null);
      assertNotNull(cpu, m.where() + ": no cpu Resource metric");
      assertEquals("Utilization", cpu.getResource().getTarget().getType(), m.where() + ": cpu target type");
      // utilisation is relative to the request: every container of the pod needs one
      for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
        assertTrue(c.getResources() != null && c.getResources().getRequests().containsKey("cpu"),
            target.where() + ": container " + c.getName() + " has no cpu request for the HPA");
      }
    }
  }

  @Test
  void pdbSelectsThePodsAndAllowsOneDisruption() {
    List<Manifest> pdbs = of(PodDisruptionBudget.class);
    assertFalse(pdbs.isEmpty(), "no PodDisruptionBudget");
    for (Manifest m : pdbs) {
      PodDisruptionBudget pdb = (PodDisruptionBudget) m.object();
      List<Manifest> selected = of(Deployment.class).stream()
          .filter(d -> d.set().equals(m.set()))
          .filter(d -> matches(pdb.getSpec().getSelector(), podLabels(d)))
          .toList();
      assertEquals(1, selected.size(), m.where() + ": its selector must match the pods of one Deployment");
      int replicas = ((Deployment) selected.get(0).object()).getSpec().getReplicas();
      IntOrString maxUnavailable = pdb.getSpec().getMaxUnavailable();
      IntOrString minAvailable = pdb.getSpec().getMinAvailable();
      assertTrue(maxUnavailable == null ^ minAvailable == null, m.where() + ": exactly one of maxUnavailable, minAvailable");
      if (maxUnavailable != null) {
        assertEquals(Integer.valueOf(1), maxUnavailable.getIntVal(), m.where() + ": maxUnavailable");
      } else {
        assertNotNull(minAvailable.getIntVal(), m.where() + ": minAvailable as a number");
        assertTrue(minAvailable.getIntVal() >= 2 && minAvailable.getIntVal() < replicas,
            m.where() + ": minAvailable must keep 2 pods and still allow an eviction of " + replicas);
      }
    }
  }

  @Test
  void servicesSelectThePodsAndTargetNamedPorts() {
    List<Manifest> services = of(Service.class);
    assertFalse(services.isEmpty(), "no Service");
    boolean standaloneSeen = false;
    for (Manifest m : services) {
      Service svc = (Service) m.object();
      Map<String, String> selector = svc.getSpec().getSelector();
      assertFalse(selector == null || selector.isEmpty(), m.where() + ": no selector");
      List<Manifest> selected = of(Deployment.class).stream()
          .filter(d -> d.set().equals(m.set()))
          .filter(d -> podLabels(d).entrySet().containsAll(selector.entrySet()))
          .toList();
      assertEquals(1, selected.size(), m.where() + ": its selector must match the pods of one Deployment");
      PodSpec pod = ((Deployment) selected.get(0).object()).getSpec().getTemplate().getSpec();
      for (ServicePort port : svc.getSpec().getPorts()) {
        IntOrString target = port.getTargetPort();
        assertNotNull(target, m.where() + " port " + port.getName() + ": targetPort");
        assertNotNull(target.getStrVal(), m.where() + " port " + port.getName() + ": target a named container port");
        ContainerPort cp = allContainers(pod).stream().flatMap(c -> c.getPorts().stream())
            .filter(p -> target.getStrVal().equals(p.getName())).findFirst().orElse(null);
        assertNotNull(cp, m.where() + " port " + port.getName() + ": no container port named " + target.getStrVal());
      }
      if (m.set().isEmpty() && svc.getMetadata().getName().equals("sourcegate")) {
        standaloneSeen = true;
        ServicePort http = svc.getSpec().getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst()
            .orElse(null);
        assertNotNull(http, m.where() + ": no port named http");
        assertEquals(80, http.getPort(), m.where() + ": port");
        assertEquals("http", http.getTargetPort().getStrVal(), m.where() + ": targetPort");
        Gateway g = gateways().stream().filter(x -> x.owner() == selected.get(0)).findFirst().orElseThrow();
        assertEquals(httpPort(g), resolvePort(g.container(), http.getTargetPort(), m.where()));
      }
    }
    assertTrue(standaloneSeen, "k8s/ has no Service \"sourcegate\"");
  }

  /** Every RPC path reaches a sourcegate container through each Ingress; other paths do not. */
  @Test
  void ingressesRouteEveryRpcToTheGateway() {
    List<Manifest> ingresses = of(Ingress.class);
    assertFalse(ingresses.isEmpty(), "no Ingress");
    for (Manifest m : ingresses) {
      Ingress ingress = (Ingress) m.object();
      for (IngressRule rule : ingress.getSpec().getRules()) {
        List<HTTPIngressPath> paths = rule.getHttp().getPaths();
        for (Rpc rpc : Rpc.values()) {
          HTTPIngressPath chosen = route(paths, rpc.path(), m.where());
          assertNotNull(chosen, m.where() + ": no path matches " + rpc.path());
          assertTrue(reachesGateway(m, chosen.getBackend().getService()),
              m.where() + ": " + rpc.path() + " does not reach a sourcegate container");
        }
        HTTPIngressPath other = route(paths, "/querier.v1.QuerierService/SelectMergeStacktraces", m.where());
        if (other != null) {
          assertFalse(reachesGateway(m, other.getBackend().getService()),
              m.where() + ": Pyroscope's own API must not go to sourcegate");
        }
      }
    }
  }

  // ------------------------------------------------------------------ helpers

  private static List<Manifest> of(Class<?> type) {
    return manifests().stream().filter(m -> type.isInstance(m.object())).toList();
  }

  /** The object of that kind and name in the same set, or else in the top-level k8s/ set. */
  private static Manifest find(Manifest from, Class<?> type, String name) {
    for (String set : List.of(from.set(), "")) {
      for (Manifest m : of(type)) {
        if (m.set().equals(set) && m.object().getMetadata().getName().equals(name)) {
          return m;
        }
      }
    }
    return null;
  }

  private static Deployment standalone() {
    return of(Deployment.class).stream().filter(m -> m.set().isEmpty()).map(m -> (Deployment) m.object())
        .findFirst().orElseThrow(() -> new AssertionError("no Deployment in k8s/"));
  }

  static boolean isGateway(Container c) {
    String image = Objects.requireNonNullElse(c.getImage(), "");
    String repository = image.replaceAll("@.*$", "").replaceAll(":[^/:]*$", "");
    return repository.substring(repository.lastIndexOf('/') + 1).equals("sourcegate");
  }

  private static List<Container> allContainers(PodSpec pod) {
    List<Container> out = new ArrayList<>(pod.getInitContainers());
    out.addAll(pod.getContainers());
    return out;
  }

  private static Map<String, String> podLabels(Manifest deployment) {
    return ((Deployment) deployment.object()).getSpec().getTemplate().getMetadata().getLabels();
  }

  static List<Gateway> gateways() {
    List<Gateway> out = new ArrayList<>();
    for (Manifest m : of(Deployment.class)) {
      PodSpec pod = ((Deployment) m.object()).getSpec().getTemplate().getSpec();
      for (Container c : pod.getInitContainers()) {
        if (isGateway(c)) {
          out.add(new Gateway(m, pod, c, true, environment(m, c)));
        }
      }
      for (Container c : pod.getContainers()) {
        if (isGateway(c)) {
          out.add(new Gateway(m, pod, c, false, environment(m, c)));
        }
      }
    }
    assertFalse(out.isEmpty(), "no sourcegate container in any Deployment");
    return out;
  }

  /** The environment the container starts with: envFrom in order, then env (which wins). */
  private static Map<String, String> environment(Manifest owner, Container c) {
    String where = owner.where() + " container " + c.getName();
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvFromSource from : c.getEnvFrom()) {
      if (from.getConfigMapRef() != null) {
        env.putAll(configMap(owner, from.getConfigMapRef().getName(), where).getData());
      } else if (from.getSecretRef() != null) {
        env.putAll(secretValues(secret(owner, from.getSecretRef().getName(), where)));
      } else {
        fail(where + ": envFrom without a configMapRef or secretRef");
      }
    }
    for (EnvVar e : c.getEnv()) {
      if (e.getValueFrom() == null) {
        env.put(e.getName(), Objects.requireNonNullElse(e.getValue(), ""));
      } else if (e.getValueFrom().getConfigMapKeyRef() != null) {
        var ref = e.getValueFrom().getConfigMapKeyRef();
        String value = configMap(owner, ref.getName(), where).getData().get(ref.getKey());
        assertNotNull(value, where + ": env " + e.getName() + ": no key " + ref.getKey() + " in " + ref.getName());
        env.put(e.getName(), value);
      } else if (e.getValueFrom().getSecretKeyRef() != null) {
        var ref = e.getValueFrom().getSecretKeyRef();
        String value = secretValues(secret(owner, ref.getName(), where)).get(ref.getKey());
        assertNotNull(value, where + ": env " + e.getName() + ": no key " + ref.getKey() + " in " + ref.getName());
        env.put(e.getName(), value);
      } else {
        fail(where + ": env " + e.getName() + ": only values, configMapKeyRef and secretKeyRef are understood");
      }
    }
    return env;
  }

  private static ConfigMap configMap(Manifest from, String name, String where) {
    Manifest m = find(from, ConfigMap.class, name);
    assertNotNull(m, where + ": ConfigMap " + name + " is not in k8s/");
    return (ConfigMap) m.object();
  }

  private static Secret secret(Manifest from, String name, String where) {
    Manifest m = find(from, Secret.class, name);
    assertNotNull(m, where + ": Secret " + name + " is not in k8s/");
    return (Secret) m.object();
  }

  private static Map<String, String> secretValues(Secret secret) {
    Map<String, String> values = new LinkedHashMap<>();
    secret.getData().forEach((k, v) -> values.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    values.putAll(secret.getStringData());
    return values;
  }

  /** What the gateway would run with: conf/sourcegate.yaml of the image, overridden by this environment. */
  private static GatewayConfig config(Gateway g) {
    try {
      if (confYaml == null) {
        confYaml = Files.readString(DeployFiles.root().resolve(SettingsLoader.DEFAULT_FILE));
      }
      return SettingsLoader.load(g.env(), confYaml);
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (ConfigException e) {
      throw new AssertionError(g.where() + ": the gateway would refuse this configuration: " + e.getMessage(), e);
    }
  }

  /** The containerPort of the gateway's port named "http". */
  private static int httpPort(Gateway g) {
    return g.container().getPorts().stream().filter(p -> "http".equals(p.getName()))
        .map(ContainerPort::getContainerPort).findFirst()
        .orElseThrow(() -> new AssertionError(g.where() + ": no container port named http"));
  }

  private static int managementPort(Gateway g) {
    return g.container().getPorts().stream().filter(p -> "management".equals(p.getName()))
        .map(ContainerPort::getContainerPort).findFirst()
        .orElseThrow(() -> new AssertionError(g.where() + ": no container port named management"));
  }

  private static int resolvePort(Container c, IntOrString port, String where) {
    assertNotNull(port, where + ": no port");
    if (port.getIntVal() != null) {
      assertTrue(c.getPorts().stream().anyMatch(p -> p.getContainerPort().equals(port.getIntVal())),
          where + ": port " + port.getIntVal() + " is not a port of container " + c.getName());
      return port.getIntVal();
    }
    return c.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
        .map(ContainerPort::getContainerPort).findFirst()
        .orElseThrow(() -> new AssertionError(where + ": no port named " + port.getStrVal() + " in " + c.getName()));
  }

  private static void checkProbe(Gateway g, String name, Probe probe, String path, int port) {
    String where = g.where() + " " + name;
    assertNotNull(probe, where + ": missing");
    HTTPGetAction get = probe.getHttpGet();
    assertNotNull(get, where + ": must be an httpGet probe");
    assertEquals(path, get.getPath(), where + ": path");
    assertEquals(port, resolvePort(g.container(), get.getPort(), where), where + ": port");
    assertTrue(get.getScheme() == null || get.getScheme().equals("HTTP"), where + ": the gateway speaks plain HTTP");
    assertTrue(probe.getTimeoutSeconds() == null || probe.getTimeoutSeconds() >= 1, where + ": timeoutSeconds");
  }

  private static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return false;
    }
    boolean any = false;
    if (selector.getMatchLabels() != null) {
      for (var e : selector.getMatchLabels().entrySet()) {
        any = true;
        if (!e.getValue().equals(labels.get(e.getKey()))) {
          return false;
        }
      }
    }
    for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
      any = true;
      String value = labels.get(r.getKey());
      boolean ok = switch (r.getOperator()) {
        case "In" -> value != null && r.getValues().contains(value);
        case "NotIn" -> value == null || !r.getValues().contains(value);
        case "Exists" -> value != null;
        case "DoesNotExist" -> value == null;
        default -> throw new AssertionError("unknown selector operator " + r.getOperator());
      };
      if (!ok) {
        return false;
      }
    }
    return any; // an empty selector selects everything: never what a manifest here means
  }

  /** Kubernetes Ingress matching: the longest matching path wins; Prefix matches whole path elements. */
  private static HTTPIngressPath route(List<HTTPIngressPath> paths, String request, String where) {
    HTTPIngressPath best = null;
    int bestLength = -1;
    for (HTTPIngressPath p : paths) {
      String type = p.getPathType();
      String path = p.getPath();
      boolean match;
      if ("Exact".equals(type)) {
        match = request.equals(path);
      } else if ("Prefix".equals(type)) {
        String prefix = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        match = prefix.isEmpty() || request.equals(prefix) || request.startsWith(prefix + "/");
      } else {
        throw new AssertionError(where + ": pathType " + type + " depends on the controller; use Prefix or Exact");
      }
      int length = "Exact".equals(type) ? path.length() + 1 : path.length();
      if (match && length > bestLength) {
        best = p;
        bestLength = length;
      }
    }
    return best;
  }

  private static boolean reachesGateway(Manifest ingress, IngressServiceBackend backend) {
    if (backend == null) {
      return false;
    }
    Manifest svcManifest = find(ingress, Service.class, backend.getName());
    if (svcManifest == null) {
      return false; // a Service outside these manifests (Pyroscope's own)
    }
    Service svc = (Service) svcManifest.object();
    ServicePort port = svc.getSpec().getPorts().stream()
        .filter(p -> backend.getPort().getName() != null
            ? backend.getPort().getName().equals(p.getName())
            : backend.getPort().getNumber().equals(p.getPort()))
        .findFirst().orElseThrow(() -> new AssertionError(ingress.where() + ": Service " + backend.getName()
            + " has no port " + backend.getPort()));
    for (Gateway g : gateways()) {
      if (g.owner().set().equals(svcManifest.set())
          && podLabels(g.owner()).entrySet().containsAll(svc.getSpec().getSelector().entrySet())
          && port.getTargetPort().getStrVal() != null
          && g.container().getPorts().stream().anyMatch(p -> port.getTargetPort().getStrVal().equals(p.getName()))) {
        return true;
      }
    }
    return false;
  }

  private static int orDefault(Integer value, int fallback) {
    return value == null ? fallback : value;
  }

  /** The quantity x 1000 (so that millicores stay whole). */
  private static long amount(Quantity q) {
    return Quantity.getAmountInBytes(q).multiply(java.math.BigDecimal.valueOf(1000)).longValue();
  }
}
