package dev.sourcegate.resolve.runtime;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile's base images: {@code FROM [--platform=...] image[:tag][@digest] [AS name]}. The image's
 * last path segment names the runtime (eclipse-temurin, openjdk, amazoncorretto, ... for the JDK; node;
 * python; ruby; rust) and the tag's leading number is its version ("21-jre", "3.12-slim", "20-alpine").
 * In a multi-stage build the last FROM that names a runtime wins: it is the stage that runs. A tag
 * from a build argument ({@code ${JAVA_VERSION}}) or no tag tells nothing.
 */
final class Dockerfile implements VersionSource {
  private static final Pattern FROM = Pattern.compile(
      "^\\s*FROM\\s+(?:--\\S+\\s+)*([^\\s:@]+):([^\\s@]+)", Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);
  private static final Pattern LEADING_VERSION = Pattern.compile("^v?(\\d+(?:\\.\\d+){0,2})");
  private static final Map<String, Runtime> IMAGES = Map.ofEntries(
      Map.entry("eclipse-temurin", Runtime.JDK), Map.entry("openjdk", Runtime.JDK),
      Map.entry("amazoncorretto", Runtime.JDK), Map.entry("zulu-openjdk", Runtime.JDK),
      Map.entry("ibm-semeru-runtimes", Runtime.JDK), Map.entry("sapmachine", Runtime.JDK),
      Map.entry("node", Runtime.NODE), Map.entry("python", Runtime.PYTHON),
      Map.entry("ruby", Runtime.RUBY), Map.entry("rust", Runtime.RUST));

  @Override
  public String fileName() {
    return "Dockerfile";
  }

  @Override
  public Set<Runtime> tells() {
    return Set.of(Runtime.JDK, Runtime.NODE, Runtime.PYTHON, Runtime.RUBY, Runtime.RUST);
  }

  @Override
  public Map<Runtime, String> read(String text) {
    Map<Runtime, String> found = new HashMap<>();
    Matcher m = FROM.matcher(text);
    while (m.find()) {
      String image = m.group(1).substring(m.group(1).lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
      Runtime runtime = IMAGES.get(image);
      Matcher v = LEADING_VERSION.matcher(m.group(2));
      if (runtime != null && v.find()) {
        found.put(runtime, v.group(1)); // a later stage replaces an earlier one
      }
    }
    return found;
  }
}
