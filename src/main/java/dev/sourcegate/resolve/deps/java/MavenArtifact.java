package dev.sourcegate.resolve.deps.java;

/** A Maven artifact's coordinates without a version: {@code groupId:artifactId}. */
public record MavenArtifact(String groupId, String artifactId) {
  @Override
  public String toString() {
    return groupId + ":" + artifactId;
  }

  /**
   * Whether the group names the package or one of its parents: {@code org.springframework} holds
   * {@code org.springframework.web.servlet}, not {@code org.springframeworkx}.
   */
  public boolean groupHolds(String packageName) {
    return holds(groupId, packageName);
  }

  /**
   * Whether the group's parent (its groupId without the last segment, at least two segments left) holds
   * the package: many artifacts name their group apart from their packages ({@code com.google.guava} ships
   * {@code com.google.common}, {@code com.fasterxml.jackson.core} ships {@code com.fasterxml.jackson.databind}).
   */
  public boolean groupParentHolds(String packageName) {
    int dot = groupId.lastIndexOf('.');
    String parent = dot < 0 ? "" : groupId.substring(0, dot);
    return parent.indexOf('.') > 0 && holds(parent, packageName);
  }

  private static boolean holds(String group, String packageName) {
    return packageName.equals(group) || packageName.startsWith(group + ".");
  }
}
