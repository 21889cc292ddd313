package dev.sourcegate.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sourcegate.resolve.rules.ReleaseLinks;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.ReleaseLink;
import dev.sourcegate.source.RepoRef;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The resolve side's asker: the packaged commit alone first, then every tag at once; never a failure. */
class ReleaseLinksTest {
  private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
  private static final RepoRef SERDE = RepoRef.github("serde-rs", "serde");
  private static final List<ReleaseLink> CANDIDATES =
      ReleaseLink.candidates(SERDE, ReleaseLink.refs(SHA, "v1.0.0", "1.0.0"), "serde", List.of("src/lib.rs"));
  private final FakeSourceReader reader = new FakeSourceReader();

  private Optional<String> first() {
    Future<Optional<String>> f = ReleaseLinks.first(reader, CANDIDATES);
    assertEquals(true, f.succeeded(), () -> String.valueOf(f.cause()));
    return f.result();
  }

  @Test
  void thePackagedCommitWinsAndTheTagsAreNotAsked() {
    reader.file("serde-rs/serde@" + SHA + ":serde/src/lib.rs").file("serde-rs/serde@v1.0.0:serde/src/lib.rs");
    assertEquals(Optional.of("https://github.com/serde-rs/serde/blob/" + SHA + "/serde/src/lib.rs"), first());
    assertEquals(List.of("github serde-rs/serde@" + SHA + ":serde/src/lib.rs"), reader.calls());
  }

  @Test
  void withoutItTheTagsAreAskedTogetherAndTheFirstInOrderWins() {
    reader.file("serde-rs/serde@1.0.0:serde/src/lib.rs");
    assertEquals(Optional.of("https://github.com/serde-rs/serde/blob/1.0.0/serde/src/lib.rs"), first());
    assertEquals(3, reader.calls().size(), reader.calls().toString());
  }

  @Test
  void aFailureOrNoFileAnywhereIsNoLink() {
    assertEquals(Optional.empty(), first());
    reader.fail("github serde-rs/serde@" + SHA + ":serde/src/lib.rs", new RpcException(Code.RESOURCE_EXHAUSTED, "rate limited"));
    reader.file("serde-rs/serde@v1.0.0:serde/src/lib.rs");
    assertEquals(Optional.empty(), first(), "a rate limit is not a miss: the tags are not guessed on");
  }
}
