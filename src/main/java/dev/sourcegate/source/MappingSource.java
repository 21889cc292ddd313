package dev.sourcegate.source;

/** Where a mapping reads files from: exactly one of a local directory or another GitHub repository. */
public sealed interface MappingSource {

  /** A directory of the request's repository, relative to the .pyroscope.yaml (so under rootPath). */
  record Local(String path) implements MappingSource {}

  /** A directory of another GitHub repository at a fixed ref. */
  record GitHub(String owner, String repo, String ref, String path) implements MappingSource {}
}
