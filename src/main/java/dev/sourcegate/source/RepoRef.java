package dev.sourcegate.source;

import java.util.Locale;

/**
 * A place source is read from: a repository on a source host, and the host's kind of name for it. The
 * fetcher picks the provider that serves {@link #host}. {@link #key} is the one name the caches and the
 * access checks file a repository under: if two places built it two ways, an answer cached for one caller
 * could be served to another who may not read the repository.
 */
public record RepoRef(String host, String owner, String repo) {
  /** A GitHub repository (github.com or the configured GitHub Enterprise server). */
  public static final String GITHUB = "github.com";
  /** A googlesource project (go.googlesource.com/PROJECT); owner is empty. */
  public static final String GOOGLESOURCE = "googlesource";
  /** A Go import path whose ?go-get=1 page names where its code lives; owner is empty. */
  public static final String GO_IMPORT = "go-import";
  /** A Python distribution on PyPI (or the configured mirror); owner is empty, repo its PEP 503 name. */
  public static final String PYPI = "pypi";

  /** An npm package ("name" or "@scope/name"); owner is empty, the ref an exact version. */
  public static final String NPM = "npm";

  /**
   * A Ruby gem on RubyGems (or the configured mirror); owner is empty, repo the gem's name (RubyGems names
   * are case-sensitive), the ref its exact version, with {@code -<platform>} for a platform gem.
   */
  public static final String RUBYGEMS = "rubygems";

  public static RepoRef rubygems(String gem) {
    return new RepoRef(RUBYGEMS, "", gem);
  }

  /** A Rust crate on crates.io (or the configured mirror); owner is empty, the ref {@link CrateNames#ref}. */
  public static final String CRATES = "crates";

  public static RepoRef crates(String crateName) {
    return new RepoRef(CRATES, "", crateName);
  }

  /**
   * A Maven artifact in the configured Maven repository: owner its groupId, repo its artifactId, the ref an
   * exact version, the path a member of its sources jar (or {@link #MAVEN_POM_PATH}'s form for its pom).
   */
  public static final String MAVEN = "maven";

  /**
   * Where a jar keeps its artifact's pom ({@code META-INF/maven/<groupId>/<artifactId>/pom.xml}): the path
   * that names the artifact's own {@code .pom} in the repository, which BOMs and parents are read from.
   */
  public static final String MAVEN_POM_PATH = "META-INF/maven/%s/%s/pom.xml";

  public static RepoRef maven(String groupId, String artifactId) {
    return new RepoRef(MAVEN, groupId, artifactId);
  }

  public static RepoRef npm(String packageName) {
    return new RepoRef(NPM, "", packageName);
  }

  public static RepoRef github(String owner, String repo) {
    return new RepoRef(GITHUB, owner, repo);
  }

  public static RepoRef googleSource(String project) {
    return new RepoRef(GOOGLESOURCE, "", project);
  }

  public static RepoRef goImport(String importPath) {
    return new RepoRef(GO_IMPORT, "", importPath);
  }

  /** A Python distribution by its PEP 503 normalised name, so "Flask", "flask" and "FLASK" share one cache entry. */
  public static RepoRef pypi(String distribution) {
    return new RepoRef(PYPI, "", pep503(distribution));
  }

  /** PEP 503: lower case, every run of "-", "_" and "." one "-". */
  public static String pep503(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
  }

  /**
   * GitHub: "owner/repo" in lower case (GitHub ignores case). Any other host: "host:name" as given (its
   * names may differ by case), so no other host's repository can share a GitHub repository's key.
   */
  public String key() {
    if (GITHUB.equals(host)) {
      return key(owner, repo);
    }
    return host + ":" + (owner.isEmpty() ? repo : owner + "/" + repo);
  }

  /** "owner/repo" in lower case: GitHub's owner and repository names ignore case. */
  public static String key(String owner, String repo) {
    return (owner + "/" + repo).toLowerCase(Locale.ROOT);
  }

  /**
   * True for a host every caller may read all of (googlesource, Go import pages, npm, PyPI, Maven): its answers are
   * shared with no access check, and its content is cached under the ref as given. Every other host's
   * repositories may be private.
   */
  public boolean publicHost() {
    return GOOGLESOURCE.equals(host) || GO_IMPORT.equals(host) || NPM.equals(host) || PYPI.equals(host)
        || RUBYGEMS.equals(host)
        || CRATES.equals(host)
        || MAVEN.equals(host);
  }
}
