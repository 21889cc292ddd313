package dev.sourcegate.source;

import java.util.Locale;
import java.util.Optional;

/** The languages a .pyroscope.yaml mapping may name. */
public enum Language {
  GO("go"),
  JAVA("java"),
  PYTHON("python"),
  JAVASCRIPT("javascript");

  private final String yamlName;

  Language(String yamlName) {
    this.yamlName = yamlName;
  }

  public String yamlName() {
    return yamlName;
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
}
