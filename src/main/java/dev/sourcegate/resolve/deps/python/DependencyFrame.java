package dev.sourcegate.resolve.deps.python;

import java.util.Optional;

/**
 * A Python frame that may be a dependency's: a file under {@code site-packages/} or
 * {@code dist-packages/} (installed: the member is the path below that directory, as the wheel holds it),
 * or a relative module path ({@code flask/app.py}: Pyroscope's Python SDK strips the sys.path prefix),
 * which is a dependency only when its import name is a locked distribution's.
 */
public record DependencyFrame(String member, boolean installed) {
  private static final String[] INSTALL_DIRS = {"site-packages/", "dist-packages/"};

  public static Optional<DependencyFrame> of(String localPath) {
    String p = "/" + localPath;
    int at = -1;
    int length = 0;
    for (String dir : INSTALL_DIRS) {
      int i = p.lastIndexOf("/" + dir);
      if (i > at) {
        at = i;
        length = dir.length() + 1;
      }
    }
    if (at >= 0) {
      String member = p.substring(at + length);
      return member.isEmpty() || member.startsWith("/") ? Optional.empty() : Optional.of(new DependencyFrame(member, true));
    }
    if (localPath.isEmpty() || localPath.startsWith("/") || localPath.startsWith(".") || !localPath.endsWith(".py")) {
      return Optional.empty();
    }
    return Optional.of(new DependencyFrame(localPath, false));
  }
}
