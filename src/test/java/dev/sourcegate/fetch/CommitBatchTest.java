package dev.sourcegate.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sourcegate.bus.Messages.CommitOutcome;
import dev.sourcegate.bus.Messages.FetchedCommit;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which refs of a batch the cache answers, which go upstream in one call, and what a failed batch leaves. */
class CommitBatchTest {
  private final Map<String, Future<FetchedCommit>> cache = new HashMap<>();
  private final List<List<String>> upstreamCalls = new ArrayList<>();
  private final Map<String, FetchedCommit> stored = new HashMap<>();

  private static FetchedCommit commit(String sha) {
    return new FetchedCommit(sha, "m", "2026-01-01T00:00:00Z", "u", "", "");
  }

  private List<CommitOutcome> read(List<String> refs, Future<List<CommitOutcome>> upstreamAnswer) {
    return CommitBatch.read(refs, ref -> cache.getOrDefault(ref, Future.succeededFuture(null)), misses -> {
      upstreamCalls.add(misses);
      return upstreamAnswer;
    }, stored::put).result();
  }

  @Test
  void onlyTheMissesGoUpstreamInOneCallAndFoundOnesAreStored() {
    cache.put("a", Future.succeededFuture(commit("aaa")));
    cache.put("gone", Future.failedFuture(RpcException.notFound("commit gone not found")));
    List<CommitOutcome> out = read(List.of("a", "b", "gone"), Future.succeededFuture(List.of(
        new CommitOutcome(commit("bbb"), null, null), new CommitOutcome(null, Code.NOT_FOUND, "commit gone not found"))));
    assertEquals(List.of(List.of("b", "gone")), upstreamCalls, "a cached 'not found' is per spelling: the batch asks again");
    assertEquals(List.of("aaa", "bbb"), out.subList(0, 2).stream().map(o -> o.commit().sha()).toList());
    assertEquals(Code.NOT_FOUND, out.get(2).code());
    assertEquals(Map.of("b", commit("bbb")), stored);
  }

  @Test
  void everythingCachedMakesNoUpstreamCall() {
    cache.put("a", Future.succeededFuture(commit("aaa")));
    cache.put("denied", Future.failedFuture(new RpcException(Code.PERMISSION_DENIED, "no")));
    List<CommitOutcome> out = read(List.of("a", "denied"), Future.failedFuture("not called"));
    assertEquals(List.of(), upstreamCalls);
    assertEquals("aaa", out.get(0).commit().sha());
    assertEquals(Code.PERMISSION_DENIED, out.get(1).code());
  }

  @Test
  void aFailedBatchLeavesItsRefsUnaskedForTheOneByOnePath() {
    List<CommitOutcome> out = read(List.of("a", "b"), Future.failedFuture(new RpcException(Code.UNAVAILABLE, "GraphQL 404")));
    assertEquals(List.of(CommitOutcome.unasked(), CommitOutcome.unasked()), out);
    assertEquals(Map.of(), stored);
  }
}
