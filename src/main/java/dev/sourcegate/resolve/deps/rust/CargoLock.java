package dev.sourcegate.resolve.deps.rust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.sourcegate.source.CrateNames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One Cargo.lock (TOML, every format version): its {@code [[package]]} entries' name, version, source
 * and checksum. Format 1 kept the checksums apart, in {@code [metadata]} under
 * {@code "checksum <name> <version> (<source>)"}; they are read into the same entries.
 */
final class CargoLock {
  private static final TomlMapper TOML = new TomlMapper();
  private static final Pattern FULL_SHA = Pattern.compile("[0-9a-f]{40}");

  record Package(String name, String version, String source, String checksum) {}

  /** A git dependency's source: the repository URL (no query, no fragment) and the commit it is locked at. */
  record GitSource(String url, String commit) {}

  private final List<Package> packages;

  private CargoLock(List<Package> packages) {
    this.packages = List.copyOf(packages);
  }

  static CargoLock parse(String text) throws IOException {
    JsonNode root = TOML.readTree(text);
    JsonNode metadata = root.path("metadata");
    List<Package> out = new ArrayList<>();
    for (JsonNode p : root.path("package")) {
      String name = p.path("name").asText("");
      String version = p.path("version").asText("");
      String source = p.path("source").asText("");
      String checksum = p.path("checksum").asText(
          metadata.path("checksum " + name + " " + version + " (" + source + ")").asText(""));
      out.add(new Package(name, version, source, checksum));
    }
    return new CargoLock(out);
  }

  /** The SHA-256 the lock recorded for a registry crate at a version, if any. */
  Optional<String> checksum(String crate, String version) {
    return packages.stream()
        .filter(p -> p.name().equals(crate) && p.version().equals(version) && fromRegistry(p.source()))
        .map(p -> CrateNames.sha256(p.checksum())).flatMap(Optional::stream).findFirst();
  }

  /** The one registry version of a crate the lock holds; empty when it holds none or several. */
  Optional<String> onlyVersion(String crate) {
    List<String> versions = packages.stream().filter(p -> p.name().equals(crate) && fromRegistry(p.source()))
        .map(Package::version).distinct().toList();
    return versions.size() == 1 ? Optional.of(versions.get(0)) : Optional.empty();
  }

  /**
   * The git source Cargo checked out as {@code <repoName>-<hash>/<shortSha>}: its URL's last path segment
   * (without {@code .git}) is the directory's name, and its locked commit begins with shortSha.
   */
  Optional<GitSource> gitCheckout(String repoName, String shortSha) {
    for (Package p : packages) {
      Optional<GitSource> git = git(p.source());
      if (git.isPresent() && git.get().commit().startsWith(shortSha.toLowerCase(Locale.ROOT))
          && repoName.equalsIgnoreCase(lastSegment(git.get().url()))) {
        return git;
      }
    }
    return Optional.empty();
  }

  /** {@code git+https://github.com/o/r?branch=main#<sha>} -> its URL and full commit. */
  static Optional<GitSource> git(String source) {
    if (!source.startsWith("git+")) {
      return Optional.empty();
    }
    int hash = source.lastIndexOf('#');
    if (hash < 0) {
      return Optional.empty();
    }
    String commit = source.substring(hash + 1).toLowerCase(Locale.ROOT);
    String url = source.substring("git+".length(), hash);
    int query = url.indexOf('?');
    url = query < 0 ? url : url.substring(0, query);
    return FULL_SHA.matcher(commit).matches() ? Optional.of(new GitSource(url, commit)) : Optional.empty();
  }

  private static String lastSegment(String url) {
    String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    String last = u.substring(u.lastIndexOf('/') + 1);
    return last.endsWith(".git") ? last.substring(0, last.length() - 4) : last;
  }

  private static boolean fromRegistry(String source) {
    return source.startsWith("registry+") || source.startsWith("sparse+");
  }

  /** For tests: the entries read. */
  List<Package> packages() {
    return packages;
  }
}
