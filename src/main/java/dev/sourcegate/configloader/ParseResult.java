package dev.sourcegate.configloader;

import dev.sourcegate.source.PyroscopeConfig;

import java.util.List;

/**
 * The outcome of reading a .pyroscope.yaml: either a valid config and no errors, or {@link
 * PyroscopeConfig#EMPTY} and every problem found, so the caller can log them together and go on without the
 * file.
 */
public record ParseResult(PyroscopeConfig config, List<String> errors) {

  public ParseResult {
    errors = List.copyOf(errors);
    if (!errors.isEmpty()) {
      // A file with any error is ignored as a whole (docs/resolution.md §2); never half a config.
      config = PyroscopeConfig.EMPTY;
    }
  }

  public static ParseResult ok(PyroscopeConfig config) {
    return new ParseResult(config, List.of());
  }

  public static ParseResult invalid(List<String> errors) {
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("an invalid result needs at least one error");
    }
    return new ParseResult(PyroscopeConfig.EMPTY, errors);
  }

  public boolean valid() {
    return errors.isEmpty();
  }
}
