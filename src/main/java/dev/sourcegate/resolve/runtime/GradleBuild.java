package dev.sourcegate.resolve.runtime;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * build.gradle and build.gradle.kts. Both are programs (Groovy, Kotlin), so no parser can say what they
 * compute; these are the statements that set the JDK and the Kotlin plugin in practice, in the order
 * they win: a toolchain ({@code JavaLanguageVersion.of(17)}, Kotlin's {@code jvmToolchain(17)}), then
 * {@code sourceCompatibility}/{@code targetCompatibility} ({@code JavaVersion.VERSION_17},
 * {@code VERSION_1_8}, {@code '17'}, {@code 1.8}); Kotlin from {@code kotlin("jvm") version "2.0.21"},
 * {@code id("org.jetbrains.kotlin.jvm") version ...} (any org.jetbrains.kotlin plugin) or a
 * {@code kotlin_version}/{@code kotlinVersion} variable. Comments are removed first.
 */
record GradleBuild(String fileName) implements VersionSource {
  private static final List<Pattern> JDK = List.of(
      Pattern.compile("JavaLanguageVersion\\.of\\(\\s*[\"']?(\\d+)"),
      Pattern.compile("jvmToolchain\\(\\s*(\\d+)"),
      Pattern.compile("(?:source|target)Compatibility\\s*=?\\s*(?:JavaVersion\\.VERSION_([0-9_]+)|[\"']?(\\d+(?:\\.\\d+)?))"));
  private static final List<Pattern> KOTLIN = List.of(
      Pattern.compile("kotlin\\(\\s*\"[\\w.-]+\"\\s*\\)\\s*version\\s*\"([^\"]+)\""),
      Pattern.compile("id\\s*\\(?\\s*[\"']org\\.jetbrains\\.kotlin[\\w.-]*[\"']\\s*\\)?\\s*version\\s*[\"']([^\"']+)[\"']"),
      Pattern.compile("kotlin_?[vV]ersion\\s*=\\s*[\"']([^\"']+)[\"']"));
  private static final Pattern COMMENTS = Pattern.compile("//[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);

  @Override
  public Set<Runtime> tells() {
    return Set.of(Runtime.JDK, Runtime.KOTLIN);
  }

  @Override
  public Map<Runtime, String> read(String text) {
    String code = COMMENTS.matcher(text).replaceAll(" ");
    Map<Runtime, String> found = new HashMap<>();
    first(JDK, code).ifPresent(v -> found.put(Runtime.JDK, v.replace('_', '.')));
    first(KOTLIN, code).ifPresent(v -> found.put(Runtime.KOTLIN, v));
    return found;
  }

  private static java.util.Optional<String> first(List<Pattern> patterns, String code) {
    for (Pattern p : patterns) {
      Matcher m = p.matcher(code);
      if (m.find()) {
        for (int g = 1; g <= m.groupCount(); g++) {
          if (m.group(g) != null) {
            return java.util.Optional.of(m.group(g));
          }
        }
      }
    }
    return java.util.Optional.empty();
  }
}
