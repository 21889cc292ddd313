package dev.sourcegate.fetch.graphql;

import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.TokenHash;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * Blob look-ups (files at a ref, blobs by oid) sent to GitHub's GraphQL API at most {@code perToken}
 * queries at a time per token, as GitHub asks of one token (its "secondary rate limits" guidance: make
 * requests serially). Look-ups that arrive while a token's queries are all in flight wait; when one
 * answers, every waiting look-up of that token goes out in ONE query (split above {@link
 * BlobQuery#MAX_OBJECTS}), the same look-up asked once however many callers wait for it. So concurrent
 * clicks of one user, and the by-oid reads of files that changed, share calls. A look-up with nothing in
 * flight for its token goes at once: a lone click waits for nothing.
 *
 * <p>Look-ups that already waited behind a query wait up to {@code gatherMillis} more before theirs
 * goes: the callers that query just answered often come straight back with their next miss, and without
 * the pause they would always miss the query that left the moment theirs answered, so one token's callers
 * would split into two groups taking turns, each query carrying half of them. The pause ends early, as the
 * caller arrives that makes as many callers wait as the most any of the token's last {@link
 * #CALLERS_REMEMBERED} queries carried: once the callers this token usually has are in, waiting longer
 * only adds latency. It never ends at the moment the query answers, even when that many already wait: those
 * are the other group, and sending them then, without the callers just answered, is exactly the turn-taking
 * the pause is there to break. The pause never applies to a look-up that finds its token idle.
 *
 * <p>Each caller gets exactly its own answers, in its order. A caller whose deadline passes while it
 * waits (or while the joined query it rides on is still out: that query may have a later deadline, the
 * latest of its callers') fails alone with DEADLINE_EXCEEDED. A joined query that fails as a whole fails
 * each of its callers with that failure; a look-up no query may carry (see {@link BlobQuery#checkAskable})
 * fails its own caller when asked, and never joins the others. Above {@code maxWaiting} waiting look-ups for a token, a caller
 * goes its own way at once rather than queue without bound. Optional look-ups (a file query's extras) only
 * fill room the others leave in their queries and do not count against that cap: joined, they could
 * otherwise split a query in two or send a caller its own way.
 *
 * <p>Fetcher verticle instances on several event loops share one queue: a lock guards only the
 * bookkeeping (never held across a send), and every caller's future is completed on the Vert.x context
 * it asked from. Tokens are filed by {@link TokenHash}, never as themselves.
 */
public final class TokenQueryQueue {
  /** What one look-up's caller gets: the blob answer, its ref's commit and its repository's page (when answered). */
  public record Reply(Answer<GitBlob> blob, String commitOid, String repositoryUrl, RootListing root) {}

  /** The slot of an optional look-up its query had no room for. */
  private static final int NOT_CARRIED = -1;
  /**
   * How many of a token's latest queries the callers a pause expects are drawn from (the most of them). In
   * a model of the mixed workload's closed loop (8 users, one token, 171 misses, 20 draws) the last query
   * alone let one small query (a pause its callers did not all reach) make the next pause end at the
   * first arrival: 35 queries with a 15 ms cap; the most of the last 3 gave 32.5, the mean of the last 3
   * 35.4, and remembering 4 changed nothing.
   */
  static final int CALLERS_REMEMBERED = 3;

  private final GraphQlClient client;
  private final int perToken;
  private final int maxWaiting;
  private final long gatherMillis;
  private final DistributionSummary lookupsPerQuery;
  private final DistributionSummary callersPerQuery;
  private final Object lock = new Object();
  /** Only tokens with a query in flight: removed when their last one answers and none waits. */
  private final Map<String, TokenLine> lines = new HashMap<>();

  /** As below, with no pause before a query of look-ups that waited. */
  public TokenQueryQueue(GraphQlClient client, int perToken, int maxWaiting, MeterRegistry meters) {
    this(client, perToken, maxWaiting, 0, meters);
  }

  /**
   * perToken: queries in flight per token (1 to 16); maxWaiting: look-ups a token may have waiting before
   * a caller goes its own way; gatherMillis: the longest look-ups that waited behind a query wait for more
   * before theirs goes (0: none; it ends earlier once as many callers wait as the token's queries carried).
   */
  public TokenQueryQueue(GraphQlClient client, int perToken, int maxWaiting, long gatherMillis, MeterRegistry meters) {
    if (perToken < 1 || maxWaiting < 0 || gatherMillis < 0) {
      throw new IllegalArgumentException("perToken must be at least 1, maxWaiting and gatherMillis not negative");
    }
    this.client = client;
    this.perToken = perToken;
    this.maxWaiting = maxWaiting;
    this.gatherMillis = gatherMillis;
    this.lookupsPerQuery = DistributionSummary.builder("sourcegate_graphql_lookups_per_query")
        .description("Distinct blob look-ups each GitHub GraphQL file query carried").register(meters);
    this.callersPerQuery = DistributionSummary.builder("sourcegate_graphql_callers_per_query")
        .description("Callers whose look-ups one GitHub GraphQL file query carried (above 1: joined)").register(meters);
    Gauge.builder("sourcegate_graphql_waiting_callers", this, TokenQueryQueue::waitingCallers)
        .description("Callers waiting for their token's next GitHub GraphQL file query").register(meters);
  }

  /**
   * The answers to lookups, in their order, for the caller with token. withoutText says which file
   * look-ups may ask only oid, size and kind (a caller of the same look-up who wants the text gets it
   * for both). Fails as the query fails, or with DEADLINE_EXCEEDED once deadlineMillis passes.
   */
  public Future<List<Reply>> ask(String token, List<? extends Lookup> lookups, Predicate<? super Lookup> withoutText,
      long deadlineMillis) {
    return ask(token, lookups, withoutText, l -> false, deadlineMillis);
  }

  /**
   * As above; optional says which look-ups ride along only where the others leave room: they fill what
   * is left of the queries the joined required look-ups need (never one more query) and do not count
   * against the waiting cap. One left out is answered failed, with no commit or repository.
   */
  public Future<List<Reply>> ask(String token, List<? extends Lookup> lookups, Predicate<? super Lookup> withoutText,
      Predicate<? super Lookup> optional, long deadlineMillis) {
    if (lookups.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    try {
      for (Lookup l : lookups) {
        BlobQuery.checkAskable(l);
      }
    } catch (RuntimeException refused) {
      // refused alone: found only once joined, it would fail the query of every caller waiting with it
      return Future.failedFuture(refused);
    }
    Waiter w = new Waiter(token, lookups, withoutText, optional, deadlineMillis, Vertx.currentContext());
    String key = TokenHash.of(token);
    boolean counted = false;
    Pause ended = null;
    long endedTimer = -1;
    List<Waiter> gathered = null;
    synchronized (lock) {
      TokenLine line = lines.computeIfAbsent(key, k -> new TokenLine());
      if (line.inFlight < perToken) {
        line.inFlight++;
        line.carried(1);
        counted = true;
      } else if (line.waitingLookups + w.required <= maxWaiting) {
        line.waiting.add(w);
        line.waitingLookups += w.required;
        // set under the lock, so the one who takes this waiter out sees the timer to cancel
        w.armTimer(() -> expire(key, w));
        if (line.pauses.isEmpty() || !line.gathered()) {
          return w.promise.future();
        }
        // this arrival completes the gathering: a paused slot sends now, and its timer has nothing left to do
        ended = line.pauses.poll();
        ended.over = true;
        endedTimer = ended.timer;
        gathered = line.takeWaiting();
      }
    }
    if (ended != null) {
      // not set yet (-1): the pause's own setter finds it over and cancels it
      if (endedTimer >= 0) {
        ended.vertx.cancelTimer(endedTimer);
      }
      send(key, gathered, true);
    } else {
      // above the waiting cap (not counted): its own way, at once
      send(key, List.of(w), counted);
    }
    return w.promise.future();
  }

  /** A waiter's own deadline passed: it leaves the line (if still in it) and fails; the others go on. */
  private void expire(String key, Waiter w) {
    synchronized (lock) {
      TokenLine line = lines.get(key);
      if (line != null && line.waiting.remove(w)) {
        line.waitingLookups -= w.required;
      }
    }
    w.fail(new RpcException(Code.DEADLINE_EXCEEDED, "deadline exceeded"));
  }

  /** One joined query (or a few, above the object limit) for waiters; counted: it holds one of the token's slots. */
  private void send(String key, List<Waiter> waiters, boolean counted) {
    Map<Object, Integer> indexByKey = new HashMap<>();
    List<Lookup> distinct = new ArrayList<>();
    List<Boolean> textWanted = new ArrayList<>();
    long deadline = 0;
    for (Waiter w : waiters) {
      deadline = Math.max(deadline, w.deadline);
    }
    // the required look-ups first; the optional ones then fill only what their queries leave: never one more
    int room = Integer.MAX_VALUE;
    for (boolean optionalPass : new boolean[] {false, true}) {
      if (optionalPass) {
        room = Math.max(1, (distinct.size() + BlobQuery.MAX_OBJECTS - 1) / BlobQuery.MAX_OBJECTS) * BlobQuery.MAX_OBJECTS;
      }
      for (Waiter w : waiters) {
        for (int i = 0; i < w.lookups.size(); i++) {
          if (w.optional[i] != optionalPass) {
            continue;
          }
          Lookup l = w.lookups.get(i);
          Integer at = indexByKey.get(l.sameAsKey());
          if (at == null) {
            if (distinct.size() >= room) {
              w.slots[i] = NOT_CARRIED;
              continue;
            }
            at = distinct.size();
            indexByKey.put(l.sameAsKey(), at);
            distinct.add(l);
            textWanted.add(false);
          }
          w.slots[i] = at;
          if (!w.withoutText[i]) {
            textWanted.set(at, true);
          }
        }
      }
    }
    List<BlobQuery> queries = new ArrayList<>();
    List<Future<QueryAnswers<GitBlob>>> sent = new ArrayList<>();
    Set<Lookup> oidOnly = Collections.newSetFromMap(new IdentityHashMap<>());
    for (int i = 0; i < distinct.size(); i++) {
      if (!textWanted.get(i)) {
        oidOnly.add(distinct.get(i));
      }
    }
    try {
      // split here rather than by BlobQuery.plan: a slot's query and place are then slot / MAX and slot % MAX
      for (int from = 0; from < distinct.size(); from += BlobQuery.MAX_OBJECTS) {
        queries.add(BlobQuery.of(distinct.subList(from, Math.min(distinct.size(), from + BlobQuery.MAX_OBJECTS)), oidOnly::contains));
      }
    } catch (RuntimeException refused) {
      finish(key, waiters, counted, Future.failedFuture(refused), queries);
      return;
    }
    String token = waiters.get(0).token;
    for (BlobQuery q : queries) {
      lookupsPerQuery.record(q.lookups().size());
      callersPerQuery.record(waiters.size());
      sent.add(client.blobs(token, q, deadline).compose(a -> a.failure() == null ? Future.succeededFuture(a)
          : Future.failedFuture(new RpcException(Code.UNAVAILABLE, a.response().failureMessage()))));
    }
    Future.all(sent).onComplete(all -> finish(key, waiters, counted,
        all.succeeded() ? Future.succeededFuture(sent) : Future.failedFuture(all.cause()), queries));
  }

  /**
   * Hands each waiter its slice, then frees the slot and sends whoever waits. In that order: a waiter on
   * this very context continues at once and may ask again (a changed file's bytes by oid), and its new
   * look-ups then join the next query instead of going alone.
   */
  private void finish(String key, List<Waiter> waiters, boolean counted, Future<List<Future<QueryAnswers<GitBlob>>>> outcome,
      List<BlobQuery> queries) {
    // only look-ups that waited behind this query are worth a pause: those its own callers make as their
    // answers arrive (a changed file's bytes by oid) would otherwise make a lone click wait for no one
    boolean waitedBehind = counted && someoneWaits(key);
    try {
      deliver(waiters, outcome, queries);
    } finally {
      // whatever a waiter's handler did, the slot is freed: a token's line must never stay blocked
      if (counted) {
        release(key, waitedBehind);
      }
    }
  }

  private boolean someoneWaits(String key) {
    synchronized (lock) {
      return !lines.get(key).waiting.isEmpty();
    }
  }

  private static void deliver(List<Waiter> waiters, Future<List<Future<QueryAnswers<GitBlob>>>> outcome, List<BlobQuery> queries) {
    for (Waiter w : waiters) {
      if (outcome.failed()) {
        w.fail(outcome.cause());
        continue;
      }
      List<Reply> replies = new ArrayList<>(w.lookups.size());
      for (int slot : w.slots) {
        if (slot == NOT_CARRIED) {
          replies.add(new Reply(new Answer.Failed<>("NOT_CARRIED", "no room left in the query"), null, null, null));
          continue;
        }
        int qi = slot / BlobQuery.MAX_OBJECTS;
        int i = slot % BlobQuery.MAX_OBJECTS;
        BlobQuery q = queries.get(qi);
        QueryAnswers<GitBlob> a = outcome.result().get(qi).result();
        replies.add(new Reply(a.answers().get(i), BlobAnswers.commitOid(q, a.response(), i).orElse(null),
            BlobAnswers.repositoryUrl(q, a.response(), i).orElse(null), BlobAnswers.rootListing(q, a.response(), i).orElse(null)));
      }
      w.complete(List.copyOf(replies));
    }
  }

  /**
   * Frees the slot of a query that answered. When look-ups wait, the slot passes to their query at once,
   * or, when some waited behind the query (gather), after the gather pause: until the arrival that
   * completes the gathering (see {@link TokenLine#gathered}) or gatherMillis on this context's timer,
   * whichever comes first (outside a Vert.x context, at once).
   */
  private void release(String key, boolean gather) {
    Context here = Vertx.currentContext();
    boolean pause = gather && gatherMillis > 0 && here != null;
    Pause p;
    List<Waiter> next;
    synchronized (lock) {
      TokenLine line = lines.get(key);
      if (line.waiting.isEmpty()) {
        freeSlot(key, line);
        return;
      }
      // a whole query's worth already waits: more could not join it
      if (!pause || line.waitingLookups >= BlobQuery.MAX_OBJECTS) {
        next = line.takeWaiting();
        p = null;
      } else {
        // the slot stays taken meanwhile, so whoever arrives during the pause joins the waiting. Not sent
        // now even if as many wait as expected: those are the callers that missed this query, and the
        // ones it just answered are about to come back
        p = new Pause(here.owner());
        line.pauses.add(p);
        next = null;
      }
    }
    if (p == null) {
      send(key, next, true);
      return;
    }
    long timer = p.vertx.setTimer(gatherMillis, id -> pauseEnds(key, p));
    boolean endedMeanwhile;
    synchronized (lock) {
      endedMeanwhile = p.over;
      p.timer = timer;
    }
    if (endedMeanwhile) {
      p.vertx.cancelTimer(timer);
    }
  }

  /**
   * The longest pause is over: sends everyone waiting in the slot it holds, unless an arrival ended it
   * first; none left (all past their deadline): frees the slot.
   */
  private void pauseEnds(String key, Pause p) {
    List<Waiter> next;
    synchronized (lock) {
      if (p.over) {
        return;
      }
      p.over = true;
      TokenLine line = lines.get(key);
      line.pauses.remove(p);
      if (line.waiting.isEmpty()) {
        freeSlot(key, line);
        return;
      }
      next = line.takeWaiting();
    }
    send(key, next, true);
  }

  /** Under the lock: one of the token's queries is done; the line goes once none is in flight. */
  private void freeSlot(String key, TokenLine line) {
    line.inFlight--;
    if (line.inFlight == 0) {
      lines.remove(key);
    }
  }

  /** Callers waiting now, over all tokens. */
  public int waitingCallers() {
    synchronized (lock) {
      return lines.values().stream().mapToInt(l -> l.waiting.size()).sum();
    }
  }

  /** Tokens with a query in flight now, for tests: the queue keeps nothing once a token's queries are answered. */
  public int busyTokens() {
    synchronized (lock) {
      return lines.size();
    }
  }

  /**
   * One token's queries in flight (a paused slot counts as one), the callers waiting for the next one,
   * and how many callers its last few queries carried. Guarded by the queue's lock. Removed once idle, so
   * a token that went quiet starts over as a lone click.
   */
  private static final class TokenLine {
    int inFlight;
    int waitingLookups;
    final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    /** Slots held in a gather pause, oldest first. */
    final ArrayDeque<Pause> pauses = new ArrayDeque<>();
    /** Callers of the last CALLERS_REMEMBERED queries sent, as a ring; 0 where none was sent yet. */
    private final int[] recentCallers = new int[CALLERS_REMEMBERED];
    private int nextRecent;

    /** A query of this line left with callers. */
    void carried(int callers) {
      recentCallers[nextRecent] = callers;
      nextRecent = (nextRecent + 1) % CALLERS_REMEMBERED;
    }

    /** The callers a pause waits for: the most any of the last few queries carried (at least 1). */
    int expectedCallers() {
      int most = 1;
      for (int callers : recentCallers) {
        most = Math.max(most, callers);
      }
      return most;
    }

    /** Enough waits to end a pause: the callers expected, or a whole query's worth of look-ups. */
    boolean gathered() {
      return waiting.size() >= expectedCallers() || waitingLookups >= BlobQuery.MAX_OBJECTS;
    }

    /** Everyone waiting, out of the line, for one query now leaving. */
    List<Waiter> takeWaiting() {
      List<Waiter> next = new ArrayList<>(waiting);
      waiting.clear();
      waitingLookups = 0;
      carried(next.size());
      return next;
    }
  }

  /**
   * A slot held in a gather pause. over (under the queue's lock) says it ended, by its timer or by the
   * arrival that completed the gathering: whichever sets it first sends, the other does nothing.
   */
  private static final class Pause {
    final Vertx vertx;
    /** The pause's timer once set (-1 before); under the queue's lock. */
    long timer = -1;
    boolean over;

    Pause(Vertx vertx) {
      this.vertx = vertx;
    }
  }

  /** One caller: its look-ups, where each sits in the joined query, and how to answer it on its own context. */
  private static final class Waiter {
    final String token;
    final List<? extends Lookup> lookups;
    final boolean[] withoutText;
    final boolean[] optional;
    /** Look-ups not optional: what counts against the waiting cap. */
    final int required;
    final int[] slots;
    final long deadline;
    final Context context;
    final Promise<List<Reply>> promise = Promise.promise();
    final AtomicBoolean settled = new AtomicBoolean();
    volatile long timer = -1;

    Waiter(String token, List<? extends Lookup> lookups, Predicate<? super Lookup> withoutText,
        Predicate<? super Lookup> optional, long deadline, Context context) {
      this.token = token;
      this.lookups = List.copyOf(lookups);
      this.withoutText = new boolean[lookups.size()];
      this.optional = new boolean[lookups.size()];
      int required = 0;
      for (int i = 0; i < lookups.size(); i++) {
        this.withoutText[i] = withoutText.test(lookups.get(i));
        this.optional[i] = optional.test(lookups.get(i));
        required += this.optional[i] ? 0 : 1;
      }
      this.required = required;
      this.slots = new int[lookups.size()];
      this.deadline = deadline;
      this.context = context;
    }

    /** Outside a Vert.x context (a plain unit test) there is no timer: the query's own deadline bounds the wait. */
    void armTimer(Runnable onDeadline) {
      if (context != null) {
        long delay = Math.max(1, deadline - System.currentTimeMillis());
        timer = context.owner().setTimer(delay, id -> context.runOnContext(v -> onDeadline.run()));
      }
    }

    void complete(List<Reply> replies) {
      settle(() -> promise.complete(replies));
    }

    void fail(Throwable cause) {
      settle(() -> promise.fail(cause));
    }

    /** Once only (the deadline and the answer may race); on the caller's own context. */
    private void settle(Runnable outcome) {
      if (!settled.compareAndSet(false, true)) {
        return;
      }
      long t = timer;
      if (t >= 0 && context != null) {
        context.owner().cancelTimer(t);
      }
      if (context == null || Vertx.currentContext() == context) {
        outcome.run();
      } else {
        context.runOnContext(v -> outcome.run());
      }
    }
  }
}
