package dev.sourcegate.resolve;

import dev.sourcegate.resolve.rules.SourceReader;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.PyroscopeConfig;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A reader whose answers wait until the test releases them, a round at a time: {@link #releaseRound}
 * answers every read asked so far, as one upstream round trip would. Reads asked while a round is being
 * answered (the next step of a rule) wait for the next round, so the number of rounds a request needs is
 * the number of round trips in a row it would make, whatever the machine's speed.
 */
final class ReleasedRoundsReader implements SourceReader {
  private record Pending(Promise<SourceFile> promise, String key) {}

  private final Map<String, String> files = new HashMap<>();
  private final List<Pending> pending = new ArrayList<>();
  private final List<Promise<PyroscopeConfig>> configs = new ArrayList<>();

  /** A file "owner/repo@ref:path" whose content is its key. */
  ReleasedRoundsReader file(String key) {
    files.put(key, key);
    return this;
  }

  ReleasedRoundsReader file(String key, String content) {
    files.put(key, content);
    return this;
  }

  @Override
  public Future<SourceFile> githubFile(String owner, String repo, String ref, String path) {
    Promise<SourceFile> p = Promise.promise();
    pending.add(new Pending(p, owner + "/" + repo + "@" + ref + ":" + path));
    return p.future();
  }

  @Override
  public Future<SourceFile> googleSourceFile(String project, String ref, String path) {
    return Future.failedFuture(RpcException.notFound(path));
  }

  @Override
  public Future<String> goGetPage(String importPath) {
    return Future.failedFuture(RpcException.notFound(importPath));
  }

  @Override
  public Future<PyroscopeConfig> pyroscopeConfig(String owner, String repo, String ref, String rootPath) {
    Promise<PyroscopeConfig> p = Promise.promise();
    configs.add(p);
    return p.future();
  }

  /** Answers every read asked so far; false when there was none. */
  boolean releaseRound() {
    List<Pending> round = List.copyOf(pending);
    List<Promise<PyroscopeConfig>> configRound = List.copyOf(configs);
    pending.clear();
    configs.clear();
    configRound.forEach(p -> p.complete(PyroscopeConfig.EMPTY));
    for (Pending p : round) {
      String content = files.get(p.key());
      if (content == null) {
        p.promise().fail(RpcException.notFound("file not found: " + p.key()));
      } else {
        p.promise().complete(new SourceFile(content.getBytes(StandardCharsets.UTF_8), "https://github.com/" + p.key()));
      }
    }
    return !round.isEmpty() || !configRound.isEmpty();
  }

  /** File reads asked and not answered yet. */
  int pendingFiles() {
    return pending.size();
  }

  /** Releases rounds until the answer is complete: how many it took. */
  int roundsUntil(Future<?> answer) {
    int rounds = 0;
    while (!answer.isComplete()) {
      if (!releaseRound()) {
        throw new AssertionError("the answer waits for nothing that was asked");
      }
      rounds++;
    }
    return rounds;
  }
}
