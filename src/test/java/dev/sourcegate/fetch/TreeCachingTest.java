package dev.sourcegate.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.bus.Messages.FetchedTree;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.settings.GatewayConfig;
import dev.sourcegate.source.RepoRef;
import io.vertx.core.Future;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A repository's file tree goes through the same cache and access layer as its files: the ref is
 * resolved to its commit first and the tree is kept under the commit, and a private repository's cached
 * tree reaches only a token its host lets read it.
 */
class TreeCachingTest {
  private static final String SHA = "89abcdef0123456789abcdef0123456789abcdef";
  private static final RepoRef WHERE = new RepoRef(InMemoryProvider.HOST, "team", "app");
  private static final long FAR = Long.MAX_VALUE / 2;

  private final InMemoryProvider provider = new InMemoryProvider(Set.of("alice"))
      .file(SHA, "a/src/main/java/x/A.java", "class A").file(SHA, "b/B.kt", "class B").branch("main", SHA);
  private final CachingFetcher fetcher = new CachingFetcher(new SourceProviders().register(provider),
      new SourceCache(1 << 20), FleetCache.NONE, new GatewayConfig.Cache(1 << 20, 60_000, 60_000, 60_000, 60_000, "", true, 100));

  @Test
  void theTreeIsReadOncePerCommitWhicheverNameTheRefHas() {
    Future<FetchedTree> byBranch = fetcher.tree("alice", WHERE, "main", FAR);
    assertEquals(SHA, byBranch.result().version());
    assertEquals(List.of("a/src/main/java/x/A.java", "b/B.kt"), byBranch.result().tree().paths());
    Future<FetchedTree> bySha = fetcher.tree("alice", WHERE, SHA, FAR);
    Future<FetchedTree> again = fetcher.tree("alice", WHERE, "main", FAR);
    assertTrue(bySha.succeeded() && again.succeeded());
    assertEquals(1, provider.treeCalls, "one upstream tree read for the commit");
    assertEquals(1, provider.refCalls);
  }

  @Test
  void aPrivateRepositorysCachedTreeReachesOnlyATokenThatMayReadIt() {
    assertTrue(fetcher.tree("alice", WHERE, "main", FAR).succeeded());
    Future<FetchedTree> mallory = fetcher.tree("mallory", WHERE, "main", FAR);
    assertTrue(mallory.failed() && RpcException.isNotFound(mallory.cause()), mallory::toString);
    assertEquals(1, provider.treeCalls, "the cached tree was checked, not read again");
    assertEquals(1, provider.repositoryCalls, "the host was asked whether mallory may read the repository");
  }
}
