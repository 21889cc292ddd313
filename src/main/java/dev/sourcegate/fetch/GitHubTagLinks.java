package dev.sourcegate.fetch;

import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The link a package registry's answer carries when the package's metadata names a GitHub repository:
 * the file in that repository at the version's tag ({@code https://github.com/o/r/blob/<tag>/<path>}),
 * when GitHub shows it there; otherwise the registry's own stable link stays. The bytes served are
 * always the registry's: only the link changes.
 *
 * <p>Every candidate (tag, path) is asked at once, together with whether the repository is public, and
 * the first candidate in order that exists wins: a registry provider starts this as soon as its metadata
 * names the repository, alongside the artifact read, so it costs no round trip after it when GitHub is
 * as quick as the registry. A private repository is never linked: the answer is cached for every caller,
 * and a link would tell them what the one caller's token could see. Never fails: a GitHub that cannot
 * say (down, rate limited) leaves the registry's link.
 */
final class GitHubTagLinks {
  static final GitHubTagLinks NONE = new GitHubTagLinks(null);

  private final SourceProvider github;

  GitHubTagLinks(SourceProvider github) {
    this.github = github;
  }

  /** The blob URL of the first of tags x paths (tags outermost) that the public repository holds. */
  Future<Optional<String>> find(ProviderCall call, Optional<RepoRef> repository, List<String> tags, List<String> paths) {
    if (github == null || repository.isEmpty() || tags.isEmpty() || paths.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    RepoRef where = repository.get();
    ProviderCall asked = new ProviderCall(call.token(), call.deadline(), github.scope(where));
    Future<SourceProvider.RepoAnswer> visibility = github.repository(asked, where, null);
    List<String> links = new ArrayList<>();
    List<Future<SourceFile>> reads = new ArrayList<>();
    for (String tag : tags) {
      for (String path : paths) {
        links.add("https://github.com/" + UrlPaths.encode(where.owner()) + "/" + UrlPaths.encode(where.repo())
            + "/blob/" + UrlPaths.encodePath(tag) + "/" + UrlPaths.encodePath(path));
        reads.add(github.file(asked, where, tag, path));
      }
    }
    List<Future<?>> all = new ArrayList<>(reads);
    all.add(visibility);
    return Future.join(all).transform(done -> {
      if (visibility.failed() || !visibility.result().isPublic()) {
        return Future.succeededFuture(Optional.empty());
      }
      for (int i = 0; i < reads.size(); i++) {
        if (reads.get(i).succeeded()) {
          return Future.succeededFuture(Optional.of(links.get(i)));
        }
      }
      return Future.succeededFuture(Optional.empty());
    });
  }

  /** The tags a release of version is published under: {@code v1.2.3}, {@code 1.2.3}, {@code name@1.2.3}. */
  static List<String> tagsFor(String name, String version) {
    return List.of("v" + version, version, name + "@" + version);
  }
}
