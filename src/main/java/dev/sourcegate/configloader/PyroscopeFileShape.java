package dev.sourcegate.configloader;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sourcegate.configloader.RawPyroscopeYaml.RawFile;
import dev.sourcegate.configloader.RawPyroscopeYaml.RawMapping;
import dev.sourcegate.source.Mapping;
import dev.sourcegate.source.PyroscopeConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The document-level checks: the file is a mapping of version and source_code, the version is v1, and each
 * entry of source_code.mappings is a mapping, handed to {@link MappingParser}.
 */
final class PyroscopeFileShape {
  private static final ObjectMapper MAPPER =
      YAMLMapper.builder(YamlTextTree.FACTORY).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private PyroscopeFileShape() {}

  static ParseResult validate(JsonNode root) {
    if (root == null || root.isNull()) {
      return ParseResult.ok(PyroscopeConfig.EMPTY); // an empty file
    }
    if (!root.isObject()) {
      return ParseResult.invalid(List.of("the file must be a YAML mapping (version, source_code)"));
    }
    RawFile file;
    try {
      file = MAPPER.treeToValue(root, RawFile.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return ParseResult.invalid(List.of(YamlErrorMessages.describeBinding("", e)));
    }
    List<String> errors = new ArrayList<>();
    if (file.version() != null && !file.version().equals("v1")) {
      errors.add("version " + YamlErrorMessages.quote(file.version()) + " is not supported (only v1)");
    }
    List<JsonNode> rawMappings =
        file.sourceCode() == null || file.sourceCode().mappings() == null
            ? List.of()
            : file.sourceCode().mappings();
    List<Mapping> mappings = new ArrayList<>();
    for (int i = 0; i < rawMappings.size(); i++) {
      String where = "source_code.mappings[" + i + "]";
      JsonNode node = rawMappings.get(i);
      if (node == null || !node.isObject()) {
        errors.add(where + ": expected a mapping (path, function_name, language, source)");
        continue;
      }
      try {
        MappingParser.toMapping(where, MAPPER.treeToValue(node, RawMapping.class), errors).ifPresent(mappings::add);
      } catch (JsonProcessingException | IllegalArgumentException e) {
        errors.add(YamlErrorMessages.describeBinding(where, e));
      }
    }
    return errors.isEmpty()
        ? ParseResult.ok(new PyroscopeConfig(mappings))
        : ParseResult.invalid(errors);
  }
}
