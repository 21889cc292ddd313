package dev.sourcegate.configloader;

import static dev.sourcegate.configloader.YamlErrorMessages.quote;

import dev.sourcegate.configloader.RawPyroscopeYaml.RawMapping;
import dev.sourcegate.configloader.RawPyroscopeYaml.RawPrefix;
import dev.sourcegate.source.Language;
import dev.sourcegate.source.Mapping;
import dev.sourcegate.source.MappingSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One entry of source_code.mappings: its prefixes and language, and its source through {@link MappingSourceParser}. */
final class MappingParser {
  private static final String LANGUAGES = Language.yamlNames();

  private MappingParser() {}

  /** Adds every problem of one mapping to {@code errors}; the mapping only when there were none. */
  static Optional<Mapping> toMapping(String where, RawMapping raw, List<String> errors) {
    int before = errors.size();
    List<String> paths = prefixes(where + ".path", raw.path(), errors);
    List<String> functions = prefixes(where + ".function_name", raw.functionName(), errors);
    if (errors.size() == before && paths.isEmpty() && functions.isEmpty()) {
      errors.add(where + ": needs at least one path or function_name prefix");
    }
    Language language = language(where + ".language", raw.language(), errors);
    MappingSource source = MappingSourceParser.source(where + ".source", raw.source(), errors);
    if (errors.size() != before) {
      return Optional.empty();
    }
    return Optional.of(new Mapping(paths, functions, language, source));
  }

  private static List<String> prefixes(String where, List<RawPrefix> items, List<String> errors) {
    List<String> out = new ArrayList<>();
    if (items == null) {
      return out;
    }
    for (int j = 0; j < items.size(); j++) {
      RawPrefix item = items.get(j);
      if (item == null) {
        errors.add(where + "[" + j + "]: expected a mapping like {prefix: ...}");
      } else if (item.prefix() == null) {
        errors.add(where + "[" + j + "].prefix: expected a string (write \"\" for an empty prefix)");
      } else {
        out.add(item.prefix()); // plain string prefixes: nothing is normalised
      }
    }
    return out;
  }

  private static Language language(String where, String value, List<String> errors) {
    if (value == null) {
      errors.add(where + ": missing (one of " + LANGUAGES + ")");
      return null;
    }
    for (Language l : Language.values()) {
      if (l.yamlName().equals(value)) {
        return l;
      }
    }
    errors.add(where + ": language " + quote(value) + " is not one of " + LANGUAGES);
    return null;
  }
}
