package dev.sourcegate.resolve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.resolve.rules.FileQuery;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a dry run may assume about a steering file or a vanity page, and what it may not. */
class LastKnownContentTest {
  private final LastKnownContent known = new LastKnownContent();
  private final FileQuery c1 = new FileQuery("acme", "app", "c1", "/x.go", "svc", "f");
  private final FileQuery c2 = new FileQuery("Acme", "App", "c2", "/y.go", "svc", "f");
  private final RepoRef app = RepoRef.github("acme", "app");

  private static Future<SourceFile> found(String text) {
    return Future.succeededFuture(new SourceFile(text.getBytes(StandardCharsets.UTF_8), "u"));
  }

  @Test
  void theSteeringFilesAreOneListMatchedOnWholeSegments() {
    for (String p : new String[] {"go.mod", "svc/go.mod", "vendor/modules.txt", "svc/vendor/modules.txt",
        "Gemfile.lock", "api/gems.locked", "Cargo.lock", "svc/Cargo.lock"}) {
      assertTrue(LastKnownContent.steers(p), p);
    }
    for (String p : new String[] {"notgo.mod", "go.mod.bak", "modules.txt", "package-lock.json", "uv.lock", "main.go"}) {
      assertFalse(LastKnownContent.steers(p), p);
    }
  }

  @Test
  void aSteeringFileIsAssumedAtAnotherRefForTheSameCallerRepositoryAndRootPathOnly() {
    known.learnFile(c1, "alice", app, "c1", "go.mod", found("module a"));
    assertArrayEquals("module a".getBytes(StandardCharsets.UTF_8), known.file(c2, "alice", app, "c2", "go.mod").content(),
        "the repository's name in another case is the same repository");
    assertNull(known.file(c2, "bob", app, "c2", "go.mod"), "another caller");
    assertNull(known.file(new FileQuery("acme", "app", "c2", "/y.go", "", "f"), "alice", app, "c2", "go.mod"), "another rootPath");
    assertNull(known.file(c2, "alice", app, "c1", "go.mod"), "a read at another ref than the request's is not the request's go.mod");
    assertNull(known.file(c2, "alice", RepoRef.github("acme", "other"), "c2", "go.mod"), "another repository's read");
    assertNull(known.file(c2, "alice", app, "c2", "main.go"), "not a steering file");
  }

  @Test
  void onlyWhatTheRequestReadOfItsOwnRepositoryIsLearnt() {
    known.learnFile(c1, "alice", RepoRef.github("pkg", "errors"), "c1", "go.mod", found("module other"));
    known.learnFile(c1, "alice", app, "main", "go.mod", found("module other ref"));
    known.learnFile(c1, "alice", app, "c1", "main.go", found("package main"));
    assertNull(known.file(c2, "alice", RepoRef.github("pkg", "errors"), "c2", "go.mod"));
    assertNull(known.file(c2, "alice", app, "c2", "go.mod"));
    assertNull(known.file(c2, "alice", app, "c2", "main.go"));
  }

  @Test
  void aFileNowMissingIsForgottenAndAnyOtherFailureChangesNothing() {
    known.learnFile(c1, "alice", app, "c1", "Cargo.lock", found("version = 3"));
    known.learnFile(c1, "alice", app, "c1", "Cargo.lock", Future.failedFuture(new RpcException(Code.RESOURCE_EXHAUSTED, "rate limited")));
    assertEquals("version = 3", new String(known.file(c2, "alice", app, "c2", "Cargo.lock").content(), StandardCharsets.UTF_8));
    known.learnFile(c1, "alice", app, "c1", "Cargo.lock", Future.failedFuture(RpcException.notFound("gone")));
    assertNull(known.file(c2, "alice", app, "c2", "Cargo.lock"));
  }

  @Test
  void aFilePastTheCapIsNotKept() {
    String huge = "x".repeat(LastKnownContent.MAX_ONE_FILE_BYTES + 1);
    known.learnFile(c1, "alice", app, "c1", "Gemfile.lock", found(huge));
    assertNull(known.file(c2, "alice", app, "c2", "Gemfile.lock"));
  }

  @Test
  void aVanityPageIsSharedAndAFailedReadChangesNothing() {
    known.learnPage("go.uber.org/zap", Future.succeededFuture("<meta>"));
    known.learnPage("go.uber.org/zap", Future.failedFuture(RpcException.notFound("down")));
    assertEquals("<meta>", known.page("go.uber.org/zap"));
    assertNull(known.page("k8s.io/api"));
  }
}
