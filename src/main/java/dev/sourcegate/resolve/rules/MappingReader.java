package dev.sourcegate.resolve.rules;

import dev.sourcegate.source.PathGuard;
import dev.sourcegate.source.SourceFile;

import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.Mapping;
import dev.sourcegate.source.MappingMatch;
import dev.sourcegate.source.MappingSource;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads files through .pyroscope.yaml mappings (docs/resolution.md §2).
 *
 * <p>Matching mappings are tried in the order {@link dev.sourcegate.configloader.MappingMatcher} gives
 * (score descending, ties in file order); the first that yields a file wins. NOT_FOUND from one mapping
 * lets the next try; any other failure stops, since it says something about the caller's access rather
 * than about the file.
 */
public final class MappingReader {
  private MappingReader() {}

  /**
   * Reads relative path {@code relative} through one mapping: a local source is a directory of the
   * request's repository relative to the .pyroscope.yaml (hence under rootPath), read at the request's
   * ref; a github source is a directory of another repository at the mapping's own ref.
   */
  public static Future<SourceFile> read(Mapping mapping, String relative, ResolveContext ctx) {
    MappingSource source = mapping.source();
    if (source instanceof MappingSource.Local local) {
      return ctx.readUnderRoot(PathGuard.join(withoutDotSlash(local.path()), relative));
    }
    if (source instanceof MappingSource.GitHub gh) {
      String ref = gh.ref() == null || gh.ref().isBlank() ? "HEAD" : gh.ref();
      return ctx.reader().githubFile(gh.owner(), gh.repo(), ref, PathGuard.join(orEmpty(gh.path()), relative));
    }
    return Future.failedFuture(RpcException.notFound("mapping has no source"));
  }

  /**
   * "Mappings" as in Go rule 1 (also Python and JavaScript): each mapping cuts as many characters as its
   * score off {@code path} (it is skipped when the score is longer than the path), the leading "/" is
   * dropped and the rest is read through it.
   */
  public static Future<SourceFile> readCut(List<MappingMatch> matches, String path, ResolveContext ctx) {
    return Lookups.firstFound(
        matches,
        m -> relativeAfter(path, m.score())
            .map(rel -> read(m.mapping(), rel, ctx))
            .orElseGet(() -> Future.failedFuture(RpcException.notFound("mapping does not apply"))),
        () -> RpcException.notFound("no mapping yielded " + Lookups.shown(path)));
  }

  /**
   * The order of every language that has rules of its own after the mappings: the mappings (as
   * {@link #readCut}) first, and only when none yields the file, {@code rules}.
   */
  public static Future<SourceFile> mappingsThen(ResolveContext ctx, Supplier<Future<SourceFile>> rules) {
    return Lookups.orElseIfNotFound(readCut(ctx.matches(), ctx.localPath(), ctx), rules);
  }

  /** "Mappings" as in the Java rule: every mapping reads the same relative path, nothing cut off it. */
  public static Future<SourceFile> readWhole(List<MappingMatch> matches, String relative, ResolveContext ctx) {
    return Lookups.firstFound(
        matches,
        m -> read(m.mapping(), relative, ctx),
        () -> RpcException.notFound("no mapping yielded " + Lookups.shown(relative)));
  }

  /**
   * What is left of {@code path} after cutting {@code score} characters and the leading slashes; empty
   * when the score is longer than the path or nothing is left (a directory is not a file).
   */
  public static Optional<String> relativeAfter(String path, int score) {
    if (score < 0 || score > path.length()) {
      return Optional.empty();
    }
    String rest = path.substring(score);
    while (rest.startsWith("/")) {
      rest = rest.substring(1);
    }
    return rest.isEmpty() ? Optional.empty() : Optional.of(rest);
  }

  /** "./src" and "src" name the same directory; GitHub's contents API only understands the latter. */
  private static String withoutDotSlash(String path) {
    String p = orEmpty(path);
    while (p.startsWith("./")) {
      p = p.substring(2);
    }
    return p.equals(".") ? "" : p;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
