package dev.sourcegate.resolve.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;

/**
 * pyproject.toml: {@code [project] requires-python} (PEP 621), else Poetry's
 * {@code [tool.poetry.dependencies] python}. The lowest version the specifier allows is taken (see
 * {@link VersionRanges#lowest}): "&gt;=3.10,&lt;4" is 3.10.
 */
final class PyprojectToml implements VersionSource {
  @Override
  public String fileName() {
    return "pyproject.toml";
  }

  @Override
  public Set<Runtime> tells() {
    return Set.of(Runtime.PYTHON);
  }

  @Override
  public Map<Runtime, String> read(String text) {
    JsonNode root = Toml.parse(text);
    JsonNode spec = root.path("project").path("requires-python");
    if (!spec.isTextual()) {
      spec = root.path("tool").path("poetry").path("dependencies").path("python");
    }
    if (!spec.isTextual()) {
      return Map.of();
    }
    return VersionRanges.lowest(spec.asText()).map(v -> Map.of(Runtime.PYTHON, v)).orElse(Map.of());
  }
}
