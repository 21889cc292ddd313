package dev.sourcegate.configloader;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A .pyroscope.yaml as written, before any check: the shapes Jackson binds the text tree to. */
final class RawPyroscopeYaml {
  private RawPyroscopeYaml() {}

  record RawFile(
      @JsonProperty("version") String version, @JsonProperty("source_code") RawSourceCode sourceCode) {}

  record RawSourceCode(@JsonProperty("mappings") List<JsonNode> mappings) {}

  record RawMapping(
      @JsonProperty("path") List<RawPrefix> path,
      @JsonProperty("function_name") List<RawPrefix> functionName,
      @JsonProperty("language") String language,
      @JsonProperty("source") RawSource source) {}

  record RawPrefix(@JsonProperty("prefix") String prefix) {}

  record RawSource(@JsonProperty("local") RawLocal local, @JsonProperty("github") RawGitHub github) {}

  record RawLocal(@JsonProperty("path") String path) {}

  record RawGitHub(
      @JsonProperty("owner") String owner,
      @JsonProperty("repo") String repo,
      @JsonProperty("ref") String ref,
      @JsonProperty("path") String path) {}
}
