package dev.sourcegate.fetch.graphql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.sourcegate.fetch.graphql.ContentStore.CheckedRepository;
import dev.sourcegate.fetch.graphql.ContentStore.Location;
import dev.sourcegate.source.GitBlobId;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Bytes kept once per content, reachable only through an index entry of a repository the caller was checked for. */
class ContentStoreTest {
  private static final String C1 = "1111111111111111111111111111111111111111";
  private static final String C2 = "2222222222222222222222222222222222222222";
  private static final byte[] FILE = "package a\n".getBytes(StandardCharsets.UTF_8);
  private static final String OID = GitBlobId.of(FILE);

  private final ContentStore store = new ContentStore(1 << 20, 10_000, Caffeine.newBuilder().executor(Runnable::run));

  @Test
  void bytesReachACallerOnlyThroughARepositoryTheyWereCheckedFor() {
    assertTrue(store.put(Location.of("acme", "secret", C1, "a.go"), OID, FILE));
    assertArrayEquals(FILE, store.read(CheckedRepository.afterAccessCheck("ACME", "Secret"), C1, "a.go").orElseThrow());
    // the same bytes are held, but another repository has no index entry for them: nothing
    assertEquals(Optional.empty(), store.read(CheckedRepository.afterAccessCheck("evil", "fork"), C1, "a.go"));
    assertEquals(Optional.empty(), store.read(CheckedRepository.afterAccessCheck("acme", "secret"), C2, "a.go"), "another commit");
    assertTrue(store.holds(OID));
  }

  @Test
  void aForkOrAnotherCommitHoldingTheSameBytesSharesThemWithoutAnotherCopy() {
    store.put(Location.of("acme", "app", C1, "a.go"), OID, FILE);
    store.index(Location.of("acme", "app", C2, "a.go"), OID);
    store.index(Location.of("someone", "app-fork", C1, "a.go"), OID);
    assertArrayEquals(FILE, store.read(CheckedRepository.afterAccessCheck("acme", "app"), C2, "a.go").orElseThrow());
    assertArrayEquals(FILE, store.read(CheckedRepository.afterAccessCheck("someone", "app-fork"), C1, "a.go").orElseThrow());
    assertEquals(1, store.contents());
    assertEquals(Optional.of(OID), store.oidAt(Location.of("someone", "app-fork", C1, "a.go")));
  }

  @Test
  void bytesThatAreNotTheirOidsAreNotKept() {
    byte[] other = "package b\n".getBytes(StandardCharsets.UTF_8);
    assertFalse(store.put(Location.of("acme", "app", C1, "a.go"), OID, other), "would poison every repository holding OID");
    assertFalse(store.holds(OID));
    assertEquals(Optional.empty(), store.oidAt(Location.of("acme", "app", C1, "a.go")));
  }

  @Test
  void contentIsBoundedByWeight() {
    ContentStore small = new ContentStore(3_000, 10_000, Caffeine.newBuilder().executor(Runnable::run));
    for (int i = 0; i < 10; i++) {
      byte[] b = ("x".repeat(900) + i).getBytes(StandardCharsets.UTF_8);
      small.put(Location.of("a", "b", C1, "f" + i), GitBlobId.of(b), b);
    }
    assertTrue(small.contents() <= 3, "at most 3 KB of ~1 KB files: " + small.contents());
  }

  @Test
  void onlyAOidIsAskedForAHeldPathOnceTheRepositoryShowsMostFilesUnchanged() {
    byte[] big = "x".repeat(ContentStore.MIN_OID_ONLY_BYTES).getBytes(StandardCharsets.UTF_8);
    String bigOid = GitBlobId.of(big);
    store.put(Location.of("acme", "app", C1, "big.go"), bigOid, big);
    store.put(Location.of("acme", "app", C1, "small.go"), OID, FILE);
    assertFalse(store.asksOnlyOid("acme/app", "big.go"), "no history yet");
    for (int i = 0; i < UnchangedShare.MIN_SEEN; i++) {
      store.index(Location.of("acme", "app", C1, "f" + i), "a" + i);
      store.index(Location.of("acme", "app", C2, "f" + i), "a" + i);
    }
    assertTrue(store.asksOnlyOid("acme/app", "big.go"));
    assertFalse(store.asksOnlyOid("acme/app", "small.go"), "a small file's text costs less than a second call");
    assertFalse(store.asksOnlyOid("acme/other", "big.go"), "another repository's history");
    // the same location indexed again is no new observation
    store.index(Location.of("acme", "app", C2, "f0"), "a0");
    for (int i = 0; i < 40; i++) {
      store.index(Location.of("acme", "app", C1, "g" + i), "b" + i);
      store.index(Location.of("acme", "app", C2, "g" + i), "c" + i);
    }
    assertFalse(store.asksOnlyOid("acme/app", "big.go"), "files now change at every commit: one call each, with text");
  }

  /** What an extra may ride on: the path's last seen bytes are here, whatever their size or the history. */
  @Test
  void aPathsLastSeenBytesAreHeldOnlyWhileItsLastOidIsTheirs() {
    assertFalse(store.holdsLastSeen("acme/app", "small.go"), "never seen");
    store.put(Location.of("acme", "app", C1, "small.go"), OID, FILE);
    assertTrue(store.holdsLastSeen("acme/app", "small.go"), "a small file, no history: held all the same");
    assertFalse(store.holdsLastSeen("acme/other", "small.go"), "another repository's path");
    store.index(Location.of("acme", "app", C2, "small.go"), "d".repeat(40));
    assertFalse(store.holdsLastSeen("acme/app", "small.go"), "its last answer named bytes not held");
  }
}
