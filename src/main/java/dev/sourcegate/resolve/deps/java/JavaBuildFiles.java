package dev.sourcegate.resolve.deps.java;

import dev.sourcegate.resolve.rules.FileQuery;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The artifact versions a repository's build pins at the request's ref (docs/resolution.md §17.1):
 * {@code gradle.lockfile}, {@code pom.xml} (with its parents and imported BOMs, {@link PomReads}),
 * {@code gradle/libs.versions.toml}, {@code build.gradle.kts} and {@code build.gradle} (with the BOMs they
 * import, {@link GradleVersions#boms}), under rootPath, then at the root, read all at once; for each
 * artifact the first file in that order that pins it wins. A missing file tells nothing; any other
 * failure (rate limit, permission, the Maven repository down while a BOM is read) is the answer,
 * uncached, rather than a guess.
 *
 * <p>Cached per caller (a private repository's build told the versions), repository, ref and rootPath;
 * a commit SHA for a day, a branch or tag for the ref TTL ({@link PerRefCache}).
 */
public final class JavaBuildFiles {
  /** A build file past this size tells nothing: parsing it would hold the event loop. */
  static final int MAX_FILE_BYTES = 2 * 1024 * 1024;
  static final List<String> FILES = List.of("gradle.lockfile", "pom.xml", "gradle/libs.versions.toml", "build.gradle.kts",
      "build.gradle");

  private record Key(String caller, String repo, String ref, String rootPath) {}

  private final PerRefCache<Key, LockedArtifacts> cache;

  /** maxBytes: what the kept answers may weigh together (a BOM-managed build pins a thousand artifacts). */
  public JavaBuildFiles(Duration refTtl, long maxBytes) {
    this.cache = new PerRefCache<>(refTtl, maxBytes, Key::ref, LockedArtifacts::weight);
  }

  public Future<LockedArtifacts> versions(FileQuery q, SourceReader reader) {
    String rootPath = q.rootPath() == null ? "" : q.rootPath();
    Key key = new Key(reader.callerKey(), RepoRef.key(q.owner(), q.repo()), q.ref(), rootPath);
    LockedArtifacts known = cache.get(key);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    List<String> paths = new ArrayList<>();
    for (String dir : rootPath.isEmpty() ? List.of("") : List.of(rootPath, "")) {
      for (String file : FILES) {
        paths.add(PathGuard.join(dir, file));
      }
    }
    List<Future<SourceFile>> reads = new ArrayList<>();
    for (String p : paths) {
      reads.add(PerRefCache.read(q, reader, p));
    }
    return Future.join(new ArrayList<>(reads)).transform(done -> {
      List<Future<Map<MavenArtifact, EffectivePom.Pinned>>> parsed = new ArrayList<>();
      List<String> found = new ArrayList<>();
      for (int i = 0; i < paths.size(); i++) {
        Future<SourceFile> r = reads.get(i);
        if (r.failed()) {
          if (!RpcException.isNotFound(r.cause())) {
            return Future.failedFuture(r.cause());
          }
          parsed.add(Future.succeededFuture(Map.of()));
          continue;
        }
        found.add(paths.get(i));
        parsed.add(r.result().content().length > MAX_FILE_BYTES ? Future.succeededFuture(Map.of())
            : pins(q, reader, paths.get(i), new String(r.result().content(), StandardCharsets.UTF_8)));
      }
      return Future.all(new ArrayList<>(parsed)).map(all -> {
        Map<MavenArtifact, LockedArtifacts.Pin> pins = new LinkedHashMap<>();
        for (int i = 0; i < paths.size(); i++) {
          String file = paths.get(i);
          parsed.get(i).result().forEach((a, p) ->
              pins.putIfAbsent(a, new LockedArtifacts.Pin(a, p.version(), file, p.declared())));
        }
        LockedArtifacts v = new LockedArtifacts(pins, paths, found);
        cache.put(key, v, reader);
        return v;
      });
    });
  }

  private static Future<Map<MavenArtifact, EffectivePom.Pinned>> pins(FileQuery q, SourceReader reader, String path,
      String text) {
    if (path.endsWith("pom.xml")) {
      return new PomReads(q, reader).ofRepository(path, PomFile.parse(text)).map(EffectivePom::versions);
    }
    if (path.endsWith("gradle.lockfile")) {
      return Future.succeededFuture(declared(GradleVersions.lockfile(text)));
    }
    boolean catalog = path.endsWith(".toml");
    Map<MavenArtifact, String> written = catalog ? GradleVersions.catalog(text) : GradleVersions.script(text);
    // a BOM the build imports (platform(...), Spring Boot's plugin) sets the versions of what it writes without one
    PomReads poms = new PomReads(q, reader);
    List<Future<EffectivePom>> boms = new ArrayList<>();
    Map<MavenArtifact, String> imported = GradleVersions.boms(written, text, catalog);
    imported.forEach((a, v) -> boms.add(poms.bom(a, v)));
    return Future.all(new ArrayList<>(boms)).map(done -> {
      Map<MavenArtifact, EffectivePom.Pinned> out = declared(written);
      out.keySet().removeAll(imported.keySet()); // a BOM is a pom: it has no sources jar to look in
      for (Future<EffectivePom> bom : boms) {
        bom.result().managed().forEach((a, v) -> out.putIfAbsent(a, new EffectivePom.Pinned(v, false)));
      }
      return out;
    });
  }

  private static Map<MavenArtifact, EffectivePom.Pinned> declared(Map<MavenArtifact, String> versions) {
    Map<MavenArtifact, EffectivePom.Pinned> out = new LinkedHashMap<>();
    versions.forEach((a, v) -> out.put(a, new EffectivePom.Pinned(v, true)));
    return out;
  }
}
