package dev.sourcegate.source;

import java.util.List;

/**
 * The paths of a repository's files at one commit, as far as they were kept: a host's listing may be cut
 * short (truncated), and a provider keeps only the kinds of file a look-up by path is made for (see
 * fetch/GitHubTrees). Rules must treat a truncated tree as "the file may exist and not be listed".
 */
public record FileTree(List<String> paths, boolean truncated) {
  public FileTree {
    paths = List.copyOf(paths);
  }

  /** The memory the paths hold, roughly: for a cache bounded by weight. */
  public int weight() {
    long chars = 0;
    for (String p : paths) {
      chars += p.length();
    }
    return (int) Math.min(Integer.MAX_VALUE, chars * 2 + paths.size() * 48L + 64);
  }
}
