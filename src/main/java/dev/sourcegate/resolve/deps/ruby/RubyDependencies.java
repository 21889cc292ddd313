package dev.sourcegate.resolve.deps.ruby;

import dev.sourcegate.resolve.rules.AppPathWalk;
import dev.sourcegate.resolve.rules.FileQuery;
import dev.sourcegate.resolve.rules.SourceReader;
import dev.sourcegate.resolve.rules.Lookups;
import dev.sourcegate.resolve.rules.ResolveContext;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.InvalidSourceInput;
import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.RepoUrl;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Frames in installed gems (docs/resolution.md, Ruby gems). A registry gem's directory names its exact
 * version: the file is read from that version's .gem on RubyGems ({@link RepoRef#rubygems}). A gem Bundler
 * checked out from git is read from the repository the lock file's GIT section names, at its revision,
 * when that repository is on GitHub. A gem neither finds may be committed (a vendored bundle): the
 * application's path walk reads it; when that misses too, the answer says what was looked for.
 */
public final class RubyDependencies {
  private static final long LOCK_CACHE_ENTRIES = 10_000;
  private final GemfileLocks locks;

  public RubyDependencies(Duration refTtl) {
    this.locks = new GemfileLocks(refTtl, LOCK_CACHE_ENTRIES);
  }

  public Optional<GemFrame> recognise(String localPath) {
    return GemFrame.parse(localPath);
  }

  /** Starts reading the lock files a git-sourced gem's frame will need; nothing for any other path. */
  public void prefetch(FileQuery q, SourceReader reader) {
    if (GemFrame.parse(q.localPath() == null ? "" : q.localPath()).orElse(null) instanceof GemFrame.GitCheckout) {
      locks.read(q, reader).otherwiseEmpty();
    }
  }

  public Future<SourceFile> read(ResolveContext ctx, GemFrame frame) {
    Future<SourceFile> found = frame instanceof GemFrame.GitCheckout checkout ? fromGit(ctx, checkout)
        : fromRegistry(ctx, (GemFrame.Installed) frame);
    return found.recover(e -> RpcException.isNotFound(e)
        ? Lookups.notFoundAs(AppPathWalk.localPath(ctx), e.getMessage())
        : Future.failedFuture(e));
  }

  private static Future<SourceFile> fromRegistry(ResolveContext ctx, GemFrame.Installed gem) {
    String member = gem.member();
    String tried = String.join(" or ", gem.readings().stream().map(GemFrame.GemVersion::fullName).toList());
    return Lookups.firstFound(gem.readings(),
        r -> ctx.reader().file(RepoRef.rubygems(r.name()), r.ref(), member),
        () -> RpcException.notFound("Ruby gem file " + Lookups.shown(member) + " not found in "
            + Lookups.shown(tried) + " on RubyGems"));
  }

  private Future<SourceFile> fromGit(ResolveContext ctx, GemFrame.GitCheckout checkout) {
    String what = "git-sourced gem " + Lookups.shown(checkout.directory());
    return locks.read(ctx.query(), ctx.reader()).compose(found -> {
      Optional<GemfileLock.GitSource> source = found.locks().stream()
          .map(l -> l.source(checkout)).flatMap(Optional::stream).findFirst();
      if (source.isEmpty()) {
        return Future.failedFuture(RpcException.notFound(what + ": no GIT section with revision "
            + checkout.shortSha() + "...; " + found.describe()));
      }
      RepoUrl repo;
      try {
        repo = RepoUrl.parse(source.get().remote(), Set.of("github.com"));
      } catch (InvalidSourceInput e) {
        return Future.failedFuture(RpcException.notFound(what + " comes from "
            + Lookups.shown(source.get().remote()) + ", which is not a GitHub repository"));
      }
      String revision = source.get().revision();
      return Lookups.notFoundAs(ctx.reader().githubFile(repo.owner(), repo.repo(), revision, checkout.path()),
          "file " + Lookups.shown(checkout.path()) + " of " + what + " not found in " + repo.owner() + "/"
              + repo.repo() + " at " + Lookups.shown(revision));
    });
  }
}
