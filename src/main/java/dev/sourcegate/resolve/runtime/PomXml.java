package dev.sourcegate.resolve.runtime;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * pom.xml: the JDK from {@code maven.compiler.release}, else {@code java.version} (Spring Boot's), else
 * {@code maven.compiler.target} or {@code maven.compiler.source}, all under {@code <properties>}; Kotlin
 * from {@code kotlin.version}. The file is hostile input, parsed by {@link SafeXml}.
 */
final class PomXml implements VersionSource {
  private static final String[] JDK_PROPERTIES = {
      "maven.compiler.release", "java.version", "maven.compiler.target", "maven.compiler.source"};

  @Override
  public String fileName() {
    return "pom.xml";
  }

  @Override
  public Set<Runtime> tells() {
    return Set.of(Runtime.JDK, Runtime.KOTLIN);
  }

  @Override
  public Map<Runtime, String> read(String text) {
    Map<String, String> properties = properties(text);
    Map<Runtime, String> found = new HashMap<>();
    for (String name : JDK_PROPERTIES) {
      String v = properties.get(name);
      if (v != null && !v.contains("${")) {
        found.put(Runtime.JDK, v);
        break;
      }
    }
    String kotlin = properties.get("kotlin.version");
    if (kotlin != null && !kotlin.contains("${")) {
      found.put(Runtime.KOTLIN, kotlin);
    }
    return found;
  }

  /** The project's own {@code <properties>} (profiles' are not the build's default); empty when unreadable. */
  private static Map<String, String> properties(String text) {
    Map<String, String> out = new HashMap<>();
    SafeXml.parse(text).flatMap(doc -> SafeXml.child(doc.getDocumentElement(), "properties")).ifPresent(props -> {
      for (Element p : SafeXml.children(props)) {
        out.putIfAbsent(p.getLocalName(), p.getTextContent().strip());
      }
    });
    return out;
  }
}
