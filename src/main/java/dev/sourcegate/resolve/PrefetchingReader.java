package dev.sourcegate.resolve;

import dev.sourcegate.resolve.rules.SourceReader;

import dev.sourcegate.source.FileTree;
import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.SourceFile;

import dev.sourcegate.source.PyroscopeConfig;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * One GetFile's reads, started early and asked once. The resolver's rules run one after another (the
 * answer must follow the order of docs/resolution.md), but what they will read can often be known up front: the
 * .pyroscope.yaml, the go.mod of a module-cache path, a module's vanity page. This reader starts those
 * reads at once and hands the in-flight answer to the rule that asks for it later.
 * Used by one request on one event loop, hence a plain map.
 *
 * <p>Which reads to start is the choice of SourceResolver.prefetch and each language's LanguageRules.prefetch:
 * only reads the rules themselves could make.
 */
final class PrefetchingReader implements SourceReader {
  /** A file read as the rules spelled it: two spellings are two reads. */
  private record FileRead(RepoRef where, String ref, String path) {}

  private record PageRead(String importPath) {}

  private final SourceReader inner;
  private final Map<Object, Future<?>> started = new LinkedHashMap<>();

  PrefetchingReader(SourceReader inner) {
    this.inner = inner;
  }

  @Override
  public Future<SourceFile> githubFile(String owner, String repo, String ref, String path) {
    return file(RepoRef.github(owner, repo), ref, path);
  }

  @Override
  public Future<SourceFile> googleSourceFile(String project, String ref, String path) {
    return file(RepoRef.googleSource(project), ref, path);
  }

  /** Keyed by the reference as spelled: two spellings are two reads, as the rules asked them. */
  @Override
  public Future<SourceFile> file(RepoRef where, String ref, String path) {
    return once(new FileRead(where, ref, path), () -> inner.file(where, ref, path));
  }

  @Override
  public Future<FileTree> githubTree(String owner, String repo, String ref) {
    return once(List.of("tree", owner, repo, ref), () -> inner.githubTree(owner, repo, ref));
  }

  @Override
  public Future<FileTree> tree(RepoRef where, String ref) {
    if (RepoRef.GITHUB.equals(where.host())) {
      return githubTree(where.owner(), where.repo(), ref);
    }
    return once(List.of("tree", where.host(), where.owner(), where.repo(), ref), () -> inner.tree(where, ref));
  }

  @Override
  public Future<String> goGetPage(String importPath) {
    return once(new PageRead(importPath), () -> inner.goGetPage(importPath));
  }

  @Override
  public Future<PyroscopeConfig> pyroscopeConfig(String owner, String repo, String ref, String rootPath) {
    return once(List.of("config", owner, repo, ref, rootPath), () -> inner.pyroscopeConfig(owner, repo, ref, rootPath));
  }

  @Override
  public String callerKey() {
    return inner.callerKey();
  }

  @Override
  public boolean speculative() {
    return inner.speculative();
  }

  /** Every file read started so far (where, ref, path as asked, and its answer so far), first started first. */
  @SuppressWarnings("unchecked")
  void eachFileRead(FileReadConsumer each) {
    started.forEach((k, read) -> {
      if (k instanceof FileRead f) {
        each.accept(f.where(), f.ref(), f.path(), (Future<SourceFile>) read);
      }
    });
  }

  /** Every vanity page read started so far, with its answer so far. */
  @SuppressWarnings("unchecked")
  void eachPageRead(BiConsumer<String, Future<String>> each) {
    started.forEach((k, read) -> {
      if (k instanceof PageRead p) {
        each.accept(p.importPath(), (Future<String>) read);
      }
    });
  }

  /** Receives one started file read. */
  @FunctionalInterface
  interface FileReadConsumer {
    void accept(RepoRef where, String ref, String path, Future<SourceFile> read);
  }

  @SuppressWarnings("unchecked")
  private <T> Future<T> once(Object key, Supplier<Future<T>> read) {
    return (Future<T>) started.computeIfAbsent(key, k -> read.get());
  }
}
