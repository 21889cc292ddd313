package dev.sourcegate.fetch.graphql;

import java.util.Map;

/**
 * The names at the top of a commit's tree and what each is ({@code blob}, {@code tree}, or {@code commit}
 * for a submodule), as GitHub's {@code Tree.entries} gives them. Enough to know, without asking, that a
 * path cannot exist at that commit: git paths start with one of these names, compared exactly (git is
 * case-sensitive).
 */
public record RootListing(Map<String, String> typeByName) {
  public RootListing {
    typeByName = Map.copyOf(typeByName);
  }

  /**
   * True only when path certainly names nothing at the commit: its first segment is not a root entry, or
   * is a file while the path goes on below it. A first segment that is empty, "." or ".." is never judged
   * (whatever the host makes of such a path, it is its answer, not this listing's).
   */
  public boolean rulesOut(String path) {
    int slash = path.indexOf('/');
    String first = slash < 0 ? path : path.substring(0, slash);
    if (first.isEmpty() || first.equals(".") || first.equals("..")) {
      return false;
    }
    String type = typeByName.get(first);
    if (type == null) {
      return true;
    }
    return slash >= 0 && type.equals("blob");
  }

  /** What holding it costs, roughly: the names' characters and a map node each. */
  public int weight() {
    int w = 64;
    for (String name : typeByName.keySet()) {
      w += name.length() * 2 + 48;
    }
    return w;
  }
}
