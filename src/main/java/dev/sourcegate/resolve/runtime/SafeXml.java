package dev.sourcegate.resolve.runtime;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * XML that a repository or a registry sent (pom.xml, a BOM's .pom): hostile input, so the JDK's parser
 * runs with DOCTYPEs refused, no external entities, no XInclude and the secure-processing limits. A
 * document that is malformed or refused reads as nothing. Plus the two ways a pom is walked: an element's
 * children by local name.
 */
public final class SafeXml {
  private SafeXml() {}

  /** The document, or empty when it does not parse or is refused. */
  public static Optional<Document> parse(String text) {
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
      Document doc = b.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
      return doc.getDocumentElement() == null ? Optional.empty() : Optional.of(doc);
    } catch (Exception e) { // a malformed or refused document tells nothing; the parser has many ways to say so
      return Optional.empty();
    }
  }

  /** The element's child elements, in order. */
  public static List<Element> children(Element parent) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent == null ? null : parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        out.add(e);
      }
    }
    return out;
  }

  /** The first child element of that local name. */
  public static Optional<Element> child(Element parent, String name) {
    return children(parent).stream().filter(e -> name.equals(e.getLocalName())).findFirst();
  }

  /** The first child element's trimmed text, or "" when there is none. */
  public static String text(Element parent, String name) {
    return child(parent, name).map(e -> e.getTextContent().strip()).orElse("");
  }
}
