package dev.sourcegate.resolve.runtime;

import dev.sourcegate.resolve.rules.FileQuery;
import dev.sourcegate.resolve.rules.ResolveContext;
import dev.sourcegate.resolve.rules.PerRefCache;
import dev.sourcegate.resolve.rules.SourceReader;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.PathGuard;
import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The version of each runtime the application runs on (docs/resolution.md §9.1), read from the request's
 * repository at the request's ref: the files of {@link VersionSources} under rootPath, then at the root;
 * the first that tells the runtime's version wins, else the configured default. Only the files that may
 * tell the asked runtime are read, all at once (at most 2 x 7); a missing file tells nothing, any other
 * failure (rate limit, permission) is the answer, uncached, rather than a guess.
 *
 * <p>Answers are cached per caller, repository, ref, rootPath and runtime: a full commit SHA for a day (its
 * files never change), a branch or tag for the ref TTL. Per caller, because the files of a private
 * repository told the version: another caller gets it only by reading them. Thread-safe; only finished answers are cached, never a
 * Future, which belongs to the event loop that made it.
 *
 * <p>A dry run (a {@link SourceReader#speculative} reader, which finds no file) gets the version this
 * caller last learnt for the repository and rootPath at any ref, else the default: so a cold frame of a
 * repository seen before lists the runtime's file at the version the real run will most likely read.
 * The real run always reads the files; a dry run's answer is never kept.
 */
public final class RuntimeVersions {
  /** A build file past this size tells nothing: parsing it would hold the event loop. */
  static final int MAX_TEXT_BYTES = 512 * 1024;

  /** caller: the reader's {@link SourceReader#callerKey}; a version read from a private repository is its reader's. */
  private record Key(String caller, String repo, String ref, String rootPath, Runtime runtime) {
    /** The same question at any ref: what the last known version is kept under. */
    Key anyRef() {
      return new Key(caller, repo, "", rootPath, runtime);
    }
  }

  private final Map<Runtime, String> defaults;
  private final PerRefCache<Key, RuntimeVersion> cache;
  private final Duration refTtl;

  /** defaults: the version per runtime when no file tells it (normalised; Kotlin and Rust have none). */
  public RuntimeVersions(Map<Runtime, String> defaults, Duration refTtl, long maxEntries) {
    this.defaults = Map.copyOf(defaults);
    this.refTtl = refTtl;
    this.cache = new PerRefCache<>(refTtl, maxEntries, Key::ref, Key::anyRef);
  }

  /** How long an answer for a branch or tag is kept (SOURCEGATE_REF_TTL_MS): other per-ref caches keep theirs as long. */
  public Duration refTtl() {
    return refTtl;
  }

  /** The settings' names, for {@link RuntimeVersion#source} of a default. */
  private static String settingOf(Runtime r) {
    return "SOURCEGATE_DEFAULT_" + r.name();
  }

  public Future<RuntimeVersion> jdk(ResolveContext ctx) {
    return version(ctx.query(), ctx.reader(), Runtime.JDK);
  }

  public Future<RuntimeVersion> kotlin(ResolveContext ctx) {
    return version(ctx.query(), ctx.reader(), Runtime.KOTLIN);
  }

  public Future<RuntimeVersion> node(ResolveContext ctx) {
    return version(ctx.query(), ctx.reader(), Runtime.NODE);
  }

  public Future<RuntimeVersion> python(ResolveContext ctx) {
    return version(ctx.query(), ctx.reader(), Runtime.PYTHON);
  }

  public Future<RuntimeVersion> ruby(ResolveContext ctx) {
    return version(ctx.query(), ctx.reader(), Runtime.RUBY);
  }

  public Future<RuntimeVersion> rust(ResolveContext ctx) {
    return version(ctx.query(), ctx.reader(), Runtime.RUST);
  }

  public Future<RuntimeVersion> version(FileQuery q, SourceReader reader, Runtime runtime) {
    String rootPath = q.rootPath() == null ? "" : q.rootPath();
    Key key = new Key(reader.callerKey(), RepoRef.key(q.owner(), q.repo()), q.ref(), rootPath, runtime);
    RuntimeVersion known = cache.get(key);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    List<Candidate> candidates = candidates(rootPath, runtime);
    List<Future<SourceFile>> reads = new ArrayList<>();
    for (Candidate c : candidates) {
      reads.add(PerRefCache.read(q, reader, c.path()));
    }
    return Future.join(reads).transform(done -> {
      for (int i = 0; i < candidates.size(); i++) {
        Future<SourceFile> read = reads.get(i);
        if (read.failed()) {
          if (RpcException.isNotFound(read.cause())) {
            continue;
          }
          return Future.failedFuture(read.cause());
        }
        Optional<String> v = tell(candidates.get(i).source(), read.result(), runtime);
        if (v.isPresent()) {
          return Future.succeededFuture(remember(key, new RuntimeVersion(runtime, v.get(), candidates.get(i).path()), reader));
        }
      }
      RuntimeVersion lastKnown = reader.speculative() ? cache.lastKnown(key) : null;
      if (lastKnown != null) {
        // a dry run reads no file: the version this caller last learnt for this repository and rootPath
        // (any ref) is the one the real run most likely reads, so its runtime file goes in the batch
        return Future.succeededFuture(lastKnown);
      }
      String fallback = defaults.getOrDefault(runtime, "");
      return Future.succeededFuture(remember(key, new RuntimeVersion(runtime, fallback,
          fallback.isEmpty() ? "none" : settingOf(runtime)), reader));
    });
  }

  private RuntimeVersion remember(Key key, RuntimeVersion v, SourceReader reader) {
    cache.put(key, v, reader);
    return v;
  }

  private record Candidate(VersionSource source, String path) {}

  /** rootPath's files first (the service's own), then the repository root's, each in the order of VersionSources. */
  private static List<Candidate> candidates(String rootPath, Runtime runtime) {
    List<Candidate> out = new ArrayList<>();
    List<String> dirs = rootPath.isEmpty() ? List.of("") : List.of(rootPath, "");
    for (String dir : dirs) {
      for (VersionSource s : VersionSources.telling(runtime)) {
        out.add(new Candidate(s, PathGuard.join(dir, s.fileName())));
      }
    }
    return out;
  }


  private static Optional<String> tell(VersionSource source, SourceFile file, Runtime runtime) {
    if (file.content().length > MAX_TEXT_BYTES) {
      return Optional.empty();
    }
    String text = new String(file.content(), StandardCharsets.UTF_8);
    return Optional.ofNullable(source.read(text).get(runtime)).flatMap(raw -> VersionText.normalize(runtime, raw));
  }
}
