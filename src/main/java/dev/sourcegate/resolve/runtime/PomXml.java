package dev.sourcegate.resolve.runtime;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * pom.xml: the JDK from {@code maven.compiler.release}, else {@code java.version} (Spring Boot's), else
 * {@code maven.compiler.target} or {@code maven.compiler.source}, all under {@code <properties>}; Kotlin
 * from {@code kotlin.version}. The file is hostile input: the JDK's parser runs with DOCTYPEs refused,
 * no external entities, no XInclude and the secure-processing limits.
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
    Document doc = parse(text);
    if (doc == null || doc.getDocumentElement() == null) {
      return out;
    }
    for (Node n = doc.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && "properties".equals(e.getLocalName())) {
        NodeList props = e.getChildNodes();
        for (int i = 0; i < props.getLength(); i++) {
          if (props.item(i) instanceof Element p) {
            out.putIfAbsent(p.getLocalName(), p.getTextContent().strip());
          }
        }
      }
    }
    return out;
  }

  private static Document parse(String text) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(null);
      return b.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) { // a malformed or refused document tells nothing; the parser has many ways to say so
      return null;
    }
  }
}
