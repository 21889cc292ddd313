package dev.sourcegate.resolve.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/** package.json's {@code engines.node}, a range whose lowest version counts ({@link VersionRanges#lowest}). */
final class PackageJson implements VersionSource {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String fileName() {
    return "package.json";
  }

  @Override
  public Set<Runtime> tells() {
    return Set.of(Runtime.NODE);
  }

  @Override
  public Map<Runtime, String> read(String text) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (IOException e) {
      return Map.of();
    }
    JsonNode range = node == null ? null : node.path("engines").path("node");
    if (range == null || !range.isTextual()) {
      return Map.of();
    }
    return VersionRanges.lowest(range.asText()).map(v -> Map.of(Runtime.NODE, v)).orElse(Map.of());
  }
}
