package dev.sourcegate.configloader;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;

/**
 * Reads the first YAML document into a tree whose scalars are the text written in the file. Jackson's own
 * tree would turn {@code ref: 1.10} into the number 1.1 and {@code prefix: yes} into true; the format only
 * has strings. Aliases, duplicate keys and deep nesting are refused here, with the line they are on.
 */
final class YamlTextTree {
  /** The format needs 6 levels (file, source_code, mappings, mapping, source, github); be generous. */
  private static final int MAX_DEPTH = 32;

  static final YAMLFactory FACTORY =
      YAMLFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          // "key:" with no value is null in YAML, as opposed to key: "" which is an empty string.
          .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
          .build();

  private YamlTextTree() {}

  /** The tree of the first document, or null for a file with none. */
  static JsonNode readFirstDocument(String text) throws IOException {
    try (JsonParser p = FACTORY.createParser(text)) {
      return p.nextToken() == null ? null : readValue(p, 0);
    }
  }

  private static JsonNode readValue(JsonParser p, int depth) throws IOException {
    if (depth > MAX_DEPTH) {
      throw new Unreadable("nested more than " + MAX_DEPTH + " levels deep", p);
    }
    JsonToken t = p.currentToken();
    if (p instanceof YAMLParser yp && yp.isCurrentAlias()) {
      throw new Unreadable("YAML aliases (*name) are not supported", p);
    }
    switch (t) {
      case START_OBJECT -> {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          // STRICT_DUPLICATE_DETECTION already refuses this; kept so the rule does not hinge on a flag.
          if (object.replace(name, readValue(p, depth + 1)) != null) {
            throw new Unreadable("duplicate key " + YamlErrorMessages.quote(name), p);
          }
        }
        return object;
      }
      case START_ARRAY -> {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          array.add(readValue(p, depth + 1));
        }
        return array;
      }
      case VALUE_NULL -> {
        return JsonNodeFactory.instance.nullNode();
      }
      case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> {
        return JsonNodeFactory.instance.textNode(p.getText());
      }
      default -> throw new Unreadable("unsupported YAML value (" + t + ")", p);
    }
  }

  /** A structural problem found while building the tree, with the line it was found on. */
  static final class Unreadable extends IOException {
    Unreadable(String reason, JsonParser p) {
      super("not valid YAML: " + reason + lineOf(p));
    }

    private static String lineOf(JsonParser p) {
      JsonLocation at = p.currentLocation();
      return at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ")";
    }
  }
}
