package dev.sourcegate.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.ReleaseLink;
import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The providers' asker: every candidate and the visibility at once; public only; no guess past a failure. */
class GitHubTagLinksTest {
  private static final RepoRef EXPRESS = RepoRef.github("expressjs", "express");
  private final Map<String, RuntimeException> failures = new HashMap<>();
  private final List<String> files = new ArrayList<>();
  private final List<String> asked = new ArrayList<>();
  private boolean isPublic = true;

  private final SourceProvider github = new SourceProvider() {
    @Override
    public String host() {
      return RepoRef.GITHUB;
    }

    @Override
    public String upstreamName() {
      return "GitHub";
    }

    @Override
    public Future<SourceFile> file(ProviderCall call, RepoRef where, String ref, String path) {
      String key = ref + ":" + path;
      asked.add(key);
      if (failures.containsKey(key)) {
        return Future.failedFuture(failures.get(key));
      }
      return files.contains(key) ? Future.succeededFuture(new SourceFile(new byte[0], "x"))
          : Future.failedFuture(RpcException.notFound(key));
    }

    @Override
    public Future<RepoAnswer> repository(ProviderCall call, RepoRef where, String etag) {
      asked.add("repository");
      return Future.succeededFuture(new RepoAnswer(isPublic, null, false));
    }
  };

  private Optional<String> find() {
    List<ReleaseLink> candidates = GitHubTagLinks.tagged(Optional.of(EXPRESS), "express", "4.18.2", "", List.of("lib/router.js"));
    Future<Optional<String>> f = new GitHubTagLinks(github).find(new ProviderCall("t", Long.MAX_VALUE, null), candidates);
    assertEquals(true, f.succeeded());
    return f.result();
  }

  @Test
  void everyCandidateIsAskedAtOnceAndTheFirstInOrderWins() {
    files.addAll(List.of("4.18.2:lib/router.js", "express@4.18.2:lib/router.js"));
    assertEquals(Optional.of("https://github.com/expressjs/express/blob/4.18.2/lib/router.js"), find());
    // all asked before any answer is looked at (this fake answers at once, so the order is the asking order)
    assertEquals(List.of("repository", "v4.18.2:lib/router.js", "4.18.2:lib/router.js", "express@4.18.2:lib/router.js"), asked);
  }

  @Test
  void aPrivateRepositoryIsNeverLinked() {
    files.add("v4.18.2:lib/router.js");
    isPublic = false;
    assertEquals(Optional.empty(), find());
  }

  @Test
  void aCandidateGitHubCannotAnswerIsNotSkippedForALaterOne() {
    files.add("4.18.2:lib/router.js");
    failures.put("v4.18.2:lib/router.js", new RpcException(Code.RESOURCE_EXHAUSTED, "rate limited"));
    assertEquals(Optional.empty(), find());
    failures.clear();
    assertEquals(Optional.of("https://github.com/expressjs/express/blob/4.18.2/lib/router.js"), find());
  }
}
