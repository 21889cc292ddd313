package dev.sourcegate.fetch;

import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.ReleaseLink;
import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a package registry's provider asks GitHub for a {@link ReleaseLink}: the file in the package's
 * repository at the release's tag ({@code https://github.com/o/r/blob/<tag>/<path>}), when GitHub shows
 * it there; otherwise the registry's own stable link stays. The bytes served are always the registry's:
 * only the link changes.
 *
 * <p>Every candidate is asked at once, together with whether the repository is public, and the first
 * candidate in order that exists wins: a provider starts this as soon as its metadata names the
 * repository, alongside the artifact read, so it costs no round trip after it when GitHub is as quick as
 * the registry. A private repository is never linked: a registry's answer is cached for every caller,
 * and a link would tell them what the one caller's token could see. Never fails: a GitHub that cannot
 * say (down, rate limited), for the repository or for a candidate before the first found, leaves the
 * registry's link, as the resolve side's {@code ReleaseLinks} does.
 */
final class GitHubTagLinks {
  static final GitHubTagLinks NONE = new GitHubTagLinks(null);

  private final SourceProvider github;

  GitHubTagLinks(SourceProvider github) {
    this.github = github;
  }

  /** The page of the first candidate (all in one repository) that the public repository holds. */
  Future<Optional<String>> find(ProviderCall call, List<ReleaseLink> candidates) {
    if (github == null || candidates.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    RepoRef where = candidates.get(0).repository();
    ProviderCall asked = new ProviderCall(call.token(), call.deadline(), github.scope(where));
    Future<SourceProvider.RepoAnswer> visibility = github.repository(asked, where, null);
    List<Future<SourceFile>> reads = new ArrayList<>();
    for (ReleaseLink candidate : candidates) {
      reads.add(github.file(asked, where, candidate.ref(), candidate.path()));
    }
    List<Future<?>> all = new ArrayList<>(reads);
    all.add(visibility);
    return Future.join(all).transform(done -> {
      if (visibility.failed() || !visibility.result().isPublic()) {
        return Future.succeededFuture(Optional.empty());
      }
      for (int i = 0; i < reads.size(); i++) {
        if (reads.get(i).succeeded()) {
          return Future.succeededFuture(Optional.of(candidates.get(i).url()));
        }
        if (!RpcException.isNotFound(reads.get(i).cause())) {
          // GitHub could not say whether an earlier candidate holds the file: a later one would be a guess, cached for good
          return Future.succeededFuture(Optional.empty());
        }
      }
      return Future.succeededFuture(Optional.empty());
    });
  }

  /** npm's and PyPI's candidates: tags {@code v1.2.3}, {@code 1.2.3}, {@code name@1.2.3}; none without a repository. */
  static List<ReleaseLink> tagged(Optional<RepoRef> repository, String name, String version, String directory,
      List<String> members) {
    return repository.map(r -> ReleaseLink.candidates(r, ReleaseLink.refs("v" + version, version, name + "@" + version),
        directory, members)).orElse(List.of());
  }
}
