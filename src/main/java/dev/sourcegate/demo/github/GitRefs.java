package dev.sourcegate.demo.github;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** How GitHub reads a ref, for the simulated GitHub and the demo's sample repositories alike. */
public final class GitRefs {
  private static final Pattern SHA_PREFIX = Pattern.compile("[0-9a-f]{7,40}");

  private GitRefs() {}

  /**
   * The commit SHA a ref names: HEAD (or none) for the default branch, a branch or tag (also as heads/X,
   * tags/X, refs/heads/X, refs/tags/X), a full SHA or an unambiguous prefix of at least 7 digits of one
   * of shas.
   */
  public static Optional<String> resolve(String ref, String defaultBranch, Map<String, String> branches,
      Map<String, String> tags, Collection<String> shas) {
    if (ref == null || ref.isEmpty() || ref.equals("HEAD")) {
      return Optional.ofNullable(defaultBranch).map(branches::get);
    }
    String r = ref.startsWith("refs/") ? ref.substring("refs/".length()) : ref;
    if (r.startsWith("heads/") && branches.containsKey(r.substring(6))) {
      return Optional.of(branches.get(r.substring(6)));
    }
    if (r.startsWith("tags/") && tags.containsKey(r.substring(5))) {
      return Optional.of(tags.get(r.substring(5)));
    }
    if (branches.containsKey(r)) {
      return Optional.of(branches.get(r));
    }
    if (tags.containsKey(r)) {
      return Optional.of(tags.get(r));
    }
    String lower = r.toLowerCase(Locale.ROOT);
    if (!SHA_PREFIX.matcher(lower).matches()) {
      return Optional.empty();
    }
    List<String> found = shas.stream().filter(sha -> sha.startsWith(lower)).toList();
    return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
  }
}
