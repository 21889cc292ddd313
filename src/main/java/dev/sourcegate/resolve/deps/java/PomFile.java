package dev.sourcegate.resolve.deps.java;

import dev.sourcegate.resolve.runtime.SafeXml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * One pom as written (nothing inherited or interpolated yet): its coordinates, its parent, its
 * {@code <properties>}, {@code <dependencies>} and {@code <dependencyManagement>}. Profiles are left out:
 * they are not the build's default. Parsed by {@link SafeXml} (DOCTYPEs refused); a pom that does not
 * parse is empty.
 */
public record PomFile(String groupId, String artifactId, String version, Optional<Parent> parent,
    Map<String, String> properties, List<Dependency> dependencies, List<Dependency> management, Scm scm) {

  /** {@code <scm>}: where the artifact's source lives ({@code <url>}, else {@code <connection>}) and its release's tag. */
  public record Scm(String url, String tag) {
    static final Scm NONE = new Scm("", "");
  }

  /** {@code <parent>}; relativePath null when not written (Maven's default ../pom.xml), "" when written empty. */
  public record Parent(String groupId, String artifactId, String version, String relativePath) {}

  /** One {@code <dependency>}; version "" when written without one (management sets it). */
  public record Dependency(String groupId, String artifactId, String version, String scope, String type) {
    /** A BOM import: {@code <scope>import</scope>} with {@code <type>pom</type>} in dependencyManagement. */
    public boolean bomImport() {
      return "import".equals(scope) && "pom".equals(type);
    }
  }

  static final PomFile EMPTY = new PomFile("", "", "", Optional.empty(), Map.of(), List.of(), List.of(), Scm.NONE);

  public static PomFile parse(String text) {
    return SafeXml.parse(text).map(doc -> of(doc.getDocumentElement())).orElse(EMPTY);
  }

  private static PomFile of(Element project) {
    Optional<Parent> parent = SafeXml.child(project, "parent").map(p -> new Parent(SafeXml.text(p, "groupId"),
        SafeXml.text(p, "artifactId"), SafeXml.text(p, "version"),
        SafeXml.child(p, "relativePath").map(r -> r.getTextContent().strip()).orElse(null)));
    Map<String, String> properties = new LinkedHashMap<>();
    SafeXml.child(project, "properties").ifPresent(props -> {
      for (Element p : SafeXml.children(props)) {
        properties.putIfAbsent(p.getLocalName(), p.getTextContent().strip());
      }
    });
    List<Dependency> management = SafeXml.child(project, "dependencyManagement")
        .map(PomFile::dependencies).orElse(List.of());
    Scm scm = SafeXml.child(project, "scm").map(e -> new Scm(
        SafeXml.text(e, "url").isEmpty() ? SafeXml.text(e, "connection") : SafeXml.text(e, "url"), SafeXml.text(e, "tag")))
        .orElse(Scm.NONE);
    return new PomFile(SafeXml.text(project, "groupId"), SafeXml.text(project, "artifactId"),
        SafeXml.text(project, "version"), parent, properties, dependencies(project), management, scm);
  }

  private static List<Dependency> dependencies(Element holder) {
    List<Dependency> out = new ArrayList<>();
    SafeXml.child(holder, "dependencies").ifPresent(deps -> {
      for (Element d : SafeXml.children(deps)) {
        if ("dependency".equals(d.getLocalName())) {
          String type = SafeXml.text(d, "type");
          out.add(new Dependency(SafeXml.text(d, "groupId"), SafeXml.text(d, "artifactId"), SafeXml.text(d, "version"),
              SafeXml.text(d, "scope"), type.isEmpty() ? "jar" : type));
        }
      }
    });
    return out;
  }

  /** The groupId, inherited from the parent when not written. */
  public String effectiveGroupId() {
    return !groupId.isEmpty() ? groupId : parent.map(Parent::groupId).orElse("");
  }

  /** The version, inherited from the parent when not written. */
  public String effectiveVersion() {
    return !version.isEmpty() ? version : parent.map(Parent::version).orElse("");
  }
}
