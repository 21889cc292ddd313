package dev.sourcegate.fetch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.Optional;

/**
 * The fleet level on Redis. Every call is bounded in time: a slow or dead Redis costs a request at most
 * the look-up budget, then it is a miss and the local level and GitHub answer, and the failure is
 * counted.
 */
public final class RedisFleetCache implements FleetCache {
  /** How long immutable entries live in Redis (it evicts sooner under memory pressure if configured to). */
  static final Duration IMMUTABLE_TTL = Duration.ofDays(7);
  /** Values larger than this are sealed and opened on a worker thread. */
  static final int OFF_LOOP_BYTES = 64 * 1024;

  private final Vertx vertx;
  private final FleetCipher cipher;
  private final Redis redis;
  private final long vanityTtlMs;
  /** How long a look-up may take before it counts as a miss (SOURCEGATE_REDIS_LOOKUP_MS). */
  private final long lookupBudgetMs;
  private final Counter hits;
  private final Counter misses;
  private final Counter errors;
  private final Counter writes;
  private final Counter writtenBytes;

  /**
   * sessionSecret: GITHUB_SESSION_SECRET, which the values' encryption key is derived from (the
   * configuration refuses a Redis URL without it, so that replicas sharing the secret share the key).
   */
  public RedisFleetCache(Vertx vertx, String url, String sessionSecret, long vanityTtlMs, long lookupBudgetMs,
      MeterRegistry registry) {
    this.vertx = vertx;
    this.cipher = new FleetCipher(sessionSecret);
    this.redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(url).setMaxPoolSize(16)
        .setMaxWaitingHandlers(1024));
    this.vanityTtlMs = vanityTtlMs;
    this.lookupBudgetMs = lookupBudgetMs;
    this.hits = counter(registry, "hit");
    this.misses = counter(registry, "miss");
    this.errors = Counter.builder("sourcegate_fleet_cache_errors")
        .description("Fleet cache (Redis) calls that failed or timed out, and values that did not decrypt")
        .register(registry);
    this.writes = Counter.builder("sourcegate_fleet_cache_writes").description("Entries written to the fleet cache")
        .register(registry);
    this.writtenBytes = Counter.builder("sourcegate_fleet_cache_written_bytes")
        .description("Bytes written to the fleet cache (Redis evicts and expires them on its side)").register(registry);
  }

  private static Counter counter(MeterRegistry registry, String result) {
    return Counter.builder("sourcegate_cache_lookups").description("Cache look-ups by level and result")
        .tag("level", "fleet").tag("result", result).register(registry);
  }

  @Override
  public Future<Optional<SourceCache.Entry>> get(SourceCache.Key key) {
    String redisKey = FleetCodec.lookupKey(key);
    if (redisKey == null) {
      return Future.succeededFuture(Optional.empty());
    }
    Promise<Optional<SourceCache.Entry>> answer = Promise.promise();
    long timer = vertx.setTimer(lookupBudgetMs, id -> {
      if (answer.tryComplete(Optional.empty())) {
        errors.increment();
      }
    });
    redis.send(Request.cmd(Command.GET).arg(redisKey)).onComplete(ar -> {
      vertx.cancelTimer(timer);
      if (ar.failed()) {
        if (answer.tryComplete(Optional.empty())) {
          errors.increment();
        }
        return;
      }
      Buffer sealed = ar.result() == null ? null : ar.result().toBuffer();
      if (sealed == null) {
        if (answer.tryComplete(Optional.empty())) {
          misses.increment();
        }
        return;
      }
      offLoopIfLarge(sealed.length(), () -> cipher.open(redisKey, sealed)).onComplete(opened -> {
        Buffer value = opened.result();
        if (value == null) {
          // another secret, an altered value or one moved from another key: a miss, never the caller's error
          if (answer.tryComplete(Optional.empty())) {
            errors.increment();
          }
          return;
        }
        long localTtl = key instanceof SourceCache.PageKey ? Duration.ofMillis(vanityTtlMs).toNanos() : SourceCache.FOREVER;
        SourceCache.Entry entry = FleetCodec.decode(value, localTtl);
        if (answer.tryComplete(Optional.ofNullable(entry))) {
          (entry == null ? misses : hits).increment();
        }
      });
    });
    return answer.future();
  }

  /**
   * Runs a seal or open on a worker when the value is large: AES-GCM over a 10 MB file takes milliseconds,
   * too long for an event loop; a small value is done in place, cheaper than the hop.
   */
  private Future<Buffer> offLoopIfLarge(int bytes, java.util.concurrent.Callable<Buffer> work) {
    if (bytes <= OFF_LOOP_BYTES) {
      try {
        return Future.succeededFuture(work.call());
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
    }
    return vertx.executeBlocking(work, false);
  }

  @Override
  public void put(SourceCache.Key key, SourceCache.Entry entry) {
    String redisKey = FleetCodec.key(key, entry);
    if (redisKey == null) {
      return;
    }
    long ttlMs = key instanceof SourceCache.PageKey ? vanityTtlMs : IMMUTABLE_TTL.toMillis();
    Buffer plain = FleetCodec.encode(entry);
    offLoopIfLarge(plain.length(), () -> cipher.seal(redisKey, plain))
        .compose(value -> redis.send(Request.cmd(Command.SET).arg(redisKey).arg(value).arg("PX").arg(ttlMs)).map(value))
        .onComplete(ar -> {
          if (ar.succeeded()) {
            writes.increment();
            writtenBytes.increment(ar.result().length());
          } else {
            errors.increment();
          }
        });
  }

  @Override
  public void close() {
    redis.close();
  }
}
