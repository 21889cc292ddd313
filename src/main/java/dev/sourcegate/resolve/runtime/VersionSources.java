package dev.sourcegate.resolve.runtime;

import java.util.List;

/**
 * Every file that may tell a runtime version, in the order they win (docs/resolution.md §9.1): version
 * files, then build files, then the Dockerfile's base image. A file written to pin a version says more
 * than a build setting, which says more than the image the service happens to be packaged on.
 */
final class VersionSources {
  static final List<VersionSource> ALL = List.of(
      new PlainVersionFile(".java-version", Runtime.JDK),
      KeyedVersionLines.sdkmanrc(),
      KeyedVersionLines.toolVersions(),
      new PlainVersionFile(".nvmrc", Runtime.NODE),
      new PlainVersionFile(".node-version", Runtime.NODE),
      new PlainVersionFile(".python-version", Runtime.PYTHON),
      new PlainVersionFile(".ruby-version", Runtime.RUBY),
      new RustToolchainFile("rust-toolchain.toml"),
      new RustToolchainFile("rust-toolchain"),
      new PomXml(),
      new GradleBuild("build.gradle.kts"),
      new GradleBuild("build.gradle"),
      new PackageJson(),
      new PyprojectToml(),
      new Gemfile(),
      new Dockerfile());

  private VersionSources() {}

  static List<VersionSource> telling(Runtime runtime) {
    return ALL.stream().filter(s -> s.tells().contains(runtime)).toList();
  }
}
