package dev.sourcegate.fetch;

import io.vertx.core.Future;
import java.util.Optional;

/**
 * The second cache level, shared by every replica: only entries that never go stale (content keyed by
 * commit, commits by SHA) and vanity pages; never an access decision. A failure of the fleet level is
 * a miss, never a failed request.
 */
public interface FleetCache {
  FleetCache NONE = new FleetCache() {
    @Override
    public Future<Optional<SourceCache.Entry>> get(SourceCache.Key key) {
      return Future.succeededFuture(Optional.empty());
    }

    @Override
    public void put(SourceCache.Key key, SourceCache.Entry entry) {}

    @Override
    public void close() {}
  };

  /** The entry, or empty on a miss, an error or a slow answer. Never fails. */
  Future<Optional<SourceCache.Entry>> get(SourceCache.Key key);

  /** Stores the entry in the background; errors are counted, not reported. */
  void put(SourceCache.Key key, SourceCache.Entry entry);

  void close();
}
