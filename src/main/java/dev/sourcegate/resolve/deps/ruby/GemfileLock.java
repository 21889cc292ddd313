package dev.sourcegate.resolve.deps.ruby;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The git sources of a Bundler lock file ({@code Gemfile.lock}, {@code gems.locked}): each {@code GIT}
 * section's {@code remote} and {@code revision} (the commit Bundler checked out) and the gems its
 * {@code specs} list. The format is Bundler's own, a few indented lines per section, and small enough to
 * read here: a section starts at column 0, its fields are indented two spaces, its specs four.
 */
record GemfileLock(List<GitSource> gitSources) {
  record GitSource(String remote, String revision, List<String> gems) {}

  GemfileLock {
    gitSources = List.copyOf(gitSources);
  }

  static GemfileLock parse(String text) {
    List<GitSource> out = new ArrayList<>();
    boolean inGit = false;
    String remote = null;
    String revision = null;
    List<String> gems = new ArrayList<>();
    for (String line : (text + "\nEND\n").split("\r?\n")) {
      if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
        if (inGit && remote != null && revision != null) {
          out.add(new GitSource(remote, revision, List.copyOf(gems)));
        }
        inGit = line.trim().equals("GIT");
        remote = null;
        revision = null;
        gems.clear();
      } else if (inGit && line.startsWith("  remote: ")) {
        remote = line.substring("  remote: ".length()).trim();
      } else if (inGit && line.startsWith("  revision: ")) {
        revision = line.substring("  revision: ".length()).trim();
      } else if (inGit && line.startsWith("    ") && !line.startsWith("     ")) {
        String spec = line.trim();
        int space = spec.indexOf(' ');
        gems.add(space < 0 ? spec : spec.substring(0, space));
      }
    }
    return new GemfileLock(out);
  }

  /**
   * The git source a checkout directory came from: its revision starts with the directory's commit
   * prefix, and its remote's repository name is the directory's (Bundler names the directory so); when
   * the name does not match any, a single source with that revision still does.
   */
  Optional<GitSource> source(GemFrame.GitCheckout checkout) {
    List<GitSource> byRevision = gitSources.stream()
        .filter(s -> s.revision().toLowerCase(Locale.ROOT).startsWith(checkout.shortSha())).toList();
    return byRevision.stream().filter(s -> repositoryName(s.remote()).equals(checkout.repositoryName())).findFirst()
        .or(() -> byRevision.size() == 1 ? Optional.of(byRevision.get(0)) : Optional.empty());
  }

  /** The last path segment of a remote without ".git": "rails" for git@github.com:rails/rails.git. */
  static String repositoryName(String remote) {
    String r = remote.replaceAll("/+$", "");
    int cut = Math.max(r.lastIndexOf('/'), r.lastIndexOf(':'));
    String name = r.substring(cut + 1);
    return name.endsWith(".git") ? name.substring(0, name.length() - 4) : name;
  }
}
