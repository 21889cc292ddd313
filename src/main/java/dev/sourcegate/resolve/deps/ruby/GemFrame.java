package dev.sourcegate.resolve.deps.ruby;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Ruby frame inside an installed gem. Under any prefix (/usr/local/bundle, vendor/bundle/ruby/3.3.0,
 * ~/.gem/ruby/3.3.0, ~/.rbenv/versions/3.3.0/lib/ruby/gems/3.3.0):
 * <ul>
 *   <li>{@code gems/<name>-<version>[-<platform>]/<member>}: a gem from a registry; the directory is the
 *       gem's full name, so it says the exact version (and the platform of a platform build,
 *       {@code nokogiri-1.16.0-x86_64-linux});
 *   <li>{@code bundler/gems/<repository>-<shortsha>/<path>}: a gem Bundler checked out from git; the
 *       directory names the repository and the first 12 hex digits of the commit, and the path is the
 *       repository's own (the checkout is the whole repository).
 * </ul>
 * A gem name may hold dashes and digits ({@code net-http-0.4.1}, {@code http-2-1.0.0}): the directory is
 * split where the rest reads as a version with an optional platform (which starts with a letter).
 */
public sealed interface GemFrame {
  /** A registry gem: the readings of its directory (most likely first) and the file inside the gem. */
  record Installed(List<GemVersion> readings, String member) implements GemFrame {}

  /** A git checkout: the directory's repository name and commit prefix, and the path in the repository. */
  record GitCheckout(String directory, String repositoryName, String shortSha, String path) implements GemFrame {}

  /** One reading of a gem directory: name, version and platform ({@code ruby} for a plain gem). */
  record GemVersion(String name, String version, String platform) {
    /** The registry's ref for this build: the version, with -platform for a platform build. */
    public String ref() {
      return platform.equals("ruby") ? version : version + "-" + platform;
    }

    public String fullName() {
      return name + "-" + ref();
    }
  }

  Pattern GIT = Pattern.compile("(?:^|/)bundler/gems/(([A-Za-z0-9._-]+)-([0-9a-f]{7,40}))/(.+)");
  Pattern INSTALLED = Pattern.compile("(?:^|/)gems/([^/]+)/(.+)");
  Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,100}");
  Pattern VERSION_AND_PLATFORM =
      Pattern.compile("(\\d{1,9}(?:\\.[0-9A-Za-z]{1,40}){0,10})(?:-([A-Za-z][A-Za-z0-9_.-]{0,60}))?");

  static Optional<GemFrame> parse(String localPath) {
    String p = localPath.replace('\\', '/');
    Matcher git = GIT.matcher(p);
    if (git.find()) {
      return Optional.of(new GitCheckout(git.group(1), git.group(2), git.group(3), git.group(4)));
    }
    Matcher m = INSTALLED.matcher(p);
    for (int from = 0; m.find(from); from = m.start() + 1) {
      List<GemVersion> readings = readings(m.group(1));
      if (!readings.isEmpty() && !m.group(2).endsWith("/")) {
        return Optional.of(new Installed(readings, m.group(2)));
      }
    }
    return Optional.empty();
  }

  /** Every way the directory splits into name-version[-platform]; those without a platform first. */
  static List<GemVersion> readings(String directory) {
    List<GemVersion> plain = new ArrayList<>();
    List<GemVersion> platformBuilds = new ArrayList<>();
    for (int dash = directory.indexOf('-'); dash > 0; dash = directory.indexOf('-', dash + 1)) {
      if (dash + 1 >= directory.length() || !Character.isDigit(directory.charAt(dash + 1))) {
        continue;
      }
      String name = directory.substring(0, dash);
      Matcher v = VERSION_AND_PLATFORM.matcher(directory.substring(dash + 1));
      if (NAME.matcher(name).matches() && v.matches()) {
        if (v.group(2) == null) {
          plain.add(new GemVersion(name, v.group(1), "ruby"));
        } else {
          platformBuilds.add(new GemVersion(name, v.group(1), v.group(2)));
        }
      }
    }
    plain.addAll(platformBuilds);
    return List.copyOf(plain);
  }
}
