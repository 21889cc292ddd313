package dev.sourcegate.resolve.deps.rust;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Cargo.lock files found for one commit and rootPath, rootPath's before the root's; looked lists every
 * path that was read, found or not, for the not_found message.
 */
record CargoLocks(List<Found> found, List<String> looked) {
  record Found(String path, CargoLock lock) {}

  CargoLocks {
    found = List.copyOf(found);
    looked = List.copyOf(looked);
  }

  /** The first lock's answer, in the order the files are read. */
  <T> Optional<T> first(Function<CargoLock, Optional<T>> question) {
    return found.stream().map(f -> question.apply(f.lock())).flatMap(Optional::stream).findFirst();
  }

  /** Which lock files were read (or, when none was found, where they were looked for). */
  String read() {
    return found.isEmpty() ? "no Cargo.lock was found (looked for " + String.join(", ", looked) + ")"
        : "lock files read: " + String.join(", ", found.stream().map(Found::path).toList());
  }
}
