package dev.sourcegate.resolve.runtime;

import dev.sourcegate.resolve.rules.ResolveContext;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Node.js's own JavaScript (docs/resolution.md §9.4). Node records its core modules as {@code node:fs},
 * {@code node:internal/timers} (Node 16 and later) or, before that, bare relative names:
 * {@code internal/timers.js}, {@code events.js}, {@code _http_server.js}. Application code is recorded
 * with its absolute path, so a bare relative name whose first part is a core module (the list is
 * runtime/node-builtins.txt) or {@code internal/} is Node's. Each is {@code lib/<name>.js} of
 * nodejs/node, at tag {@code v<X.Y.Z>} for a release, at branch {@code v<major>.x} for a major alone.
 */
public final class NodeCoreSource {
  private final Set<String> builtins;
  private final RuntimeVersions versions;

  public NodeCoreSource(RuntimeVersions versions) {
    this(NameList.load("/runtime/node-builtins.txt"), versions);
  }

  NodeCoreSource(Set<String> builtins, RuntimeVersions versions) {
    this.builtins = Set.copyOf(builtins);
    this.versions = versions;
  }

  /** {@code lib/...js} of nodejs/node when the path is a core module's. */
  public Optional<String> recognise(String localPath) {
    if (localPath.startsWith("node:")) {
      String name = localPath.substring("node:".length());
      return name.isEmpty() || name.startsWith("/") ? Optional.empty() : Optional.of(lib(name));
    }
    if (localPath.startsWith("/") || localPath.startsWith(".") || !localPath.endsWith(".js")
        || localPath.contains("node_modules/")) {
      return Optional.empty();
    }
    String name = localPath.substring(0, localPath.length() - ".js".length());
    return name.startsWith("internal/") || builtins.contains(name) ? Optional.of(lib(name)) : Optional.empty();
  }

  public Future<SourceFile> read(ResolveContext ctx, String libPath) {
    return versions.node(ctx).compose(v -> locate(v, libPath).read(ctx.reader()));
  }

  static RuntimeFile locate(RuntimeVersion v, String libPath) {
    return new RuntimeFile("nodejs", "node", v.full() ? "v" + v.version() : "v" + v.major() + ".x", List.of(libPath));
  }

  private static String lib(String name) {
    return "lib/" + (name.endsWith(".js") ? name : name + ".js");
  }
}
