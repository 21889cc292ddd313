package dev.sourcegate.resolve.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;

/** TOML through jackson-dataformat-toml; a file that does not parse reads as nothing. */
public final class Toml {
  private static final TomlMapper MAPPER = new TomlMapper();

  private Toml() {}

  public static JsonNode parse(String text) {
    try {
      JsonNode node = MAPPER.readTree(text);
      return node == null ? MissingNode.getInstance() : node;
    } catch (IOException | RuntimeException e) {
      return MissingNode.getInstance();
    }
  }
}
