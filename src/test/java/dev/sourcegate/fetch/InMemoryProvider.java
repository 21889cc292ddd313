package dev.sourcegate.fetch;

import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.FileTree;
import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A source host held in memory, as a new provider would be written: only how to ask the host. Its
 * repositories are private (its host is no {@link RepoRef#publicHost}), readable by the tokens it is
 * given. Every call is counted; file answers wait until {@link #release} so that a test decides when
 * the upstream answers.
 */
final class InMemoryProvider implements SourceProvider {
  static final String HOST = "memory.test";

  private final Map<String, String> files = new HashMap<>();
  private final Map<String, String> branches = new HashMap<>();
  private final Set<String> readers;
  private final List<Promise<Void>> held = new ArrayList<>();
  private final List<Promise<Void>> heldRefs = new ArrayList<>();
  /** Whether ref answers wait for {@link #releaseRefs} (they answer at once otherwise). */
  boolean holdRefs;
  int fileCalls;
  int refCalls;
  int repositoryCalls;
  int treeCalls;

  InMemoryProvider(Set<String> readers) {
    this.readers = readers;
  }

  InMemoryProvider file(String sha, String path, String content) {
    files.put(sha + ":" + path, content);
    return this;
  }

  InMemoryProvider branch(String name, String sha) {
    branches.put(name, sha);
    return this;
  }

  /** Lets every file call made so far answer. */
  void release() {
    List<Promise<Void>> now = new ArrayList<>(held);
    held.clear();
    now.forEach(Promise::complete);
  }

  /** Lets every ref call held so far answer. */
  void releaseRefs() {
    List<Promise<Void>> now = new ArrayList<>(heldRefs);
    heldRefs.clear();
    now.forEach(Promise::complete);
  }

  @Override
  public String host() {
    return HOST;
  }

  @Override
  public String upstreamName() {
    return "the in-memory host";
  }

  @Override
  public Future<SourceFile> file(ProviderCall call, RepoRef where, String ref, String path) {
    fileCalls++;
    Promise<Void> gate = Promise.promise();
    held.add(gate);
    String sha = branches.getOrDefault(ref, ref);
    return gate.future().compose(v -> {
      String content = readers.contains(call.token()) ? files.get(sha + ":" + path) : null;
      return content == null ? Future.failedFuture(RpcException.notFound("file " + path + " not found"))
          : Future.succeededFuture(new SourceFile(content.getBytes(), "mem://" + where.key() + "/" + path));
    });
  }

  /** The commit's paths, for a reader; answered at once. */
  @Override
  public Future<FileTree> tree(ProviderCall call, RepoRef where, String ref) {
    treeCalls++;
    if (!readers.contains(call.token())) {
      return Future.failedFuture(RpcException.notFound("no tree " + ref));
    }
    String prefix = branches.getOrDefault(ref, ref) + ":";
    return Future.succeededFuture(new FileTree(files.keySet().stream().filter(k -> k.startsWith(prefix))
        .map(k -> k.substring(prefix.length())).sorted().toList(), false));
  }

  @Override
  public Future<RefAnswer> resolveRef(ProviderCall call, RepoRef where, String ref, String etag) {
    refCalls++;
    String sha = branches.get(ref);
    Future<RefAnswer> answer = sha == null ? Future.failedFuture(RpcException.notFound("no ref " + ref))
        : Future.succeededFuture(new RefAnswer(sha, null, false));
    if (!holdRefs) {
      return answer;
    }
    Promise<Void> gate = Promise.promise();
    heldRefs.add(gate);
    return gate.future().compose(v -> answer);
  }

  @Override
  public Future<RepoAnswer> repository(ProviderCall call, RepoRef where, String etag) {
    repositoryCalls++;
    return readers.contains(call.token()) ? Future.succeededFuture(new RepoAnswer(false, null, false))
        : Future.failedFuture(RpcException.notFound("no repository " + where.key()));
  }
}
