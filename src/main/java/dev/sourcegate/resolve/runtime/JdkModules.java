package dev.sourcegate.resolve.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which JDK module holds a package (java.util is java.base, sun.nio.ch too, java.sql is java.sql), as
 * generated from real JDKs' module descriptors by tools/gen-runtime-data.sh into runtime/jdk-modules.tsv.
 * A package the map does not know is not the JDK's (javax.servlet, javax.inject are libraries).
 */
public final class JdkModules {
  private static final String RESOURCE = "/runtime/jdk-modules.tsv";
  private final Map<String, String> moduleOf;

  JdkModules(Map<String, String> moduleOf) {
    this.moduleOf = Map.copyOf(moduleOf);
  }

  public static JdkModules load() {
    try (InputStream in = JdkModules.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      Map<String, String> map = new HashMap<>();
      new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#"))
          .map(l -> l.split("\t"))
          .filter(p -> p.length == 2)
          .forEach(p -> map.putIfAbsent(p[0].strip(), p[1].strip()));
      return new JdkModules(map);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Optional<String> moduleOf(String packageName) {
    return Optional.ofNullable(moduleOf.get(packageName));
  }
}
