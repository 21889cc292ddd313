package dev.sourcegate.resolve;

import com.github.benmanes.caffeine.cache.Cache;
import dev.sourcegate.bus.Addresses;
import dev.sourcegate.bus.BusClient;
import dev.sourcegate.bus.Messages.CallContext;
import dev.sourcegate.bus.Messages.FetchRequest;
import dev.sourcegate.bus.Messages.FetchedFiles;
import dev.sourcegate.bus.Messages.FileAt;
import dev.sourcegate.bus.Messages.ReadFiles;
import dev.sourcegate.bus.Messages.Session;
import dev.sourcegate.ops.Caches;
import dev.sourcegate.resolve.rules.FileQuery;
import dev.sourcegate.source.PyroscopeConfig;
import dev.sourcegate.source.RepoRef;
import io.vertx.core.Future;
import java.util.List;

/**
 * A cold GetFile's reads in one upstream call, where the host can batch them (GitHub's GraphQL API):
 * first a dry run of the request's rules lists every GitHub file they could read ({@link DryRunReader},
 * with the repository's last known .pyroscope.yaml for this caller, so mapped candidates are in it too,
 * and the last known content of the files that steer the rules, {@link LastKnownContent}, so a module's
 * or a git dependency's file is in it too), then the fetcher reads them all at once into its cache
 * ({@link ReadFiles}), and only then do the real rules run, as always: their reads are cache hits, and a
 * read the list missed (a mapping or lock file seen for the first time, or changed since) is read on its
 * own as before. The answer is the rules' answer whatever the list holds; the list only decides how many
 * reads are already done. Shared by every resolver instance (thread-safe).
 */
final class ReadAhead {
  /** Whose view of which repository's mappings: the config is learnt through the caller's token. */
  private record ConfigKey(String caller, String repoKey, String rootPath) {}

  private final Cache<ConfigKey, PyroscopeConfig> lastConfigs = Caches.builder().maximumSize(20_000).build();
  private final LastKnownContent lastContent = new LastKnownContent();

  /**
   * The files the rules could read for q, as a dry run with the caller's last known config and steering
   * files lists them; complete once the dry run is (its reads answer at once, but a lock file it is given
   * may be parsed off the loop before the rule that needs it asks its next file). Never fails.
   */
  Future<List<FileAt>> candidates(SourceResolver resolver, FileQuery q, String caller) {
    PyroscopeConfig known = lastConfigs.getIfPresent(key(q, caller));
    DryRunReader dry = new DryRunReader(known == null ? PyroscopeConfig.EMPTY : known, caller, q, lastContent);
    Future<?> run;
    try {
      run = resolver.resolve(q, dry);
    } catch (RuntimeException e) {
      // a rule that throws on a dry run's answers still listed what it asked before
      run = Future.succeededFuture();
    }
    return run.transform(done -> Future.succeededFuture(dry.asked()));
  }

  /** Reads the candidates in one batch where the fetcher can; completes (never fails) once they are cached or not. */
  Future<Void> read(BusClient bus, CallContext ctx, Session session, FileQuery q, List<FileAt> files) {
    if (files.isEmpty()) {
      return Future.succeededFuture();
    }
    FetchRequest batch = new FetchRequest(ctx, session, RepoRef.github(q.owner(), q.repo()), new ReadFiles(files));
    return bus.<FetchedFiles>call(Addresses.FETCH, batch, ctx).<Void>mapEmpty().otherwiseEmpty();
  }

  /**
   * After a resolution: the .pyroscope.yaml, the steering files and the vanity pages the rules read, for
   * the next dry run of this caller on this repository (pages: of anyone's).
   */
  void learn(FileQuery q, PrefetchingReader reader) {
    Future<PyroscopeConfig> read = reader.pyroscopeConfig(q.owner(), q.repo(), q.ref(), rootPath(q));
    String caller = reader.callerKey();
    if (read != null && read.succeeded() && read.result() != null) {
      lastConfigs.put(key(q, caller), read.result());
    }
    reader.eachFileRead((where, ref, path, file) -> lastContent.learnFile(q, caller, where, ref, path, file));
    reader.eachPageRead(lastContent::learnPage);
  }

  private static ConfigKey key(FileQuery q, String caller) {
    return new ConfigKey(caller, RepoRef.key(q.owner(), q.repo()), rootPath(q));
  }

  private static String rootPath(FileQuery q) {
    return q.rootPath() == null ? "" : q.rootPath();
  }
}
