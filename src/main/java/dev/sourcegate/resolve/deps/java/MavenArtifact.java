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
    return packageName.equals(groupId) || packageName.startsWith(groupId + ".");
  }
}
