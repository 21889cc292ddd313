package dev.sourcegate.resolve.deps.java;

import dev.sourcegate.resolve.rules.FileQuery;
import dev.sourcegate.resolve.rules.PerRefCache;
import dev.sourcegate.resolve.rules.SourceReader;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Works out a repository pom's {@link EffectivePom}: its parent (at {@code <relativePath>}, by default
 * {@code ../pom.xml}, in the request's repository when the pom there is that parent; else the parent's
 * {@code .pom} in the Maven repository) and the BOMs its dependency management imports
 * ({@code <scope>import</scope>}, read from the Maven repository), each with its own parents and imports.
 * Bounded: at most {@link #MAX_DEPTH} parents or imports deep and {@link #MAX_POMS} poms read for one
 * repository pom; past that, what is not read tells nothing. A pom that is missing tells nothing; any other
 * failure of a read (rate limit, the repository down) is the answer, since versions worked out without it
 * would be cached as if complete.
 */
final class PomReads {
  static final int MAX_DEPTH = 6;
  static final int MAX_POMS = 40;
  static final int MAX_POM_BYTES = 2 * 1024 * 1024;

  private final FileQuery q;
  private final SourceReader reader;
  private int budget = MAX_POMS;

  PomReads(FileQuery q, SourceReader reader) {
    this.q = q;
    this.reader = reader;
  }

  /** The effective pom of the repository's pom at path. */
  Future<EffectivePom> ofRepository(String path, PomFile pom) {
    return effective(pom, Optional.of(path), 0);
  }

  /** A BOM a Gradle build imports ({@code platform(...)}), read from the Maven repository as a pom's import is. */
  Future<EffectivePom> bom(MavenArtifact artifact, String version) {
    return fromMaven(artifact, version, 1);
  }

  private Future<EffectivePom> effective(PomFile pom, Optional<String> repoPath, int depth) {
    Future<EffectivePom> parent = pom.parent().isEmpty() || depth >= MAX_DEPTH
        ? Future.succeededFuture(EffectivePom.NONE) : parent(pom.parent().get(), repoPath, depth + 1);
    return parent.compose(p -> {
      Map<String, String> props = new HashMap<>(p.properties());
      props.putAll(pom.properties());
      props.put("project.groupId", pom.effectiveGroupId());
      props.put("project.artifactId", pom.artifactId());
      props.put("project.version", pom.effectiveVersion());
      pom.parent().ifPresent(par -> {
        props.put("project.parent.groupId", par.groupId());
        props.put("project.parent.version", par.version());
      });
      Map<MavenArtifact, String> own = new LinkedHashMap<>();
      List<Future<EffectivePom>> imports = new ArrayList<>();
      for (PomFile.Dependency d : pom.management()) {
        PomFile.Dependency i = interpolated(d, props);
        if (i.bomImport()) {
          imports.add(depth >= MAX_DEPTH || !EffectivePom.exact(i.version()) ? Future.succeededFuture(EffectivePom.NONE)
              : fromMaven(new MavenArtifact(i.groupId(), i.artifactId()), i.version(), depth + 1));
        } else if (EffectivePom.exact(i.version())) {
          own.putIfAbsent(new MavenArtifact(i.groupId(), i.artifactId()), i.version());
        }
      }
      return Future.all(new ArrayList<>(imports)).map(done -> {
        Map<MavenArtifact, String> managed = new LinkedHashMap<>(own);
        for (Future<EffectivePom> bom : imports) {
          bom.result().managed().forEach(managed::putIfAbsent);
        }
        p.managed().forEach(managed::putIfAbsent);
        List<PomFile.Dependency> deps = new ArrayList<>();
        for (PomFile.Dependency d : pom.dependencies()) {
          deps.add(interpolated(d, props));
        }
        deps.addAll(p.dependencies());
        return new EffectivePom(props, managed, deps);
      });
    });
  }

  private Future<EffectivePom> parent(PomFile.Parent par, Optional<String> childPath, int depth) {
    MavenArtifact artifact = new MavenArtifact(par.groupId(), par.artifactId());
    Optional<String> inRepo = childPath.flatMap(child -> relative(child, par.relativePath()));
    if (inRepo.isEmpty() || !spend()) {
      return fromMaven(artifact, par.version(), depth);
    }
    return read(PerRefCache.read(q, reader, inRepo.get())).compose(found -> {
      Optional<PomFile> pom = found.map(PomFile::parse).filter(p -> p.artifactId().equals(par.artifactId()));
      return pom.isPresent() ? effective(pom.get(), inRepo, depth) : fromMaven(artifact, par.version(), depth);
    });
  }

  private Future<EffectivePom> fromMaven(MavenArtifact a, String version, int depth) {
    if (!EffectivePom.exact(version) || a.groupId().isEmpty() || a.artifactId().isEmpty() || !spend()) {
      return Future.succeededFuture(EffectivePom.NONE);
    }
    RepoRef where = RepoRef.maven(a.groupId(), a.artifactId());
    Future<SourceFile> pom;
    try {
      pom = reader.file(where, version, String.format(RepoRef.MAVEN_POM_PATH, a.groupId(), a.artifactId()));
    } catch (RuntimeException e) {
      pom = Future.failedFuture(e);
    }
    return read(pom).compose(found -> found.isEmpty() ? Future.succeededFuture(EffectivePom.NONE)
        : effective(PomFile.parse(found.get()), Optional.empty(), depth));
  }

  /** The pom's text; empty when missing or too large to parse on an event loop. */
  private static Future<Optional<String>> read(Future<SourceFile> file) {
    return file.map(f -> f.content().length > MAX_POM_BYTES ? Optional.<String>empty()
            : Optional.of(new String(f.content(), StandardCharsets.UTF_8)))
        .recover(t -> RpcException.isNotFound(t) ? Future.succeededFuture(Optional.empty()) : Future.failedFuture(t));
  }

  private boolean spend() {
    return budget-- > 0;
  }

  /**
   * The parent's path in the repository: relativePath (a pom file or its directory) from the child's
   * directory; none when written empty or when it climbs out of the repository.
   */
  static Optional<String> relative(String childPath, String relativePath) {
    String rel = relativePath == null ? "../pom.xml" : relativePath.strip();
    if (rel.isEmpty() || rel.startsWith("/") || rel.contains("\\")) {
      return Optional.empty();
    }
    if (!rel.endsWith(".xml")) {
      rel = rel + "/pom.xml";
    }
    ArrayDeque<String> segments = new ArrayDeque<>();
    int slash = childPath.lastIndexOf('/');
    if (slash > 0) {
      for (String s : childPath.substring(0, slash).split("/")) {
        segments.addLast(s);
      }
    }
    for (String s : rel.split("/")) {
      if (s.isEmpty() || s.equals(".")) {
        continue;
      }
      if (s.equals("..")) {
        if (segments.isEmpty()) {
          return Optional.empty();
        }
        segments.removeLast();
      } else {
        segments.addLast(s);
      }
    }
    return Optional.of(String.join("/", segments));
  }

  private static PomFile.Dependency interpolated(PomFile.Dependency d, Map<String, String> props) {
    return new PomFile.Dependency(EffectivePom.interpolate(d.groupId(), props), EffectivePom.interpolate(d.artifactId(), props),
        EffectivePom.interpolate(d.version(), props), d.scope(), EffectivePom.interpolate(d.type(), props));
  }
}
