package dev.sourcegate.source;

import java.util.List;

/** A valid, parsed .pyroscope.yaml; EMPTY stands for a missing, unparsable or invalid file. */
public record PyroscopeConfig(List<Mapping> mappings) {
  public static final PyroscopeConfig EMPTY = new PyroscopeConfig(List.of());

  public PyroscopeConfig {
    mappings = List.copyOf(mappings);
  }
}
