package dev.sourcegate.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.TokenHash;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What AccessControl knows of a grant, and until when: never past the entry's own expiry, and drops are told. */
class AccessControlKnowledgeTest {
  private static final long TTL_MS = 60_000;
  private static final RepoRef APP = new RepoRef("github.com", "acme", "app");

  @Test
  void nothingKnownIsNow() {
    AccessControl access = new AccessControl(TTL_MS);
    long now = System.nanoTime();
    assertEquals(now, access.knownAllowedUntil(TokenHash.of("alice"), APP.key(), now));
  }

  @Test
  void aGrantIsKnownForAtMostTheTtlAndOnlyToItsToken() {
    AccessControl access = new AccessControl(TTL_MS);
    long before = System.nanoTime();
    access.granted("alice", APP);
    long after = System.nanoTime();
    long until = access.knownAllowedUntil(TokenHash.of("alice"), APP.key(), after);
    assertTrue(until - after > 0, "known now");
    assertTrue(until - (before + TimeUnit.MILLISECONDS.toNanos(TTL_MS)) >= 0, "for the TTL from the grant");
    assertTrue(until - (after + TimeUnit.MILLISECONDS.toNanos(TTL_MS)) <= 0, "never past the entry's own expiry");
    assertEquals(after, access.knownAllowedUntil(TokenHash.of("bob"), APP.key(), after), "not bob's");
    assertEquals(after, access.knownAllowedUntil(TokenHash.of("alice"), RepoRef.key("acme", "other"), after));
    assertTrue(access.knownAllowedByHash(TokenHash.of("alice"), APP.key()));
  }

  @Test
  void knowledgeDroppedByTheSizeBoundIsCounted() {
    AccessControl access = new AccessControl(TTL_MS);
    assertEquals(0, access.droppedSoFar());
    // past the 200,000 grants kept: the bound drops some, and says so
    for (int i = 0; i < 210_000; i++) {
      access.granted("token" + i, APP);
    }
    assertTrue(access.droppedSoFar() > 0, "dropped " + access.droppedSoFar());
  }
}
