package dev.sourcegate.fetch;

import io.vertx.core.Future;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fleet cache in memory, shared by the fetchers a test makes: it keeps what RedisFleetCache keeps
 * (the same keys, so only entries that never go stale), counts look-ups, and can be made to fail every
 * look-up, as a Redis that went away does (the interface's contract is a miss, so it answers empty).
 */
final class MapFleetCache implements FleetCache {
  private final Map<String, SourceCache.Entry> entries = new ConcurrentHashMap<>();
  final AtomicInteger gets = new AtomicInteger();
  volatile boolean down;

  @Override
  public Future<Optional<SourceCache.Entry>> get(SourceCache.Key key) {
    gets.incrementAndGet();
    if (down) {
      return Future.failedFuture("the fleet cache is down");
    }
    SourceCache.Entry e = key instanceof SourceCache.FileKey f
        ? entries.get(FleetCodec.PREFIX + "file\n" + f.repo() + "\n" + f.version() + "\n" + f.path()) : null;
    return Future.succeededFuture(Optional.ofNullable(e));
  }

  @Override
  public void put(SourceCache.Key key, SourceCache.Entry entry) {
    String k = FleetCodec.key(key, entry);
    if (k != null) {
      entries.put(k, entry);
    }
  }

  int size() {
    return entries.size();
  }

  @Override
  public void close() {}
}
