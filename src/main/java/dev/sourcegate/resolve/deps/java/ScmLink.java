package dev.sourcegate.resolve.deps.java;

import dev.sourcegate.resolve.rules.SourceReader;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.FileTree;
import dev.sourcegate.source.InvalidSourceInput;
import dev.sourcegate.source.ReleaseLink;
import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.RepoUrl;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The page a dependency's file links to, when it is cheap to know: the artifact's own pom names its
 * source repository ({@code <scm><url>}) on GitHub, and that repository's file tree at the release's tag
 * ({@code <scm><tag>}, else {@code v<version>}) lists a file ending in the member's path (the module's
 * directory is not known otherwise). Then the link is that file on GitHub at that tag; in every other
 * case (no scm, another host, no such tag, the file not listed, any failure) there is no link and the
 * sources jar's member is linked instead. Two reads, each cached (the pom for good, the tree per commit).
 */
final class ScmLink {
  private ScmLink() {}

  static Future<Optional<String>> of(SourceReader reader, LockedArtifacts.Pin pin, String member) {
    RepoRef artifact = RepoRef.maven(pin.artifact().groupId(), pin.artifact().artifactId());
    Future<SourceFile> pom;
    try {
      pom = reader.file(artifact, pin.version(), String.format(RepoRef.MAVEN_POM_PATH, artifact.owner(), artifact.repo()));
    } catch (RuntimeException e) {
      return Future.succeededFuture(Optional.empty());
    }
    return pom.compose(f -> {
      if (f.content().length > PomReads.MAX_POM_BYTES) {
        return Future.succeededFuture(Optional.<String>empty());
      }
      PomFile.Scm scm = PomFile.parse(new String(f.content(), StandardCharsets.UTF_8)).scm();
      Optional<RepoUrl> repo = github(scm.url());
      if (repo.isEmpty()) {
        return Future.succeededFuture(Optional.<String>empty());
      }
      String tag = scm.tag().isEmpty() || scm.tag().equalsIgnoreCase("HEAD") ? "v" + pin.version() : scm.tag();
      RepoRef repository = RepoRef.github(repo.get().owner(), repo.get().repo());
      return reader.tree(repository, tag)
          .map(tree -> path(tree, member, pin.artifact().artifactId()).map(p -> new ReleaseLink(repository, tag, p).url()));
    }).otherwise(Optional.empty());
  }

  /** {@code https://github.com/o/r}, {@code scm:git:git@github.com:o/r.git}, {@code scm:git:https://...}. */
  static Optional<RepoUrl> github(String scmUrl) {
    String url = scmUrl.strip();
    while (url.startsWith("scm:")) {
      int colon = url.indexOf(':', 4);
      if (colon < 0) {
        return Optional.empty();
      }
      url = url.substring(colon + 1);
    }
    if (!url.toLowerCase(Locale.ROOT).contains("github.com")) {
      return Optional.empty();
    }
    try {
      return Optional.of(RepoUrl.parse(url, Set.of("github.com")));
    } catch (InvalidSourceInput | RpcException e) {
      return Optional.empty();
    }
  }

  /** The tree's path of the member: the one under the artifact's directory, else under src/main/, else the shortest. */
  static Optional<String> path(FileTree tree, String member, String artifactId) {
    return tree.paths().stream().filter(p -> p.equals(member) || p.endsWith("/" + member))
        .min(Comparator.comparing((String p) -> !p.startsWith(artifactId + "/"))
            .thenComparing(p -> !p.contains("src/main/"))
            .thenComparingInt(String::length)
            .thenComparing(p -> p));
  }
}
