package dev.sourcegate.source;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The languages a .pyroscope.yaml mapping may name, with the file extensions that choose each one when no
 * mapping names a language (docs/resolution.md §3). Java has none: a JVM profile names classes, and
 * Java's rules need a mapping or a JDK class (§9.2). Ruby's {@code <internal:NAME>} frames choose Ruby
 * without an extension.
 */
public enum Language {
  GO("go", "go", "s"),
  JAVA("java"),
  PYTHON("python", "py"),
  JAVASCRIPT("javascript", "js", "mjs", "cjs", "ts", "jsx", "tsx"),
  KOTLIN("kotlin", "kt", "kts"),
  RUBY("ruby", "rb"),
  RUST("rust", "rs");

  /** How Ruby names its core methods written in Ruby ("<internal:kernel>"): a frame without an extension. */
  private static final String RUBY_INTERNAL = "<internal:";

  private final String yamlName;
  private final List<String> extensions;

  Language(String yamlName, String... extensions) {
    this.yamlName = yamlName;
    this.extensions = List.of(extensions);
  }

  public String yamlName() {
    return yamlName;
  }

  /** Every language's yaml name, in declaration order, for messages: "go, java, python, javascript, ruby, rust". */
  public static String yamlNames() {
    return Arrays.stream(values()).map(Language::yamlName).collect(Collectors.joining(", "));
  }

  public static Optional<Language> fromYaml(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String v = value.toLowerCase(Locale.ROOT);
    for (Language l : values()) {
      if (l.yamlName.equals(v)) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }

  /** The language the file name's extension (case-insensitive) chooses, if any. */
  public static Optional<Language> byExtension(String path) {
    if (path.startsWith(RUBY_INTERNAL)) {
      return Optional.of(RUBY);
    }
    String name = path.substring(path.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    for (Language l : values()) {
      if (l.extensions.contains(ext)) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }
}
