package dev.sourcegate.resolve.deps.java;

import dev.sourcegate.resolve.rules.Lookups;
import dev.sourcegate.resolve.rules.ResolveContext;
import dev.sourcegate.resolve.runtime.JvmClass;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.FileTree;
import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Java and Kotlin dependency frames (docs/resolution.md §17): a class nothing else found is looked for in
 * the sources jars of the artifacts the build pins ({@link JavaBuildFiles}) whose groupId is its package
 * or a parent of it. Each candidate jar's list of source files (its central directory, cached by the
 * fetcher for good) is checked for the class's file; the first jar that holds it answers, at the exact
 * version pinned, linked to the file in the artifact's GitHub repository at the release's tag when that
 * is cheap to know ({@link ScmLink}), else to the member in the jar.
 */
public final class JavaDependencies {
  /** What build-file answers (one per caller, repository, ref and rootPath) may weigh together. */
  private static final long CACHE_BYTES = 64L * 1024 * 1024;
  /** Candidates a not_found message names; a BOM may make dozens. */
  private static final int SHOWN_CANDIDATES = 10;
  private final JavaBuildFiles builds;

  public JavaDependencies(Duration refTtl) {
    this.builds = new JavaBuildFiles(refTtl, CACHE_BYTES);
  }

  /**
   * The class's file from the first candidate artifact's sources jar that holds one of files (the class's
   * possible files, most likely first); notHere: why the application's own files did not answer, kept
   * in the message when no dependency does either.
   */
  public Future<SourceFile> find(ResolveContext ctx, JvmClass cls, List<String> files, String notHere) {
    return builds.versions(ctx.query(), ctx.reader()).compose(locked -> {
      List<LockedArtifacts.Pin> candidates = locked.candidates(cls.packageName());
      if (candidates.isEmpty()) {
        return Future.failedFuture(RpcException.notFound(notHere + "; no artifact the build pins has a groupId that"
            + " holds package " + Lookups.shown(cls.packageName()) + " (" + locked.describeRead() + ")"));
      }
      String tried = candidates.stream().limit(SHOWN_CANDIDATES).map(p -> Lookups.shown(p + " (" + p.file() + ")"))
          .collect(Collectors.joining(", ")) + (candidates.size() > SHOWN_CANDIDATES
          ? " and " + (candidates.size() - SHOWN_CANDIDATES) + " more" : "");
      return Lookups.firstFoundSpeculatively(candidates, pin -> fromJar(ctx, pin, files),
          () -> RpcException.notFound(Lookups.shown(files.get(0)) + " is in none of the sources jars of " + tried),
          ctx.lookupWindow());
    });
  }

  private static Future<SourceFile> fromJar(ResolveContext ctx, LockedArtifacts.Pin pin, List<String> files) {
    RepoRef where = RepoRef.maven(pin.artifact().groupId(), pin.artifact().artifactId());
    return ctx.reader().tree(where, pin.version()).compose((FileTree tree) -> {
      for (String file : files) {
        if (tree.paths().contains(file)) {
          Future<SourceFile> read = ctx.reader().file(where, pin.version(), file);
          Future<Optional<String>> link = ScmLink.of(ctx.reader(), pin, file);
          return read.compose(f -> link.map(url -> url.map(u -> new SourceFile(f.content(), u)).orElse(f)));
        }
      }
      return Future.failedFuture(RpcException.notFound(pin + " does not hold " + files.get(0)));
    });
  }
}
