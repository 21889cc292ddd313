package dev.sourcegate.resolve.deps.rust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sourcegate.resolve.rules.ReleaseLinks;
import dev.sourcegate.resolve.rules.ResolveContext;
import dev.sourcegate.resolve.runtime.Toml;
import dev.sourcegate.source.CommitSha;
import dev.sourcegate.source.CrateNames;
import dev.sourcegate.source.InvalidSourceInput;
import dev.sourcegate.source.ReleaseLink;
import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.RepoUrl;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A registry crate's file: its bytes from the crate registry (the exact ones Cargo installed), and the
 * best public page of it. The page is the file in the crate's own GitHub repository when that exists: the
 * repository is the one the crate's manifest names ({@code package.repository} of the Cargo.toml inside
 * the .crate, the field crates.io shows), the directory is where {@code cargo package} says the crate
 * lives in it ({@code .cargo_vcs_info.json}'s {@code path_in_vcs}), and the ref is the commit it was
 * packaged from ({@code git.sha1}), else the first of the tags {@code v<version>}, {@code <version>},
 * {@code <crate>-v<version>}, {@code <crate>-<version>} that holds the file. Otherwise docs.rs's source
 * view, as the registry's provider answers it; never a local path.
 *
 * <p>The manifest and the VCS info are read from the same .crate at the same time as the file (the
 * provider downloads it once); the GitHub look-ups then run together. A look-up that fails for any
 * reason leaves the docs.rs page: the link is a courtesy, the bytes are the answer.
 */
final class CrateSource {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> GITHUB = Set.of("github.com");

  private CrateSource() {}

  static Future<SourceFile> read(ResolveContext ctx, String crate, String version, String sha256, String member) {
    RepoRef where = RepoRef.crates(crate);
    String ref = CrateNames.ref(version, sha256);
    Future<SourceFile> file = ctx.reader().file(where, ref, member);
    Future<SourceFile> manifest = ctx.reader().file(where, ref, "Cargo.toml");
    Future<SourceFile> vcsInfo = ctx.reader().file(where, ref, ".cargo_vcs_info.json");
    return file.compose(f -> Future.join(manifest, vcsInfo).transform(done -> {
      Optional<RepoUrl> repo = manifest.succeeded() ? repository(manifest.result()) : Optional.empty();
      if (repo.isEmpty()) {
        return Future.succeededFuture(f);
      }
      VcsInfo vcs = vcsInfo.succeeded() ? VcsInfo.of(vcsInfo.result()) : VcsInfo.NONE;
      List<String> refs = ReleaseLink.refs(vcs.commit(), "v" + version, version, crate + "-v" + version, crate + "-" + version);
      List<ReleaseLink> candidates = ReleaseLink.candidates(RepoRef.github(repo.get().owner(), repo.get().repo()), refs,
          vcs.pathInVcs(), List.of(member));
      return ReleaseLinks.first(ctx.reader(), candidates)
          .map(page -> page.map(url -> new SourceFile(f.content(), url)).orElse(f));
    }));
  }

  /** The manifest's repository when it is a GitHub repository. */
  static Optional<RepoUrl> repository(SourceFile manifest) {
    String url = Toml.parse(new String(manifest.content(), StandardCharsets.UTF_8)).path("package").path("repository").asText("");
    try {
      return url.isEmpty() ? Optional.empty() : Optional.of(RepoUrl.parse(url, GITHUB));
    } catch (InvalidSourceInput e) {
      return Optional.empty();
    }
  }

  /** What {@code cargo package} recorded of where the crate came from: the commit and the crate's directory. */
  record VcsInfo(String commit, String pathInVcs) {
    static final VcsInfo NONE = new VcsInfo("", "");

    static VcsInfo of(SourceFile file) {
      try {
        JsonNode root = JSON.readTree(file.content());
        String sha = root.path("git").path("sha1").asText("");
        String dir = root.path("path_in_vcs").asText("");
        boolean safeDir = dir.isEmpty() || dir.matches("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*") && !dir.contains("..");
        return new VcsInfo(CommitSha.isFull(sha) ? sha : "", safeDir ? dir : "");
      } catch (IOException | RuntimeException e) {
        return NONE;
      }
    }
  }
}
