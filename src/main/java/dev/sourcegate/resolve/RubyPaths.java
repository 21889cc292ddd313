package dev.sourcegate.resolve;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Ruby frame's path says (docs/resolution.md §9): a core method written in Ruby
 * ({@code <internal:kernel>}), a file of the standard library under {@code lib/ruby/<X.Y.Z>/}, or an
 * installed gem ({@code gems/<name>-<version>/}); and ruby/ruby's tag for a version.
 */
final class RubyPaths {
  /** {@code <internal:kernel>}, {@code <internal:gem_prelude>}: a file at the root of ruby/ruby. */
  private static final Pattern INTERNAL = Pattern.compile("<internal:([A-Za-z0-9_]+)>");
  /**
   * {@code .../lib/ruby/3.3.0/net/http.rb} under any prefix (/usr/local, /usr, ~/.rbenv/versions/3.3.0,
   * ~/.rubies/ruby-3.3.0). The directory is Ruby's ABI version: 3.3.0 for every 3.3.x.
   */
  private static final Pattern STDLIB = Pattern.compile("(?:^|/)lib/ruby/(\\d{1,4})\\.(\\d{1,4})\\.(\\d{1,4})/(.+)");
  /** An installed gem, from RubyGems ({@code gems/rack-3.0.8/}) or a Bundler git checkout ({@code bundler/gems/x-1a2b3c/}). */
  private static final Pattern GEM = Pattern.compile("(?:^|/)gems/([^/]+?)-(\\d[^/]*|[0-9a-f]{7,40})/");
  /** "3.3", "3.3.5", "ruby-3.3.5", "3.4.0-preview1" (the form .ruby-version and Gemfile use). */
  private static final Pattern VERSION =
      Pattern.compile("(?:ruby-)?(\\d{1,4})\\.(\\d{1,4})(?:\\.(\\d{1,4}))?(?:-?((?:preview|rc)\\d+))?");

  /** A standard library file: {@code file} below lib/ruby/X.Y.Z/, the directory's version in major, minor, patch. */
  record StdFile(String file, int major, int minor, int patch) {}

  private RubyPaths() {}

  /** The core file ({@code kernel.rb}) of an {@code <internal:kernel>} frame. */
  static Optional<String> internalFile(String localPath) {
    Matcher m = INTERNAL.matcher(localPath);
    return m.matches() ? Optional.of(m.group(1) + ".rb") : Optional.empty();
  }

  static Optional<StdFile> standardLibrary(String localPath) {
    if (gem(localPath).isPresent()) {
      return Optional.empty();
    }
    Matcher m = STDLIB.matcher(localPath);
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.of(new StdFile(m.group(4),
        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
  }

  /** {@code name-version} of the gem the path is inside, if it is inside one. */
  static Optional<String> gem(String localPath) {
    Matcher m = GEM.matcher(localPath);
    return m.find() ? Optional.of(m.group(1) + "-" + m.group(2)) : Optional.empty();
  }

  /**
   * ruby/ruby's release tag for a version: {@code 3.3.5} -> {@code v3_3_5}, {@code 3.3} -> {@code v3_3_0}
   * (a version without patch level is taken as its first release), {@code 3.4.0-preview1} ->
   * {@code v3_4_0_preview1}; empty for what is not a CRuby version (jruby-9.4).
   */
  static Optional<String> tag(String version) {
    Matcher m = VERSION.matcher(version.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    String patch = m.group(3) == null ? "0" : m.group(3);
    String pre = m.group(4) == null ? "" : "_" + m.group(4);
    return Optional.of("v" + m.group(1) + "_" + m.group(2) + "_" + patch + pre);
  }

  /**
   * The tag for a standard library file: the ABI directory names only X.Y, so the version the application
   * runs picks the patch release when it is the same X.Y; otherwise the X.Y.0 release.
   */
  static String stdlibTag(StdFile std, Optional<String> runningVersion) {
    String abiTag = "v" + std.major() + "_" + std.minor() + "_" + std.patch();
    return runningVersion
        .filter(v -> sameMinor(v, std))
        .flatMap(RubyPaths::tag)
        .orElse(abiTag);
  }

  private static boolean sameMinor(String version, StdFile std) {
    Matcher m = VERSION.matcher(version.trim());
    return m.matches() && m.group(3) != null
        && Integer.parseInt(m.group(1)) == std.major() && Integer.parseInt(m.group(2)) == std.minor();
  }
}
