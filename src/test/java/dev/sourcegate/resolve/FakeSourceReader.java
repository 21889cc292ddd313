package dev.sourcegate.resolve;

import dev.sourcegate.resolve.rules.SourceReader;

import dev.sourcegate.source.FileTree;
import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.SourceFile;

import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.PyroscopeConfig;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An in-memory {@link SourceReader} for tests. Files are keyed "owner/repo@ref:path" (owner and repo
 * compared case-insensitively, as GitHub does), Google Source files "project@ref:path", vanity pages by
 * import path. Every call is recorded in order, in the form
 * <ul>
 *   <li>{@code github owner/repo@ref:path}</li>
 *   <li>{@code googlesource project@ref:path}</li>
 *   <li>{@code go-get importPath}</li>
 *   <li>{@code config owner/repo@ref:rootPath}</li>
 *   <li>{@code tree owner/repo@ref}, only for a repository given a tree ({@link #tree}): without one the
 *   reader has no trees (UNIMPLEMENTED, not recorded), as readers had before trees existed</li>
 * </ul>
 * so tests can assert exactly which upstream paths were asked. Futures are already complete when returned:
 * tests may read {@code result()} / {@code cause()} directly.
 */
public final class FakeSourceReader implements SourceReader {
  private final Map<String, byte[]> github = new HashMap<>();
  private final Map<String, byte[]> googleSource = new HashMap<>();
  private final Map<String, byte[]> pypi = new HashMap<>();
  private final Map<String, byte[]> crates = new HashMap<>();
  private final Map<String, byte[]> maven = new HashMap<>();
  private final Map<String, FileTree> mavenTrees = new HashMap<>();
  private final Map<String, String> goGetPages = new HashMap<>();
  private final Map<String, FileTree> trees = new HashMap<>();
  private final Map<String, RuntimeException> failures = new HashMap<>();
  private final List<String> calls = new ArrayList<>();
  private PyroscopeConfig config = PyroscopeConfig.EMPTY;
  private RuntimeException configFailure;
  private String callerKey = "";

  /** Adds a GitHub file whose content is its own key, so a test can see which file was answered. */
  public FakeSourceReader file(String key) {
    return file(key, key);
  }

  /** Adds a GitHub file, key "owner/repo@ref:path". */
  public FakeSourceReader file(String key, String content) {
    github.put(normalGithubKey(key), content.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** Adds a Google Source file whose content is its key, key "project@ref:path". */
  public FakeSourceReader googleSourceFile(String key) {
    googleSource.put(key, key.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** Adds a PyPI wheel member whose content is its key, key "distribution@version:member". */
  public FakeSourceReader pypiFile(String key) {
    pypi.put(key, key.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /**
   * Adds a Maven file, key "group:artifact@version:path": a sources jar's member, or the artifact's pom at
   * RepoRef.MAVEN_POM_PATH; the jar's tree lists every member added under its "group:artifact@version".
   */
  public FakeSourceReader mavenFile(String key, String content) {
    maven.put(key, content.getBytes(StandardCharsets.UTF_8));
    String jar = key.substring(0, key.indexOf(':', key.indexOf('@')));
    String path = key.substring(jar.length() + 1);
    if (!path.startsWith("META-INF/")) {
      List<String> paths = new ArrayList<>(mavenTrees.getOrDefault(jar, new FileTree(List.of(), false)).paths());
      paths.add(path);
      mavenTrees.put(jar, new FileTree(paths, false));
    }
    return this;
  }

  /** A Maven artifact's pom (recorded as "maven group:artifact@version:META-INF/maven/.../pom.xml"). */
  public FakeSourceReader mavenPom(String groupArtifact, String version, String xml) {
    String[] ga = groupArtifact.split(":");
    return mavenFile(groupArtifact + "@" + version + ":" + String.format(RepoRef.MAVEN_POM_PATH, ga[0], ga[1]), xml);
  }

  /** A sources jar's list of source files (recorded as "maven-tree group:artifact@version"). */
  @Override
  public Future<FileTree> tree(RepoRef where, String ref) {
    if (!RepoRef.MAVEN.equals(where.host())) {
      return SourceReader.super.tree(where, ref);
    }
    String key = where.owner() + ":" + where.repo() + "@" + ref;
    calls.add("maven-tree " + key);
    RuntimeException failure = failures.get("maven-tree " + key);
    if (failure != null) {
      return Future.failedFuture(failure);
    }
    FileTree t = mavenTrees.get(key);
    return t == null ? Future.failedFuture(RpcException.notFound(where.repo() + "-" + ref + "-sources.jar is missing"))
        : Future.succeededFuture(t);
  }

  /** Adds a crate's file, key "crate@ref:member" (the ref as the rules ask for it), with this content. */
  public FakeSourceReader crateFile(String key, String content) {
    crates.put(key, content.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /**
   * PyPI members (recorded as "pypi name@version:member"), crate files ("crates name@ref:member", answered
   * with docs.rs's page), Maven files ("maven g:a@version:path"); every other host as the default reader.
   */
  @Override
  public Future<SourceFile> file(RepoRef where, String ref, String path) {
    if (RepoRef.CRATES.equals(where.host())) {
      String key = where.repo() + "@" + ref + ":" + path;
      String call = "crates " + key;
      calls.add(call);
      RuntimeException failure = failures.get(call);
      byte[] content = crates.get(key);
      return failure != null ? Future.failedFuture(failure)
          : content == null ? Future.failedFuture(RpcException.notFound(path + " is not in crate " + where.repo()))
          : Future.succeededFuture(new SourceFile(content, "https://docs.rs/crate/" + where.repo() + "/" + ref + "/source/" + path));
    }
    if (RepoRef.MAVEN.equals(where.host())) {
      String key = where.owner() + ":" + where.repo() + "@" + ref + ":" + path;
      calls.add("maven " + key);
      RuntimeException failure = failures.get("maven " + key);
      if (failure != null) {
        return Future.failedFuture(failure);
      }
      byte[] content = maven.get(key);
      return content == null ? Future.failedFuture(RpcException.notFound(path + " is not in " + where.repo()))
          : Future.succeededFuture(new SourceFile(content, "maven:" + key));
    }
    if (!RepoRef.PYPI.equals(where.host())) {
      return SourceReader.super.file(where, ref, path);
    }
    String key = where.repo() + "@" + ref + ":" + path;
    calls.add("pypi " + key);
    byte[] content = pypi.get(key);
    return content == null ? Future.failedFuture(RpcException.notFound(path + " is not in " + where.repo()))
        : Future.succeededFuture(new SourceFile(content, "https://pypi.org/project/" + where.repo() + "/" + ref + "/"));
  }

  public FakeSourceReader goGetPage(String importPath, String html) {
    goGetPages.put(importPath, html);
    return this;
  }

  /** The file tree of "owner/repo@ref" (its paths, possibly truncated); its files are added with {@link #file}. */
  public FakeSourceReader tree(String key, boolean truncated, String... paths) {
    trees.put(normalGithubKey(key), new FileTree(List.of(paths), truncated));
    return this;
  }

  public FakeSourceReader config(PyroscopeConfig c) {
    this.config = c;
    return this;
  }

  /** The config read fails (the real reader promises it never does; resolution must survive anyway). */
  public FakeSourceReader failConfig(RuntimeException e) {
    this.configFailure = e;
    return this;
  }

  /**
   * Makes one call fail. {@code call} is written as recorded ("github owner/repo@ref:path",
   * "go-get importPath", "googlesource project@ref:path").
   */
  public FakeSourceReader fail(String call, RuntimeException e) {
    failures.put(normalCall(call), e);
    return this;
  }

  /** The caller this reader reads for ({@link SourceReader#callerKey}); empty by default. */
  public FakeSourceReader caller(String key) {
    this.callerKey = key;
    return this;
  }

  @Override
  public String callerKey() {
    return callerKey;
  }

  /** Every call so far, in order. */
  public List<String> calls() {
    return List.copyOf(calls);
  }

  @Override
  public Future<SourceFile> githubFile(String owner, String repo, String ref, String path) {
    String key = owner + "/" + repo + "@" + ref + ":" + path;
    String call = "github " + key;
    calls.add(call);
    RuntimeException failure = failures.get(normalCall(call));
    if (failure != null) {
      return Future.failedFuture(failure);
    }
    byte[] content = github.get(normalGithubKey(key));
    if (content == null) {
      return Future.failedFuture(RpcException.notFound("file not found: " + path));
    }
    return Future.succeededFuture(
        new SourceFile(content, "https://github.com/" + owner + "/" + repo + "/blob/" + ref + "/" + path));
  }

  @Override
  public Future<SourceFile> googleSourceFile(String project, String ref, String path) {
    String key = project + "@" + ref + ":" + path;
    String call = "googlesource " + key;
    calls.add(call);
    RuntimeException failure = failures.get(call);
    if (failure != null) {
      return Future.failedFuture(failure);
    }
    byte[] content = googleSource.get(key);
    if (content == null) {
      return Future.failedFuture(RpcException.notFound("file not found: " + path));
    }
    return Future.succeededFuture(
        new SourceFile(content, "https://go.googlesource.com/" + project + "/+/" + ref + "/" + path + "?format=TEXT"));
  }

  @Override
  public Future<FileTree> githubTree(String owner, String repo, String ref) {
    String key = owner + "/" + repo + "@" + ref;
    String call = "tree " + key;
    if (trees.isEmpty() && !failures.containsKey(call)) {
      return SourceReader.super.githubTree(owner, repo, ref);
    }
    calls.add(call);
    RuntimeException failure = failures.get(call);
    if (failure != null) {
      return Future.failedFuture(failure);
    }
    FileTree tree = trees.get(normalGithubKey(key));
    return tree == null ? Future.failedFuture(RpcException.notFound("no tree at " + ref)) : Future.succeededFuture(tree);
  }

  @Override
  public Future<String> goGetPage(String importPath) {
    String call = "go-get " + importPath;
    calls.add(call);
    RuntimeException failure = failures.get(call);
    if (failure != null) {
      return Future.failedFuture(failure);
    }
    String page = goGetPages.get(importPath);
    return page == null
        ? Future.failedFuture(RpcException.notFound("no go-get page for " + importPath))
        : Future.succeededFuture(page);
  }

  @Override
  public Future<PyroscopeConfig> pyroscopeConfig(String owner, String repo, String ref, String rootPath) {
    calls.add("config " + owner + "/" + repo + "@" + ref + ":" + rootPath);
    return configFailure != null ? Future.failedFuture(configFailure) : Future.succeededFuture(config);
  }

  /** GitHub owner and repo are case-insensitive; ref and path are not. */
  private static String normalGithubKey(String key) {
    int at = key.indexOf('@');
    return at < 0 ? key : key.substring(0, at).toLowerCase(Locale.ROOT) + key.substring(at);
  }

  private static String normalCall(String call) {
    return call.startsWith("github ") ? "github " + normalGithubKey(call.substring("github ".length())) : call;
  }
}
