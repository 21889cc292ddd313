package dev.sourcegate.resolve.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;

/**
 * rust-toolchain.toml, and rust-toolchain, which is either the same TOML or (the legacy form) one line
 * naming the channel. The channel is a version ("1.78.0") or a name ("stable", "nightly-2024-05-01").
 */
record RustToolchainFile(String fileName) implements VersionSource {
  @Override
  public Set<Runtime> tells() {
    return Set.of(Runtime.RUST);
  }

  @Override
  public Map<Runtime, String> read(String text) {
    if (!text.contains("[toolchain]")) {
      return new PlainVersionFile(fileName, Runtime.RUST).read(text);
    }
    JsonNode channel = Toml.parse(text).path("toolchain").path("channel");
    return channel.isTextual() ? Map.of(Runtime.RUST, channel.asText()) : Map.of();
  }
}
