package dev.sourcegate.resolve;

import dev.sourcegate.resolve.rules.Lookups;

import dev.sourcegate.source.SourceFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.rpc.RpcException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Speculative reads keep the rule order: the first candidate in order that exists wins, whatever finishes first. */
class SpeculativeLookupTest {
  private static final List<String> CANDIDATES = List.of("a", "b", "c", "d", "e", "f", "g");

  /** Answers are completed by the test, in reverse order of asking, to make later candidates finish first. */
  private static final class Reads {
    final Map<String, Promise<SourceFile>> pending = new HashMap<>();
    final List<String> asked = new ArrayList<>();
    final Set<String> existing;

    Reads(Set<String> existing) {
      this.existing = existing;
    }

    Future<SourceFile> read(String c) {
      asked.add(c);
      Promise<SourceFile> p = Promise.promise();
      pending.put(c, p);
      return p.future();
    }

    void completeAllReversed() {
      while (!pending.isEmpty()) {
        List<String> keys = new ArrayList<>(pending.keySet());
        keys.sort(java.util.Comparator.reverseOrder());
        for (String k : keys) {
          Promise<SourceFile> p = pending.remove(k);
          if (existing.contains(k)) {
            p.complete(new SourceFile(k.getBytes(), k));
          } else {
            p.fail(RpcException.notFound(k));
          }
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4, 30})
  void firstInOrderWinsAndAtMostWindowMinusOneExtraReads(int window) {
    Reads reads = new Reads(Set.of("c", "e"));
    Future<SourceFile> answer = Lookups.firstFoundSpeculatively(CANDIDATES, reads::read, () -> RpcException.notFound("none"), window);
    reads.completeAllReversed();
    assertTrue(answer.succeeded());
    assertEquals("c", answer.result().url());
    int needed = 3;
    assertTrue(reads.asked.size() <= Math.min(CANDIDATES.size(), needed + window - 1), reads.asked.toString());
    assertEquals(CANDIDATES.subList(0, reads.asked.size()), reads.asked, "candidates are asked in order");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3})
  void noneFoundIsTheRulesNotFound(int window) {
    Reads reads = new Reads(Set.of());
    Future<SourceFile> answer = Lookups.firstFoundSpeculatively(CANDIDATES, reads::read, () -> RpcException.notFound("none"), window);
    reads.completeAllReversed();
    assertTrue(answer.failed());
    assertEquals("none", answer.cause().getMessage());
    assertEquals(CANDIDATES, reads.asked);
  }
}
