package dev.sourcegate.resolve.deps.node;

import java.util.Optional;

/** One parsed lock file: the version it installed for a frame's package, if it can tell. */
interface NodeLock {
  Optional<String> version(NodeFrame frame);
}
