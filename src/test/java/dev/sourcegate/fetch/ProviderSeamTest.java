package dev.sourcegate.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.bus.Messages.FetchedFile;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.settings.GatewayConfig;
import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.TokenHash;
import io.vertx.core.Future;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The seam a new source plugs into: a provider registered like the real ones gets the cache, the
 * coalescing, the access checks and the ref-to-commit keying of {@link CachingFetcher} without a line of
 * its own. Upstream answers are released by hand, so "concurrent" means "asked before the first answered".
 */
class ProviderSeamTest {
  private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
  private static final RepoRef WHERE = new RepoRef(InMemoryProvider.HOST, "team", "lib");
  private static final long FAR = Long.MAX_VALUE / 2;

  private final InMemoryProvider provider = new InMemoryProvider(Set.of("alice"))
      .file(SHA, "src/a.txt", "hello").branch("main", SHA);
  private final CachingFetcher fetcher = new CachingFetcher(new SourceProviders().register(provider),
      new SourceCache(1 << 20), FleetCache.NONE, new GatewayConfig.Cache(1 << 20, 60_000, 60_000, 60_000, 60_000, "", true, 100));

  @Test
  void identicalConcurrentReadsAreOneUpstreamCallAndLaterOnesComeFromTheCache() {
    Future<FetchedFile> first = fetcher.file("alice", WHERE, SHA, "src/a.txt", FAR);
    Future<FetchedFile> second = fetcher.file("alice", WHERE, SHA, "src/a.txt", FAR);
    assertEquals(1, provider.fileCalls, "the second read joined the first");
    provider.release();
    assertEquals("hello", new String(first.result().file().content()));
    assertSame(first.result().file(), second.result().file());
    assertEquals(SHA, first.result().version());

    Future<FetchedFile> later = fetcher.file("alice", WHERE, SHA, "src/a.txt", FAR);
    assertTrue(later.succeeded(), "answered from the cache, with no upstream answer to wait for");
    assertEquals(1, provider.fileCalls);
    assertEquals(0, provider.repositoryCalls, "the token was seen reading the repository");
  }

  @Test
  void aReadArrivingAfterTheFileAnsweredButBeforeItsRefDidJoinsTheFirstRead() {
    // the file answers first, the branch's commit later: the first read keeps nothing until both are in,
    // so a second read in between must join it rather than find neither the call nor the cache
    provider.holdRefs = true;
    Future<FetchedFile> first = fetcher.file("alice", WHERE, "main", "src/a.txt", FAR);
    provider.release();
    Future<FetchedFile> second = fetcher.file("alice", WHERE, "main", "src/a.txt", FAR);
    provider.releaseRefs();
    assertEquals(1, provider.fileCalls, "one upstream read");
    assertEquals("hello", new String(first.result().file().content()));
    assertEquals("hello", new String(second.result().file().content()));
    assertEquals(SHA, second.result().version());
  }

  @Test
  void cachedBytesOfAPrivateRepositoryReachOnlyATokenTheHostLetsRead() {
    Future<FetchedFile> alice = fetcher.file("alice", WHERE, SHA, "src/a.txt", FAR);
    provider.release();
    assertTrue(alice.succeeded());

    Future<FetchedFile> mallory = fetcher.file("mallory", WHERE, SHA, "src/a.txt", FAR);
    assertTrue(mallory.failed(), "the cached bytes are not handed over");
    assertEquals(Code.NOT_FOUND, ((RpcException) mallory.cause()).code());
    assertEquals(1, provider.repositoryCalls, "the host was asked whether mallory may read the repository");
    assertEquals(1, provider.fileCalls, "the check used the cache, not a second read");
    assertTrue(fetcher.knownAllowed(TokenHash.of("alice"), WHERE.key()));
    assertFalse(fetcher.knownAllowed(TokenHash.of("mallory"), WHERE.key()));
  }

  @Test
  void aBranchIsResolvedByTheProviderAndItsContentIsFiledUnderTheCommit() {
    Future<FetchedFile> byBranch = fetcher.file("alice", WHERE, "main", "src/a.txt", FAR);
    provider.release();
    assertEquals(SHA, byBranch.result().version());
    assertEquals(1, provider.refCalls);

    Future<FetchedFile> bySha = fetcher.file("alice", WHERE, SHA, "src/a.txt", FAR);
    assertTrue(bySha.succeeded(), "the same commit's file, from the cache");
    assertEquals(1, provider.fileCalls);
  }

  @Test
  void aMissingFileIsRememberedForATokenKnownToReadTheRepository() {
    Future<FetchedFile> seen = fetcher.file("alice", WHERE, SHA, "src/a.txt", FAR);
    provider.release();
    assertTrue(seen.succeeded());
    Future<FetchedFile> missing = fetcher.file("alice", WHERE, SHA, "nope.txt", FAR);
    provider.release();
    assertTrue(missing.failed());
    Future<FetchedFile> again = fetcher.file("alice", WHERE, SHA, "nope.txt", FAR);
    assertTrue(again.failed());
    assertEquals(Code.NOT_FOUND, ((RpcException) again.cause()).code());
    assertEquals(2, provider.fileCalls, "the second miss came from the cache");
  }

  @Test
  void anOperationTheProviderDoesNotServeIsUnimplemented() {
    Future<?> commit = fetcher.commit("alice", WHERE, SHA, FAR);
    assertEquals(Code.UNIMPLEMENTED, ((RpcException) commit.cause()).code());
  }

  @Test
  void eachHostHasOneProviderAndAnUnservedHostIsRefused() {
    SourceProviders providers = new SourceProviders().register(provider);
    assertThrows(IllegalStateException.class, () -> providers.register(new InMemoryProvider(Set.of())));
    RpcException e = assertThrows(RpcException.class, () -> providers.of(new RepoRef("elsewhere.test", "a", "b")));
    assertEquals(Code.INVALID_ARGUMENT, e.code());
    assertSame(provider, providers.of(WHERE));
  }
}
