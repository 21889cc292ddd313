package dev.sourcegate.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.sourcegate.api.proto.GetFileResponse;
import dev.sourcegate.resolve.ResolutionCache.Key;
import dev.sourcegate.resolve.ResolutionCache.Recent;
import dev.sourcegate.resolve.ResolutionCache.Resolution;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A request's last resolution, kept for its next click on the same event loop: reused only while the
 * cache holds it, never past its TTL, and never to a caller the access check refuses.
 */
class ResolutionRecentTest {
  private static final Key KEY = Key.of("acme/app", "main", "a.go", "", "main.main");
  /** token hash -> repositories it may read. */
  private final Set<String> allowed = ConcurrentHashMap.newKeySet();
  /** How long a grant is known for once found (see AccessCheck.knownAllowedUntil); 1 ns: checked on nearly every use. */
  private volatile long knownForNanos = 1;
  private final java.util.concurrent.atomic.AtomicInteger checks = new java.util.concurrent.atomic.AtomicInteger();
  /** Knowledge dropped before its end, as AccessControl's size bound would. */
  private final java.util.concurrent.atomic.AtomicLong dropped = new java.util.concurrent.atomic.AtomicLong();
  private final AccessCheck access = new AccessCheck() {
    @Override
    public long knownAllowedUntil(String token, String repo, long now) {
      checks.incrementAndGet();
      return allowed.contains(token + " " + repo) ? now + knownForNanos : now;
    }

    @Override
    public long droppedSoFar() {
      return dropped.get();
    }
  };

  /** Waits (bounded) until System.nanoTime() has moved past every grant known for knownForNanos = 1. */
  private static void letANanosecondPass() {
    long start = System.nanoTime();
    for (int i = 0; i < 1_000_000 && System.nanoTime() - start < 2; i++) {
      Thread.onSpinWait();
    }
    assertTrue(System.nanoTime() - start >= 2, "the clock moved");
  }

  private static Resolution resolution(String text, long ttlNanos) {
    return new Resolution(GetFileResponse.newBuilder().setContent(text).setURL("https://github.com/acme/app").build(),
        List.of("acme/app"), ttlNanos);
  }

  /** The cache holds answer, and alice (who may read acme/app) has found it once: her request's Recent. */
  private Recent foundBy(ResolutionCache cache, Resolution answer) {
    cache.put(KEY, answer);
    return aliceFindsAfresh(cache, answer);
  }

  /** alice may read acme/app, and a fresh memo of her request finds answer in the cache. */
  private Recent aliceFindsAfresh(ResolutionCache cache, Resolution answer) {
    allowed.add("alice acme/app");
    Recent recent = new Recent();
    assertSame(answer, cache.find(KEY, "alice", access, recent));
    return recent;
  }

  @Test
  void aRememberedResolutionIsReusedWhileTheCacheHoldsIt() {
    ResolutionCache cache = new ResolutionCache(1 << 20);
    Resolution first = resolution("one", ResolutionCache.FOREVER);
    Recent recent = foundBy(cache, first);
    assertSame(first, recent.current(), "remembered");
    assertSame(first, cache.find(KEY, "alice", access, recent));
  }

  @Test
  void aReplacedResolutionIsNeverHandedOutAgain() {
    ResolutionCache cache = new ResolutionCache(1 << 20);
    Resolution first = resolution("one", ResolutionCache.FOREVER);
    Recent recent = foundBy(cache, first);
    Resolution second = resolution("two", ResolutionCache.FOREVER);
    cache.put(KEY, second);
    assertTrue(first.retired());
    assertNull(recent.current());
    assertSame(second, cache.find(KEY, "alice", access, recent));
  }

  @Test
  void onceTheCacheHoldsTheReplacementNoMemoHandsOutTheReplacedOne() {
    // Caffeine's upkeep runs on the writing thread once the write is in the map (as Caches.builder() has it):
    // a look-up made from there is one any event loop could make right after the replacement, and a
    // plain look-up then already finds the new resolution, so a memo must not hand out the old one
    AtomicReference<Runnable> probe = new AtomicReference<>();
    ResolutionCache cache = new ResolutionCache(1 << 20, Caffeine.newBuilder().executor(task -> {
      Runnable p = probe.getAndSet(null);
      if (p != null) {
        p.run();
      }
      task.run();
    }));
    Resolution first = resolution("one", ResolutionCache.FOREVER);
    Recent recent = foundBy(cache, first);
    // another size than the first: Caffeine records the write, and runs its upkeep, in the put
    Resolution second = resolution("two, a longer answer", ResolutionCache.FOREVER);
    List<Resolution> plain = new ArrayList<>();
    List<Resolution> remembered = new ArrayList<>();
    probe.set(() -> {
      plain.add(cache.find(KEY, "alice", access));
      remembered.add(cache.find(KEY, "alice", access, recent));
    });
    cache.put(KEY, second);
    assertEquals(List.of(second), plain, "the probe ran once the new resolution was in the map");
    assertEquals(List.of(second), remembered, "the replaced resolution was already retired");
  }

  @Test
  void anExpiredResolutionIsNotReused() {
    ResolutionCache cache = new ResolutionCache(1 << 20);
    allowed.add("alice acme/app");
    Resolution shortLived = resolution("branch", 1); // 1 ns: expired once the clock has moved on
    cache.put(KEY, shortLived);
    // bounded wait, not an assumption about speed: a coarse clock may read the same twice in a row
    long until = System.nanoTime() + 10_000_000_000L;
    while (!shortLived.expired() && System.nanoTime() < until) {
      Thread.onSpinWait();
    }
    assertTrue(shortLived.expired());
    Recent recent = new Recent();
    recent.remember(shortLived);
    assertNull(recent.current());
    assertNull(cache.find(KEY, "alice", access, recent), "expired: looked up again, and dropped");
    assertTrue(shortLived.retired());
  }

  @Test
  void anEvictedResolutionIsRetiredAndNotReused() {
    // room for about one answer: the next put evicts the other
    ResolutionCache cache = new ResolutionCache(4_000);
    Resolution first = resolution("x".repeat(1_000), ResolutionCache.FOREVER);
    Recent recent = foundBy(cache, first);
    // the policy may keep the one entry read before over a newcomer: newcomers that are read win in the end
    for (int i = 0; i < 500 && !first.retired(); i++) {
      Key other = Key.of("acme/app", "main", "b" + i + ".go", "", "");
      cache.put(other, resolution("y".repeat(1_000), ResolutionCache.FOREVER));
      for (int reads = 0; reads < 3; reads++) {
        cache.find(other, "alice", access);
      }
    }
    assertTrue(first.retired(), "evicted by size");
    assertNull(recent.current());
    assertNull(cache.find(KEY, "alice", access, recent));
  }

  @Test
  void theCallersAccessIsCheckedAgainOnceWhatWasKnownOfItRunsOut() {
    ResolutionCache cache = new ResolutionCache(1 << 20);
    Resolution first = resolution("secret", ResolutionCache.FOREVER);
    Recent recent = foundBy(cache, first);
    assertNull(cache.find(KEY, "bob", access, recent), "bob may not read acme/app");
    allowed.remove("alice acme/app");
    letANanosecondPass();
    assertNull(cache.find(KEY, "alice", access, recent), "alice's access is no longer known");
    allowed.add("alice acme/app");
    assertSame(first, cache.find(KEY, "alice", access, recent));
  }

  @Test
  void whileTheCallersAccessIsKnownItIsNotLookedUpAgainAndNoOneElseGetsIt() {
    knownForNanos = java.util.concurrent.TimeUnit.HOURS.toNanos(1);
    ResolutionCache cache = new ResolutionCache(1 << 20);
    Resolution first = resolution("secret", ResolutionCache.FOREVER);
    Recent recent = foundBy(cache, first);
    int before = checks.get();
    for (int i = 0; i < 100; i++) {
      assertSame(first, cache.find(KEY, "alice", access, recent));
    }
    assertEquals(before, checks.get(), "alice's grant is known for an hour: not looked up again");
    assertNull(cache.find(KEY, "bob", access, recent), "bob is checked, and refused");
    assertNull(cache.find(KEY, "alice2", access, recent), "a token that only starts like hers is another caller");
    assertTrue(checks.get() > before);
    // bob's refusal did not drop alice's known grant, and another request's memo checks her afresh
    allowed.remove("alice acme/app");
    assertNull(cache.find(KEY, "alice", access, new Recent()), "another memo asks, and no longer finds her grant");
    Recent again = aliceFindsAfresh(cache, first);
    assertSame(first, cache.find(KEY, "alice", access, again));
  }

  @Test
  void knowledgeDroppedBeforeItsEndIsLookedUpAgain() {
    knownForNanos = java.util.concurrent.TimeUnit.HOURS.toNanos(1);
    ResolutionCache cache = new ResolutionCache(1 << 20);
    Resolution first = resolution("secret", ResolutionCache.FOREVER);
    Recent recent = foundBy(cache, first);
    allowed.remove("alice acme/app");
    assertSame(first, cache.find(KEY, "alice", access, recent), "known for an hour, and nothing dropped");
    dropped.incrementAndGet(); // the size bound dropped some grant: hers, maybe
    assertNull(cache.find(KEY, "alice", access, recent), "looked up again, and gone");
    allowed.add("alice acme/app");
    assertSame(first, cache.find(KEY, "alice", access, recent));
  }

  @Test
  void aNewResolutionIsCheckedAfreshWhateverWasKnownForTheOldOne() {
    knownForNanos = java.util.concurrent.TimeUnit.HOURS.toNanos(1);
    ResolutionCache cache = new ResolutionCache(1 << 20);
    Recent recent = foundBy(cache, resolution("one", ResolutionCache.FOREVER));
    // the same key now answered from another repository, which alice may not read
    Resolution elsewhere = new Resolution(GetFileResponse.newBuilder().setContent("two").build(), List.of("acme/private"),
        ResolutionCache.FOREVER);
    cache.put(KEY, elsewhere);
    assertNull(cache.find(KEY, "alice", access, recent), "her grant for acme/app says nothing of acme/private");
    allowed.add("alice acme/private");
    assertSame(elsewhere, cache.find(KEY, "alice", access, recent));
  }

  @Test
  void everyFewUsesTheCacheIsReadAgain() {
    ResolutionCache cache = new ResolutionCache(1 << 20);
    Resolution first = resolution("one", ResolutionCache.FOREVER);
    Recent recent = foundBy(cache, first);
    boolean readAgain = false;
    for (int i = 0; i < Recent.TOUCH_EVERY; i++) {
      readAgain |= recent.current() == null;
    }
    assertTrue(readAgain, "within " + Recent.TOUCH_EVERY + " uses, one goes to the cache");
    assertFalse(first.retired());
  }
}
