package dev.sourcegate.fetch.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.fetch.graphql.TokenQueryQueue.Reply;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The per-token line of GraphQL file queries, against an endpoint the test answers by hand: nothing here
 * waits for time to pass except the one deadline test, which waits for its signal (the failure).
 */
@ExtendWith(VertxExtension.class)
class TokenQueryQueueTest {
  private static final long LATER = System.currentTimeMillis() + 600_000;
  private final HeldGraphQl github = new HeldGraphQl();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final TokenQueryQueue queue = new TokenQueryQueue(github.client(), 1, 4 * BlobQuery.MAX_OBJECTS, meters);

  private static FileLookup file(String path) {
    return new FileLookup("acme", "app", "main", path);
  }

  private Future<List<Reply>> ask(String token, List<? extends Lookup> lookups) {
    return queue.ask(token, lookups, l -> false, LATER);
  }

  private static String text(Reply r) {
    return ((Answer.Found<GitBlob>) r.blob()).value().text();
  }

  private static List<String> texts(Future<List<Reply>> f) {
    assertTrue(f.succeeded(), () -> "answered: " + f.cause());
    return f.result().stream().map(TokenQueryQueueTest::text).toList();
  }

  @Test
  void aLookUpAloneGoesAtOnce() {
    Future<List<Reply>> out = ask("t", List.of(file("a.go"), file("b.go")));
    assertEquals(1, github.posts.size(), "nothing in flight: no wait");
    github.answer(0);
    assertEquals(List.of("main:a.go", "main:b.go"), texts(out));
    Reply r = out.result().get(0);
    assertEquals(HeldGraphQl.COMMIT, r.commitOid());
    assertEquals("https://github.com/acme/app", r.repositoryUrl());
    assertEquals(0, queue.busyTokens(), "nothing kept once answered");
  }

  @Test
  void lookUpsArrivingMeanwhileJoinOneNextQueryAndEachGetsItsOwnSlice() {
    Future<List<Reply>> first = ask("t", List.of(file("a.go")));
    List<Future<List<Reply>>> waiting = new ArrayList<>();
    for (int k = 0; k < 5; k++) {
      waiting.add(ask("t", List.of(file("w" + k + "/x.go"), file("w" + k + "/y.go"))));
    }
    assertEquals(1, github.posts.size(), "one query in flight per token: the others wait");
    assertTrue(waiting.stream().noneMatch(Future::isComplete));
    github.answer(0);
    assertEquals(List.of("main:a.go"), texts(first));
    assertEquals(2, github.posts.size(), "all five waiters go out together");
    assertEquals(10, github.objectsIn(1));
    github.answer(1);
    for (int k = 0; k < 5; k++) {
      assertEquals(List.of("main:w" + k + "/x.go", "main:w" + k + "/y.go"), texts(waiting.get(k)), "waiter " + k + "'s own answers, in its order");
    }
    DistributionSummary perQuery = meters.get("sourcegate_graphql_lookups_per_query").summary();
    assertEquals(2, perQuery.count());
    assertEquals(11, perQuery.totalAmount());
    assertEquals(5, meters.get("sourcegate_graphql_callers_per_query").summary().max());
    assertEquals(0, queue.busyTokens());
  }

  @Test
  void theSameLookUpOfTwoWaitersIsAskedOnce() {
    ask("t", List.of(file("a.go")));
    Future<List<Reply>> one = ask("t", List.of(file("same.go"), file("one.go")));
    Future<List<Reply>> two = ask("t", List.of(new FileLookup("ACME", "App", "main", "same.go")));
    github.answer(0);
    assertEquals(2, github.objectsIn(1), "same.go once, one.go once");
    github.answer(1);
    assertEquals(List.of("main:same.go", "main:one.go"), texts(one));
    assertEquals(List.of("main:same.go"), texts(two));
  }

  @Test
  void aWaiterWhoWantsTheTextGetsItForAWaiterWhoAskedOnlyTheOid() {
    ask("t", List.of(file("a.go")));
    Future<List<Reply>> oidOnly = queue.ask("t", List.of(file("big.go")), l -> true, LATER);
    Future<List<Reply>> withText = ask("t", List.of(file("big.go")));
    github.answer(0);
    assertTrue(github.post(1).query().contains("f0: object(expression: \"main:big.go\") { ...blob }"), github.post(1).query());
    github.answer(1);
    assertEquals(List.of("main:big.go"), texts(oidOnly));
    assertEquals(List.of("main:big.go"), texts(withText));
  }

  @Test
  void blobsByOidJoinFileLookUpsInOneQuery() {
    ask("t", List.of(file("a.go")));
    String oid = "89abcdef0123456789abcdef0123456789abcdef";
    Future<List<Reply>> byOid = ask("t", List.of(new OidLookup("acme", "app", oid)));
    Future<List<Reply>> files = ask("t", List.of(file("b.go")));
    github.answer(0);
    assertEquals(2, github.posts.size());
    assertTrue(github.post(1).query().contains("object(oid: \"" + oid + "\")"), github.post(1).query());
    github.answer(1);
    assertEquals(List.of(oid + "@acme/app"), texts(byOid));
    assertEquals(null, byOid.result().get(0).commitOid(), "a blob by oid names no commit");
    assertEquals(List.of("main:b.go"), texts(files));
  }

  @Test
  void aJoinedQueryThatFailsFailsEachOfItsWaitersAndFreesTheLine() {
    ask("t", List.of(file("a.go")));
    Future<List<Reply>> one = ask("t", List.of(file("b.go")));
    Future<List<Reply>> two = ask("t", List.of(file("c.go")));
    github.answer(0);
    github.fail(1);
    assertTrue(one.failed());
    assertTrue(two.failed());
    assertEquals(0, queue.busyTokens());
    Future<List<Reply>> after = ask("t", List.of(file("d.go")));
    assertEquals(3, github.posts.size(), "the line is free again: the next look-up goes at once");
    github.answer(2);
    assertEquals(List.of("main:d.go"), texts(after));
  }

  @Test
  void aQueryAnsweredWithAWholeFailureFailsItsWaitersAsUnavailable() {
    Future<List<Reply>> out = ask("t", List.of(file("a.go")));
    github.post(0).answer().complete(new dev.sourcegate.fetch.ssrf.UpstreamResponse(502,
        io.vertx.core.MultiMap.caseInsensitiveMultiMap(), io.vertx.core.buffer.Buffer.buffer("bad gateway")));
    assertTrue(out.failed());
    assertEquals(0, queue.busyTokens());
  }

  @Test
  void aLookUpNoQueryMayHoldFailsItsOwnCallerAloneNotTheOthersJoinedWithIt() {
    ask("t", List.of(file("a.go")));
    Future<List<Reply>> before = ask("t", List.of(file("b.go")));
    Future<List<Reply>> refused = ask("t", List.of(file("c.go"), file("")));
    Future<List<Reply>> unquotable = ask("t", List.of(file("e.go"), file("lone\ud800surrogate.go")));
    Future<List<Reply>> after = ask("t", List.of(file("d.go")));
    for (Future<List<Reply>> f : List.of(refused, unquotable)) {
      assertTrue(f.failed(), "refused when asked, before it waits");
      assertEquals(Code.INVALID_ARGUMENT, assertInstanceOf(RpcException.class, f.cause()).code());
    }
    github.answer(0);
    assertEquals(2, github.posts.size(), "the others still go out together");
    assertFalse(github.post(1).query().contains("main:c.go") || github.post(1).query().contains("main:e.go"),
        "nothing of a refused caller is asked");
    github.answer(1);
    assertEquals(List.of("main:b.go"), texts(before));
    assertEquals(List.of("main:d.go"), texts(after));
    assertEquals(0, queue.busyTokens());
  }

  @Test
  void twoTokensAreNeverJoined() {
    ask("alice", List.of(file("a.go")));
    Future<List<Reply>> bob = ask("bob", List.of(new FileLookup("bob", "private", "main", "secret.go")));
    assertEquals(2, github.posts.size(), "another token's line is its own: bob goes at once");
    Future<List<Reply>> alice = ask("alice", List.of(file("b.go")));
    github.answer(1);
    assertEquals(List.of("main:secret.go"), texts(bob));
    assertEquals(2, github.posts.size(), "bob's answer does not send alice's waiter");
    github.answer(0);
    assertEquals(3, github.posts.size());
    assertFalse(github.post(2).query().contains("secret"), github.post(2).query());
    github.answer(2);
    assertEquals(List.of("main:b.go"), texts(alice));
  }

  @Test
  void aboveTheCapAWaiterGoesItsOwnWay() {
    TokenQueryQueue capped = new TokenQueryQueue(github.client(), 1, 3, meters);
    capped.ask("t", List.of(file("a.go")), l -> false, LATER);
    Future<List<Reply>> waits = capped.ask("t", List.of(file("b.go"), file("c.go")), l -> false, LATER);
    assertEquals(1, github.posts.size());
    Future<List<Reply>> own = capped.ask("t", List.of(file("d.go"), file("e.go")), l -> false, LATER);
    assertEquals(2, github.posts.size(), "2 waiting + 2 would pass the cap of 3: sent at once");
    github.answer(1);
    assertEquals(List.of("main:d.go", "main:e.go"), texts(own));
    assertFalse(waits.isComplete());
    github.answer(0);
    github.answer(2);
    assertEquals(List.of("main:b.go", "main:c.go"), texts(waits));
    assertEquals(0, capped.busyTokens());
  }

  @Test
  void moreThanOneQueryHoldsIsSplitAndEachWaiterStillGetsItsSlice() {
    ask("t", List.of(file("first.go")));
    int n = BlobQuery.MAX_OBJECTS;
    List<FileLookup> big = IntStream.range(0, n - 1).mapToObj(i -> file("big/" + i + ".go")).toList();
    Future<List<Reply>> one = ask("t", big);
    Future<List<Reply>> two = ask("t", List.of(file("x.go"), file("big/3.go"), file("y.go")));
    github.answer(0);
    assertEquals(3, github.posts.size(), "151 distinct look-ups: two queries");
    assertEquals(n, github.objectsIn(1));
    assertEquals(1, github.objectsIn(2));
    github.answer(2);
    github.answer(1);
    assertEquals(big.stream().map(f -> "main:" + f.path()).toList(), texts(one));
    assertEquals(List.of("main:x.go", "main:big/3.go", "main:y.go"), texts(two));
  }

  @Test
  void theJoinedQueryRunsToTheLatestDeadlineOfItsWaiters() {
    ask("t", List.of(file("a.go")));
    queue.ask("t", List.of(file("b.go")), l -> false, LATER + 5);
    queue.ask("t", List.of(file("c.go")), l -> false, LATER + 9);
    github.answer(0);
    assertEquals(LATER + 9, github.post(1).deadline());
  }

  @Test
  void aWaiterPastItsDeadlineFailsAloneOnItsOwnContext(Vertx vertx, VertxTestContext tc) {
    Context context = vertx.getOrCreateContext();
    context.runOnContext(v -> {
      ask("t", List.of(file("a.go")));
      Future<List<Reply>> patient = ask("t", List.of(file("b.go")));
      Future<List<Reply>> hurried = queue.ask("t", List.of(file("late.go")), l -> false, System.currentTimeMillis() + 20);
      hurried.onComplete(ar -> tc.verify(() -> {
        assertSame(context, Vertx.currentContext(), "completed on the context it asked from");
        assertTrue(ar.failed());
        assertEquals(Code.DEADLINE_EXCEEDED, assertInstanceOf(RpcException.class, ar.cause()).code());
        assertEquals(1, github.posts.size(), "the others go on waiting");
        github.answer(0);
        assertEquals(2, github.posts.size());
        assertFalse(github.post(1).query().contains("late.go"), "a waiter gone is not asked");
        github.answer(1);
        assertEquals(List.of("main:b.go"), texts(patient));
        assertEquals(0, queue.busyTokens());
        tc.completeNow();
      }));
    });
  }

  @Test
  void eachWaiterIsAnsweredOnItsOwnContext(Vertx vertx, VertxTestContext tc) {
    Context mine = vertx.getOrCreateContext();
    Context theirs = vertx.getOrCreateContext();
    var done = tc.checkpoint(2);
    mine.runOnContext(v -> {
      ask("t", List.of(file("a.go")));
      theirs.runOnContext(w -> {
        ask("t", List.of(file("b.go"))).onComplete(ar -> tc.verify(() -> {
          assertSame(theirs, Vertx.currentContext());
          assertEquals(List.of("main:b.go"), texts(Future.succeededFuture(ar.result())));
          done.flag();
        }));
        mine.runOnContext(x -> {
          ask("t", List.of(file("c.go"))).onComplete(ar -> tc.verify(() -> {
            assertSame(mine, Vertx.currentContext());
            done.flag();
          }));
          github.answer(0);
          github.answer(1);
        });
      });
    });
  }

  /**
   * Optional look-ups (a query's extras) fill only the room the required ones leave in their queries: they
   * never make a joined query split in two, and never count against the waiting cap. One not carried is
   * answered as failed, with no commit or repository, which its caller reads as unknown.
   */
  @Test
  void optionalLookUpsNeverCostAnotherQueryOfAJoin() {
    ask("t", List.of(file("a.go")));
    List<FileLookup> many = IntStream.range(0, 140).mapToObj(i -> file("own/" + i + ".go")).toList();
    Future<List<Reply>> big = ask("t", many);
    List<FileLookup> withExtras = new ArrayList<>();
    IntStream.range(0, 5).forEach(i -> withExtras.add(file("b/" + i + ".go")));
    IntStream.range(0, 16).forEach(i -> withExtras.add(file("extra/" + i + ".go")));
    Future<List<Reply>> small = queue.ask("t", withExtras, l -> false, l -> l.toString().contains("extra/"), LATER);
    github.answer(0);
    assertEquals(2, github.posts.size(), "145 required and 16 optional look-ups: one query, not two");
    assertEquals(BlobQuery.MAX_OBJECTS, github.objectsIn(1), "the optional ones fill what is left of it");
    github.answer(1);
    assertEquals(many.stream().map(f -> "main:" + f.path()).toList(), texts(big));
    List<Reply> got = small.result();
    assertEquals(21, got.size());
    for (int i = 0; i < 5; i++) {
      assertEquals("main:b/" + i + ".go", text(got.get(i)));
    }
    for (int i = 5; i < 10; i++) {
      assertEquals("main:extra/" + (i - 5) + ".go", text(got.get(i)), "carried in the room left");
    }
    for (int i = 10; i < 21; i++) {
      assertInstanceOf(Answer.Failed.class, got.get(i).blob(), "not carried");
      assertEquals(null, got.get(i).repositoryUrl());
      assertEquals(null, got.get(i).commitOid());
    }
    assertEquals(0, queue.busyTokens());
  }

  @Test
  void optionalLookUpsDoNotCountAgainstTheWaitingCap() {
    TokenQueryQueue capped = new TokenQueryQueue(github.client(), 1, 10, meters);
    capped.ask("t", List.of(file("a.go")), l -> false, LATER);
    List<FileLookup> lookups = new ArrayList<>();
    IntStream.range(0, 10).forEach(i -> lookups.add(file("b/" + i + ".go")));
    IntStream.range(0, 16).forEach(i -> lookups.add(file("extra/" + i + ".go")));
    capped.ask("t", lookups, l -> false, l -> l.toString().contains("extra/"), LATER);
    assertEquals(1, github.posts.size(), "10 required look-ups wait within the cap of 10: no query of its own");
  }

  /** Runs check on context until it holds (every 5 ms, at most 2,000 times), then completes. */
  private static Future<Void> eventually(Vertx vertx, Context context, java.util.function.BooleanSupplier check) {
    io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
    int[] tries = {0};
    context.runOnContext(v -> vertx.setPeriodic(5, id -> {
      if (check.getAsBoolean()) {
        vertx.cancelTimer(id);
        done.complete();
      } else if (++tries[0] > 2_000) {
        vertx.cancelTimer(id);
        done.fail("never held");
      }
    }));
    return done.future();
  }

  @Test
  void lookUpsThatWaitedGatherThoseArrivingDuringThePauseIntoOneQuery(Vertx vertx, VertxTestContext tc) {
    TokenQueryQueue gathering = new TokenQueryQueue(github.client(), 1, 100, 50, meters);
    Context context = vertx.getOrCreateContext();
    context.runOnContext(v -> {
      gathering.ask("t", List.of(file("a.go")), l -> false, LATER);
      Future<List<Reply>> waited = gathering.ask("t", List.of(file("b.go")), l -> false, LATER);
      github.answer(0);
      tc.verify(() -> assertEquals(1, github.posts.size(), "the look-up that waited does not go the moment a.go answers"));
      // as a caller just answered comes back with its next miss
      Future<List<Reply>> cameBack = gathering.ask("t", List.of(file("c.go")), l -> false, LATER);
      eventually(vertx, context, () -> github.posts.size() == 2).onComplete(tc.succeeding(x -> tc.verify(() -> {
        assertEquals(2, github.objectsIn(1), "b.go and c.go in one query");
        assertEquals(2, github.posts.size());
        github.answer(1);
        Future.all(waited, cameBack).onComplete(tc.succeeding(y -> tc.verify(() -> {
          assertEquals(List.of("main:b.go"), texts(waited));
          assertEquals(List.of("main:c.go"), texts(cameBack));
          assertEquals(0, gathering.busyTokens());
          tc.completeNow();
        })));
      })));
    });
  }

  @Test
  void aLookUpFindingItsTokenIdleNeverPauses(Vertx vertx, VertxTestContext tc) {
    TokenQueryQueue gathering = new TokenQueryQueue(github.client(), 1, 100, 600_000, meters);
    vertx.getOrCreateContext().runOnContext(v -> tc.verify(() -> {
      Future<List<Reply>> first = gathering.ask("t", List.of(file("a.go")), l -> false, LATER);
      assertEquals(1, github.posts.size(), "sent at once");
      github.answer(0);
      assertEquals(List.of("main:a.go"), texts(first));
      assertEquals(0, gathering.busyTokens(), "no one waited: the line is free, no pause taken");
      gathering.ask("t", List.of(file("b.go")), l -> false, LATER);
      assertEquals(2, github.posts.size(), "the next lone look-up goes at once too");
      tc.completeNow();
    }));
  }

  /**
   * A lone caller's next look-up made as its answer arrives (a changed file's bytes by oid) waited behind
   * no query: with nobody waiting before the answer, there is no one to gather and it goes at once.
   */
  @Test
  void aLoneCallersFollowUpMadeAsItsAnswerArrivesNeverPauses(Vertx vertx, VertxTestContext tc) {
    TokenQueryQueue gathering = new TokenQueryQueue(github.client(), 1, 100, 600_000, meters);
    vertx.getOrCreateContext().runOnContext(v -> tc.verify(() -> {
      List<Future<List<Reply>>> followUp = new ArrayList<>();
      gathering.ask("t", List.of(file("a.go")), l -> false, LATER)
          .onSuccess(r -> followUp.add(gathering.ask("t", List.of(file("b.go")), l -> false, LATER)));
      github.answer(0);
      assertEquals(1, followUp.size(), "asked as a.go's answer arrived");
      assertEquals(2, github.posts.size(), "the follow-up goes at once, not after the pause");
      github.answer(1);
      assertEquals(List.of("main:b.go"), texts(followUp.get(0)));
      assertEquals(0, gathering.busyTokens());
      tc.completeNow();
    }));
  }

  private static Future<List<Reply>> ask(TokenQueryQueue q, String path) {
    return q.ask("t", List.of(file(path)), l -> false, LATER);
  }

  /**
   * The pause ends as the caller arrives that makes as many wait as the token's recent queries carried,
   * long before its cap (600 s here, so only that arrival can send): once the usual callers are in, waiting
   * longer only adds latency. Not at the moment the query answers, though, even with enough waiting.
   */
  @Test
  void aPauseEndsAsSoonAsTheCallersTheLastQueryCarriedWaitAgain(Vertx vertx, VertxTestContext tc) {
    TokenQueryQueue gathering = new TokenQueryQueue(github.client(), 1, 100, 600_000, meters);
    vertx.getOrCreateContext().runOnContext(v -> tc.verify(() -> {
      Future<List<Reply>> a = ask(gathering, "a.go");
      List<Future<List<Reply>>> three = new ArrayList<>(List.of(ask(gathering, "b.go"), ask(gathering, "c.go")));
      github.answer(0);
      assertEquals(1, github.posts.size(), "a.go carried 1 and 2 wait, yet the query answered just now: a pause");
      three.add(ask(gathering, "d.go"));
      assertEquals(2, github.posts.size(), "an arrival during the pause with enough waiting sends them");
      assertEquals(3, github.objectsIn(1), "b.go, c.go and d.go: 3 callers in one query");
      Future<List<Reply>> e = ask(gathering, "e.go");
      github.answer(1);
      assertEquals(2, github.posts.size(), "e.go waited behind a query of 3 callers: a pause");
      Future<List<Reply>> f = ask(gathering, "f.go");
      assertEquals(2, github.posts.size(), "2 of the 3 expected callers wait: still gathering");
      Future<List<Reply>> g = ask(gathering, "g.go");
      assertEquals(3, github.posts.size(), "the 3rd caller sends the query at once, not after 600 s");
      assertEquals(3, github.objectsIn(2));
      github.answer(2);
      assertEquals(List.of("main:a.go"), texts(a));
      for (int k = 0; k < 3; k++) {
        assertEquals(List.of("main:" + "bcd".charAt(k) + ".go"), texts(three.get(k)));
      }
      assertEquals(List.of("main:e.go"), texts(e));
      assertEquals(List.of("main:f.go"), texts(f));
      assertEquals(List.of("main:g.go"), texts(g));
      assertEquals(3, meters.get("sourcegate_graphql_callers_per_query").summary().max());
      assertEquals(0, gathering.busyTokens(), "nothing kept, and no pause left holding the slot");
      tc.completeNow();
    }));
  }

  /**
   * The pause is taken on the event loop whose query answered; the arrival that ends it may come from
   * another: it sends there and then, and each caller is still answered on its own context.
   */
  @Test
  void anArrivalOnAnotherEventLoopEndsThePauseAndEachCallerIsAnsweredOnItsOwn(Vertx vertx, VertxTestContext tc) {
    TokenQueryQueue gathering = new TokenQueryQueue(github.client(), 1, 100, 600_000, meters);
    Context mine = vertx.getOrCreateContext();
    Context theirs = vertx.getOrCreateContext();
    var answered = tc.checkpoint(2);
    mine.runOnContext(v -> {
      ask(gathering, "a.go");
      ask(gathering, "b.go").onComplete(ar -> tc.verify(() -> {
        assertSame(mine, Vertx.currentContext());
        assertEquals(List.of("main:b.go"), texts(Future.succeededFuture(ar.result())));
        answered.flag();
      }));
      github.answer(0);
      tc.verify(() -> assertEquals(1, github.posts.size(), "b.go waited behind a.go: a pause"));
      theirs.runOnContext(w -> {
        ask(gathering, "c.go").onComplete(ar -> tc.verify(() -> {
          assertSame(theirs, Vertx.currentContext());
          assertEquals(List.of("main:c.go"), texts(Future.succeededFuture(ar.result())));
          answered.flag();
        }));
        tc.verify(() -> {
          assertEquals(2, github.posts.size(), "2 wait, at least a.go's 1 caller: sent from this event loop at once");
          assertEquals(2, github.objectsIn(1));
        });
        github.answer(1);
      });
    });
  }

  /**
   * The callers expected are the most of the last few queries', not the last one's alone: one small query
   * (a pause its callers did not all reach) must not make the next pause end at the first arrival.
   */
  @Test
  void onePauseWaitsForTheMostCallersOfTheTokensLastFewQueries(Vertx vertx, VertxTestContext tc) {
    TokenQueryQueue gathering = new TokenQueryQueue(github.client(), 1, 100, 600_000, meters);
    // outside a Vert.x context nothing pauses: answers pass the slot on at once, writing the line's history
    ask(gathering, "a.go");
    List<Future<List<Reply>>> early = new ArrayList<>(List.of(ask(gathering, "b.go"), ask(gathering, "c.go"), ask(gathering, "d.go")));
    github.answer(0);
    assertEquals(3, github.objectsIn(1), "a query of 3 callers");
    early.add(ask(gathering, "e.go"));
    github.answer(1);
    assertEquals(1, github.objectsIn(2), "then one of 1 caller");
    early.add(ask(gathering, "f.go"));
    vertx.getOrCreateContext().runOnContext(v -> tc.verify(() -> {
      github.answer(2);
      assertEquals(3, github.posts.size(), "f.go waited behind a query: a pause");
      Future<List<Reply>> g = ask(gathering, "g.go");
      assertEquals(3, github.posts.size(), "2 waiting: the last query's 1 caller is not what is expected");
      Future<List<Reply>> h = ask(gathering, "h.go");
      assertEquals(4, github.posts.size(), "3 waiting, as many as the most of the last 3 queries carried");
      assertEquals(3, github.objectsIn(3));
      github.answer(3);
      assertEquals(List.of("main:g.go"), texts(g));
      assertEquals(List.of("main:h.go"), texts(h));
      assertTrue(early.stream().allMatch(Future::succeeded));
      assertEquals(0, gathering.busyTokens());
      tc.completeNow();
    }));
  }

  /** Fewer callers than expected ever come: the pause's cap sends those who did, and the line stays usable. */
  @Test
  void thePauseCapSendsThoseWaitingWhenTheExpectedCallersNeverCome(Vertx vertx, VertxTestContext tc) {
    TokenQueryQueue gathering = new TokenQueryQueue(github.client(), 1, 100, 50, meters);
    Context context = vertx.getOrCreateContext();
    // outside a Vert.x context: a query of 3 callers sets what the pause below expects
    ask(gathering, "a.go");
    List.of("b.go", "c.go", "d.go").forEach(p -> ask(gathering, p));
    github.answer(0);
    assertEquals(3, github.objectsIn(1));
    Future<List<Reply>> e = ask(gathering, "e.go");
    context.runOnContext(v -> {
      github.answer(1);
      tc.verify(() -> assertEquals(2, github.posts.size(), "1 of 3 expected callers waits: a pause"));
      eventually(vertx, context, () -> github.posts.size() == 3).onComplete(tc.succeeding(x -> tc.verify(() -> {
        assertEquals(1, github.objectsIn(2), "e.go alone, once the cap passed");
        github.answer(2);
        assertEquals(List.of("main:e.go"), texts(e));
        assertEquals(0, gathering.busyTokens());
        tc.completeNow();
      })));
    });
  }

  @Test
  void aPauseWhoseWaitersAllPassedTheirDeadlineFreesTheLine(Vertx vertx, VertxTestContext tc) {
    TokenQueryQueue gathering = new TokenQueryQueue(github.client(), 1, 100, 200, meters);
    Context context = vertx.getOrCreateContext();
    context.runOnContext(v -> {
      gathering.ask("t", List.of(file("a.go")), l -> false, LATER);
      Future<List<Reply>> hurried = gathering.ask("t", List.of(file("late.go")), l -> false, System.currentTimeMillis() + 20);
      github.answer(0);
      hurried.onComplete(ar -> tc.verify(() -> assertTrue(ar.failed(), "past its deadline during the pause")));
      eventually(vertx, context, () -> gathering.busyTokens() == 0).onComplete(tc.succeeding(x -> tc.verify(() -> {
        assertEquals(1, github.posts.size(), "no query for a waiter gone");
        gathering.ask("t", List.of(file("b.go")), l -> false, LATER);
        assertEquals(2, github.posts.size(), "the freed line sends the next look-up at once");
        tc.completeNow();
      })));
    });
  }
}
