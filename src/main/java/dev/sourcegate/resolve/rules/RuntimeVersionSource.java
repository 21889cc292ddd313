package dev.sourcegate.resolve.rules;

import io.vertx.core.Future;
import java.util.Optional;

/**
 * Which version of a runtime the application runs, for rules that read the runtime's own repository at
 * that version. Implementations may read the request's repository (version files, build files, a
 * Dockerfile) and fall back to a configured default; empty means no version is known.
 */
public interface RuntimeVersionSource {

  /** The Ruby version ("3.3" or "3.3.5"), for frames that name no version of their own. */
  Future<Optional<String>> ruby(ResolveContext ctx);
}
