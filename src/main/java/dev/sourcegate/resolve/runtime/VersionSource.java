package dev.sourcegate.resolve.runtime;

import java.util.Map;
import java.util.Set;

/**
 * One kind of file that may tell runtime versions: its name in a directory, the runtimes it can tell
 * (so a look-up for one runtime reads only the files that may answer it) and how to read them from its
 * text. Implementations never throw on bad input: a file they cannot read tells nothing.
 */
interface VersionSource {
  String fileName();

  Set<Runtime> tells();

  /** The raw version text per runtime (normalised later by {@link VersionText}); empty when none. */
  Map<Runtime, String> read(String text);
}
