package dev.sourcegate.source;

import java.util.List;

/**
 * One entry of source_code.mappings. Prefix lists hold the plain strings of the {prefix: ...} items, in file
 * order; at least one of the two lists is non-empty in a valid mapping.
 */
public record Mapping(
    List<String> pathPrefixes, List<String> functionNamePrefixes, Language language, MappingSource source) {

  public Mapping {
    pathPrefixes = List.copyOf(pathPrefixes);
    functionNamePrefixes = List.copyOf(functionNamePrefixes);
  }
}
