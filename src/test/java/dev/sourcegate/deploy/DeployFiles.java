package dev.sourcegate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Reads the deployment files of the repository (Dockerfile, k8s/, pom.xml) for the tests of this package. */
final class DeployFiles {
  private DeployFiles() {}

  /** The repository root: Surefire runs in it and names it in "basedir". */
  static Path root() {
    Path dir = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    assertTrue(Files.isRegularFile(dir.resolve("pom.xml")), "no pom.xml in " + dir);
    return dir;
  }

  // ---------------------------------------------------------------- k8s/

  /** One YAML document of a file under k8s/, as a typed fabric8 model object. */
  record Manifest(Path file, int document, HasMetadata object) {
    String where() {
      return root().relativize(file) + " #" + document + " (" + object.getKind() + " "
          + object.getMetadata().getName() + ")";
    }

    /** The folder relative to k8s/: "" for the standalone set, "sidecar", "ingress". */
    String set() {
      Path parent = root().resolve("k8s").relativize(file).getParent();
      return parent == null ? "" : parent.toString();
    }
  }

  /**
   * Unknown fields are errors: without an any-setter the model classes cannot swallow a misspelt field
   * (readinesProbe, runAsNonroot) into additionalProperties, so a typo fails the parse with its path.
   */
  private static final ObjectMapper STRICT_YAML = new ObjectMapper(new YAMLFactory())
      .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
        @Override
        public Boolean hasAnySetter(Annotated a) {
          return Boolean.FALSE;
        }
      })
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  static List<Path> manifestFiles() {
    Path k8s = root().resolve("k8s");
    assertTrue(Files.isDirectory(k8s), "no k8s/ folder");
    try (Stream<Path> files = Files.walk(k8s)) {
      return files.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().matches(".*\\.ya?ml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every document of every k8s/**.yaml file; fails on a document that is not a known Kubernetes kind. */
  static List<Manifest> manifests() {
    List<Manifest> all = new ArrayList<>();
    for (Path file : manifestFiles()) {
      int index = 0;
      try (MappingIterator<JsonNode> docs = STRICT_YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
        while (docs.hasNext()) {
          JsonNode doc = docs.next();
          index++;
          if (doc == null || doc.isNull() || doc.isMissingNode() || doc.isEmpty()) {
            continue;
          }
          KubernetesResource typed;
          try {
            typed = STRICT_YAML.treeToValue(doc, KubernetesResource.class);
          } catch (IOException | IllegalArgumentException e) {
            fail(root().relativize(file) + " #" + index + " is not a valid Kubernetes object: " + e.getMessage());
            return List.of();
          }
          String what = root().relativize(file) + " #" + index;
          assertFalse(typed instanceof GenericKubernetesResource,
              what + ": unknown apiVersion/kind " + doc.path("apiVersion").asText() + "/" + doc.path("kind").asText());
          assertTrue(typed instanceof HasMetadata, what + ": not a top-level object");
          HasMetadata object = (HasMetadata) typed;
          assertNotNull(object.getMetadata(), what + ": no metadata");
          assertNotNull(object.getMetadata().getName(), what + ": no metadata.name");
          all.add(new Manifest(file, index, object));
        }
      } catch (IOException e) {
        fail(root().relativize(file) + " is not valid YAML: " + e.getMessage());
      }
    }
    return all;
  }

  // ---------------------------------------------------------------- Dockerfile

  /** One instruction of a Dockerfile: continuation lines joined, comments dropped. */
  record Instruction(String keyword, String args, int line) {}

  /** The Dockerfile's instructions, grouped by stage (FROM starts one). */
  static List<List<Instruction>> dockerStages(String dockerfile) {
    List<List<Instruction>> stages = new ArrayList<>();
    List<Instruction> current = null;
    String[] lines = dockerfile.split("\r?\n", -1);
    StringBuilder pending = new StringBuilder();
    int startLine = 0;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String trimmed = line.strip();
      if (pending.length() == 0 && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
        continue;
      }
      if (pending.length() > 0 && trimmed.startsWith("#")) {
        continue; // a comment inside a continued instruction
      }
      if (pending.length() == 0) {
        startLine = i + 1;
      }
      if (trimmed.endsWith("\\")) {
        pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      pending.append(trimmed);
      String text = pending.toString().strip();
      pending.setLength(0);
      int space = text.indexOf(' ');
      String keyword = (space < 0 ? text : text.substring(0, space)).toUpperCase();
      String args = space < 0 ? "" : text.substring(space + 1).strip();
      if (keyword.equals("FROM")) {
        current = new ArrayList<>();
        stages.add(current);
      }
      assertNotNull(current, "Dockerfile line " + (i + 1) + ": instruction before the first FROM");
      current.add(new Instruction(keyword, args, startLine));
    }
    assertEquals(0, pending.length(), "Dockerfile ends inside a continued line");
    return stages;
  }

  static String dockerfileText() {
    try {
      return Files.readString(root().resolve("Dockerfile"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------- pom.xml

  static Document pom() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(false);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(root().resolve("pom.xml").toFile());
    } catch (Exception e) {
      throw new AssertionError("pom.xml cannot be read: " + e.getMessage(), e);
    }
  }

  /** The direct child element of that name, or null. */
  static Element child(Element parent, String name) {
    if (parent == null) {
      return null;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    if (parent != null) {
      for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element e && e.getTagName().equals(name)) {
          out.add(e);
        }
      }
    }
    return out;
  }

  static Element path(Element from, String... names) {
    Element e = from;
    for (String name : names) {
      e = child(e, name);
    }
    return e;
  }

  /** The pom's own properties plus project.version, for resolving ${...} in plugin configuration. */
  static Map<String, String> pomProperties(Document pom) {
    Map<String, String> props = new LinkedHashMap<>();
    Element project = pom.getDocumentElement();
    Element properties = child(project, "properties");
    if (properties != null) {
      for (Node n = properties.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element e) {
          props.put(e.getTagName(), e.getTextContent().strip());
        }
      }
    }
    Element version = child(project, "version");
    if (version != null) {
      props.put("project.version", version.getTextContent().strip());
    }
    return props;
  }

  private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

  static String resolve(String text, Map<String, String> props) {
    String out = text;
    for (int round = 0; round < 10; round++) {
      Matcher m = PROPERTY.matcher(out);
      StringBuilder sb = new StringBuilder();
      boolean any = false;
      while (m.find()) {
        String value = props.get(m.group(1));
        assertNotNull(value, "pom.xml: unknown property ${" + m.group(1) + "}");
        m.appendReplacement(sb, Matcher.quoteReplacement(value));
        any = true;
      }
      m.appendTail(sb);
      out = sb.toString();
      if (!any) {
        return out;
      }
    }
    throw new AssertionError("pom.xml: properties nest too deep in " + text);
  }

  /** build/finalName: the name of the jar `mvn package` writes to target/. */
  static String finalName() {
    Document pom = pom();
    Element finalName = path(pom.getDocumentElement(), "build", "finalName");
    assertNotNull(finalName, "pom.xml has no build/finalName");
    return resolve(finalName.getTextContent().strip(), pomProperties(pom));
  }
}
