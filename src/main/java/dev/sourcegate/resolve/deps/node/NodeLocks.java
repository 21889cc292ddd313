package dev.sourcegate.resolve.deps.node;

import java.util.List;
import java.util.Optional;

/**
 * The lock files found for one commit and rootPath, in the order they are asked (rootPath's before the
 * root's); looked lists every path that was read, found or not, for the not_found message.
 */
record NodeLocks(List<Found> found, List<String> looked) {
  record Found(String path, NodeLock lock) {}

  NodeLocks {
    found = List.copyOf(found);
    looked = List.copyOf(looked);
  }

  /** The version of the frame's package and the lock file that told it. */
  Optional<Found> whoKnows(NodeFrame frame) {
    return found.stream().filter(f -> f.lock().version(frame).isPresent()).findFirst();
  }

  /** Why a frame has no version, naming the files read (a reader needs to know what to commit). */
  String missing(NodeFrame frame) {
    String read = found.isEmpty() ? "no lock file was found (looked for " + String.join(", ", looked) + ")"
        : "lock files read: " + String.join(", ", found.stream().map(Found::path).toList());
    return "npm package " + frame.name() + " (" + frame.installPath() + ") has no locked version; " + read;
  }
}
