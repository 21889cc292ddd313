package dev.sourcegate.resolve.runtime;

import java.util.Optional;

/**
 * The top-level class a JVM frame runs in, from its function name: {@code java/util/HashMap$TreeNode.find}
 * and {@code java.util.HashMap.get} are both package {@code java/util}, class {@code HashMap}. Nested,
 * anonymous and synthetic classes ({@code $1}, {@code $$Lambda$12/0x0000000800c03000}) live in their outer
 * class's file, so everything from the first "$" on is dropped first (a hidden class has a "/" after it).
 */
public record JvmClass(String packagePath, String className) {

  public static Optional<JvmClass> parse(String functionName) {
    if (functionName == null || functionName.isEmpty()) {
      return Optional.empty();
    }
    int dollar = functionName.indexOf('$');
    String name = dollar < 0 ? functionName : functionName.substring(0, dollar);
    return name.indexOf('/') >= 0 ? slashed(name) : dotted(name);
  }

  /** {@code java/util/HashMap.get}: the class is the last segment up to its first "." (the method). */
  private static Optional<JvmClass> slashed(String name) {
    int slash = name.lastIndexOf('/');
    String last = name.substring(slash + 1);
    int dot = last.indexOf('.');
    String cls = dot < 0 ? last : last.substring(0, dot);
    return cls.isEmpty() ? Optional.empty() : Optional.of(new JvmClass(name.substring(0, slash), cls));
  }

  /**
   * {@code java.util.HashMap.get}: packages are lower case by convention and classes start with a capital,
   * so the first segment that starts with an upper-case letter is the class.
   */
  private static Optional<JvmClass> dotted(String name) {
    String[] parts = name.split("\\.");
    for (int i = 0; i < parts.length; i++) {
      if (!parts[i].isEmpty() && Character.isUpperCase(parts[i].charAt(0))) {
        return Optional.of(new JvmClass(String.join("/", java.util.Arrays.copyOfRange(parts, 0, i)), parts[i]));
      }
    }
    return Optional.empty();
  }

  /** The package in Java's dotted spelling. */
  public String packageName() {
    return packagePath.replace('/', '.');
  }

  /** {@code java/util/HashMap.java}: the file of a Java class (or with another extension). */
  public String file(String extension) {
    return (packagePath.isEmpty() ? "" : packagePath + "/") + className + extension;
  }

  /**
   * The Kotlin file of this class: a file facade {@code StringsKt} is {@code Strings.kt}, a part of a
   * multi-file facade {@code CollectionsKt___CollectionsKt} is the file after the first "__"
   * ({@code _Collections.kt}); any other class is {@code Class.kt}.
   */
  public String kotlinFile() {
    String cls = className;
    int parts = cls.indexOf("__");
    if (parts > 0) {
      cls = cls.substring(parts + 2);
    }
    if (cls.endsWith("Kt") && cls.length() > 2) {
      cls = cls.substring(0, cls.length() - 2);
    }
    return (packagePath.isEmpty() ? "" : packagePath + "/") + cls + ".kt";
  }
}
