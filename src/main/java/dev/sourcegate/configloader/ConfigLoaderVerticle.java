package dev.sourcegate.configloader;

import dev.sourcegate.ops.Caches;

import dev.sourcegate.source.PyroscopeConfig;

import dev.sourcegate.bus.Addresses;
import dev.sourcegate.bus.BusClient;
import dev.sourcegate.bus.BusFailures;
import dev.sourcegate.bus.BusServer;
import dev.sourcegate.bus.Messages.ConfigQuery;
import dev.sourcegate.bus.Messages.ConfigReply;
import dev.sourcegate.bus.Messages.FetchRequest;
import dev.sourcegate.bus.Messages.FetchedFile;
import dev.sourcegate.bus.Messages.ReadFile;
import dev.sourcegate.source.CommitSha;
import dev.sourcegate.source.RepoRef;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.settings.GatewayConfig;
import dev.sourcegate.source.PathGuard;
import com.github.benmanes.caffeine.cache.Cache;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.lang.System.Logger.Level;

/**
 * Reads a repository's .pyroscope.yaml through the fetcher and parses it. It never fails: a missing,
 * unreadable, unparsable or invalid file is logged and answered as "no mappings", so resolution goes on.
 */
public final class ConfigLoaderVerticle extends VerticleBase {
  static final String FILE_NAME = ".pyroscope.yaml";
  /** Far more than any real mapping file; a bigger one is not worth parsing on an event loop. */
  static final int MAX_CONFIG_BYTES = 256 * 1024;
  private static final System.Logger LOG = System.getLogger(ConfigLoaderVerticle.class.getName());

  /**
   * Parsed files by repository, commit and path: the same three name the same bytes, so a warm request
   * parses nothing again. A file read at a ref's name (no commit to name it by) is parsed every time.
   */
  private final Cache<Parsed, PyroscopeConfig> parsed = Caches.builder().maximumSize(10_000).build();

  /** repoKey is {@link RepoRef#key}; commit a full SHA. */
  private record Parsed(String repoKey, String commit, String path) {}

  private BusClient bus;

  public ConfigLoaderVerticle(GatewayConfig config) {}

  @Override
  public Future<?> start() {
    bus = BusClient.of(vertx);
    return BusServer.serve(vertx, Addresses.CONFIG_LOAD, (ConfigQuery q) -> load(q).map(ConfigReply::new));
  }

  private Future<PyroscopeConfig> load(ConfigQuery q) {
    String path = PathGuard.join(q.rootPath(), FILE_NAME);
    if (q.ctx().remainingMillis() <= 0) {
      // no time left to read it: resolve without, quietly, as when the file is missing
      return Future.succeededFuture(PyroscopeConfig.EMPTY);
    }
    FetchRequest fetch = new FetchRequest(q.ctx(), q.session(), q.where(), new ReadFile(q.ref(), path));
    return bus.<FetchedFile>call(Addresses.FETCH, fetch, q.ctx())
        .map(fetched -> {
          if (!CommitSha.isFull(fetched.version())) {
            return parse(q, path, fetched.file().content());
          }
          return parsed.get(new Parsed(q.where().key(), fetched.version(), path), k -> parse(q, path, fetched.file().content()));
        })
        .otherwise(e -> {
          if (!RpcException.isNotFound(BusFailures.toRpc(e))) {
            LOG.log(Level.INFO, "{0}/{1}@{2}: {3} unreadable ({4}); resolving without it",
                q.where().owner(), q.where().repo(), q.ref(), path, BusFailures.toRpc(e).getMessage());
          }
          return PyroscopeConfig.EMPTY;
        });
  }

  private static PyroscopeConfig parse(ConfigQuery q, String path, byte[] content) {
    if (content.length > MAX_CONFIG_BYTES) {
      LOG.log(Level.WARNING, "{0}/{1}@{2}: {3} is larger than {4} bytes; ignored", q.where().owner(), q.where().repo(), q.ref(), path, MAX_CONFIG_BYTES);
      return PyroscopeConfig.EMPTY;
    }
    ParseResult result = PyroscopeYamlParser.parse(content);
    if (!result.valid()) {
      LOG.log(Level.WARNING, "{0}/{1}@{2}: {3} is invalid and ignored: {4}",
          q.where().owner(), q.where().repo(), q.ref(), path, String.join("; ", result.errors()));
    }
    return result.config();
  }
}
